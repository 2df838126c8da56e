import { grantCountsOfDesign } from '@/analysis/grant-counts.ts'
import { describe, expect, it } from 'vitest'
import { applyEdits } from '@/model/edits.ts'
import type { AccessEdge, Design } from '@/model/types.ts'
import { optimizeIdentities } from '@/optimize/optimize.ts'
import { checkDesign } from '@/rules/engine.ts'
import { TEMPLATES } from '@/templates/index.ts'
import { design } from '../support/builder.ts'
import { sharedIdentityWithOwnNeed } from '../support/designs.ts'

const edge = (d: Design, id: string): AccessEdge | undefined => {
  const e = d.edges.find((x) => x.id === id)
  return e?.kind === 'access' ? e : undefined
}
const node = (d: Design, id: string) => d.nodes.find((n) => n.id === id)
const attached = (d: Design, identity: string): string[] =>
  d.edges.filter((e) => e.kind === 'attach' && e.target === identity).map((e) => e.source)

/** Runs optimize and checks the edits reproduce the design (the designer applies them). */
function optimize(d: Design) {
  const result = optimizeIdentities(d)
  const applied = applyEdits(d, result.edits)
  expect(applied.ok && applied.value).toEqual(result.design)
  return result
}

describe('optimizeIdentities', () => {
  it.each(TEMPLATES.map((t) => [t.id, t.design] as const))(
    'leaves the tutorial layout %s as it is',
    (_, d) => {
      const result = optimize(d)
      expect(result.edits).toEqual([])
      expect(result.design).toBe(d)
    },
  )

  it("moves one app's own dependency off a shared identity to its system-assigned identity", () => {
    const d = sharedIdentityWithOwnNeed()
    const { design: out, summary } = optimize(d)
    expect(node(out, 'api')).toMatchObject({ systemAssigned: true })
    expect(edge(out, 'e1')?.via).toBe('mi')
    expect(edge(out, 'e3')?.via).toBe('system')
    expect(attached(out, 'mi')).toEqual(['api', 'worker'])
    expect(summary).toEqual({
      identitiesCreated: [],
      identitiesRemoved: [],
      identitiesKept: [{ id: 'mi', name: 'mi-shared' }],
      systemAssignedOn: ['api'],
      systemAssignedOff: [],
      edgesSplit: [],
      repeatsDropped: [],
    })
  })

  it('drops the roles an app’s second edge to a service would repeat once both go through one identity', () => {
    // api reaches st twice with one role: through mi and through its own identity, so no edge
    // repeats the other yet. On one identity they would (duplicate-access).
    const d = design()
      .app('api', { systemAssigned: true, position: { x: 0, y: 0 } })
      .identity('mi', { name: 'mi-api' })
      .attach('api', 'mi')
      .service('st', 'storage', { name: 'st1' })
      .access('api', 'st', ['Storage Blob Data Reader', 'Reader'], { id: 'e1', via: 'mi' })
      .access('api', 'st', ['2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'], { id: 'e2', via: 'system' })
      .access('api', 'st', ['Storage Blob Data Reader'], { id: 'e3', via: 'system' })
      .build()
    expect(checkDesign(d).filter((f) => f.rule === 'duplicate-access')).toHaveLength(1)
    const { design: out, summary } = optimize(d)
    // e2 names Storage Blob Data Reader by its GUID: the same role, so it goes as e3 does.
    expect(out.edges.filter((e) => e.kind === 'access')).toEqual([
      expect.objectContaining({
        id: 'e1',
        via: 'system',
        roles: ['Storage Blob Data Reader', 'Reader'],
      }),
    ])
    expect(summary.repeatsDropped).toEqual(['e2', 'e3'])
    expect(checkDesign(out).filter((f) => f.rule === 'duplicate-access')).toEqual([])
  })

  it('sends an edge left with only unknown roles after a repeat is dropped where optimizing again would', () => {
    // Found by fast-check (CI, stop 38). api's first known role goes through the identity it
    // shares with web, so that identity is api's home for edges of unknown roles; e2 loses Reader
    // (e1's split-off part carries it) and keeps only the typo. Left on `system`, a second
    // optimize moved it home: no fixed point.
    const d = design()
      .app('web')
      .app('api')
      .service('hub', 'signalR')
      .access('web', 'hub', ['SignalR App Server'], { id: 'e0' })
      .access('api', 'hub', ['SignalR App Server', 'Reader'], { id: 'e1' })
      .access('api', 'hub', ['Reader', 'storage blob data reader'], { id: 'e2' })
      .build()
    const { design: out, summary } = optimize(d)
    expect(summary.repeatsDropped).toEqual(['e2'])
    expect(out.edges.filter((e) => e.kind === 'access' && e.source === 'api')).toEqual([
      expect.objectContaining({ id: 'e1', roles: ['SignalR App Server'], via: 'mi-hub' }),
      expect.objectContaining({ id: 'e2', roles: ['storage blob data reader'], via: 'mi-hub' }),
      expect.objectContaining({ id: 'e1-2', roles: ['Reader'], via: 'system' }),
    ])
    expect(optimizeIdentities(out).edits).toEqual([])
  })

  it('gives apps with identical needs one new shared identity named after the services', () => {
    const d = design()
      .app('web1', { systemAssigned: true, position: { x: 0, y: 0 } })
      .app('web2', { systemAssigned: true, position: { x: 0, y: 200 } })
      .identity('mi-st', { name: 'taken' })
      .service('st', 'storage', { name: 'orders.store' })
      .access('web1', 'st', ['Storage Blob Data Reader'], { id: 'e1', via: 'system' })
      .access('web2', 'st', ['Storage Blob Data Reader'], { id: 'e2' })
      .build()
    const { design: out, summary } = optimize(d)
    expect(summary.identitiesCreated).toEqual([{ id: 'mi-st-2', name: 'mi-orders-store' }])
    expect(summary.identitiesRemoved).toEqual([{ id: 'mi-st', name: 'taken' }])
    expect(summary.systemAssignedOff).toEqual(['web1', 'web2'])
    expect(
      [grantCountsOfDesign(d), grantCountsOfDesign(out)].map((c) => c.azureRoleAssignments),
    ).toEqual([2, 1])
    expect(node(out, 'mi-st-2')).toEqual({
      id: 'mi-st-2',
      kind: 'identity',
      name: 'mi-orders-store',
      position: { x: 280, y: 100 },
    })
    expect(attached(out, 'mi-st-2')).toEqual(['web1', 'web2'])
    expect([edge(out, 'e1')?.via, edge(out, 'e2')?.via]).toEqual(['mi-st-2', 'mi-st-2'])
  })

  it('splits an edge whose roles go to different identities; the first part keeps the id', () => {
    const d = design()
      .app('a')
      .app('b')
      .service('st', 'storage')
      .access('a', 'st', ['Storage Blob Data Reader', 'Oops', 'Storage Queue Data Reader'], {
        id: 'e1',
        scope: 'resourceGroup',
      })
      .access('b', 'st', ['Storage Blob Data Reader'], { id: 'e2', scope: 'resourceGroup' })
      .build()
    const { design: out, summary } = optimize(d)
    expect(summary.edgesSplit).toEqual([{ edge: 'e1', into: ['e1-2'] }])
    expect(edge(out, 'e1')).toMatchObject({
      roles: ['Storage Blob Data Reader', 'Oops'],
      via: 'mi-st',
      scope: 'resourceGroup',
    })
    expect(edge(out, 'e1-2')).toEqual({
      id: 'e1-2',
      kind: 'access',
      source: 'a',
      target: 'st',
      roles: ['Storage Queue Data Reader'],
      via: 'system',
      scope: 'resourceGroup',
    })
    expect(node(out, 'a')).toMatchObject({ systemAssigned: true })
    expect(node(out, 'b')).not.toHaveProperty('systemAssigned')
  })

  it('puts a Logic App whose needs fall into two groups on its system-assigned identity alone', () => {
    const d = design()
      .app('flow', { hosting: 'logicApp' })
      .app('a')
      .app('b')
      .service('st', 'storage')
      .service('bus', 'serviceBus')
      .access('flow', 'st', ['Storage Blob Data Reader'], { id: 'f1' })
      .access('a', 'st', ['Storage Blob Data Reader'], { id: 'a1' })
      .access('flow', 'bus', ['Azure Service Bus Data Sender'], { id: 'f2' })
      .access('b', 'bus', ['Azure Service Bus Data Sender'], { id: 'b1' })
      .build()
    const { design: out, summary } = optimize(d)
    expect(summary.identitiesCreated).toEqual([])
    expect(summary.systemAssignedOn).toEqual(['flow', 'a', 'b'])
    for (const id of ['f1', 'f2', 'a1', 'b1']) expect(edge(out, id)?.via).toBe('system')
  })

  it('gives an AKS workload a user-assigned identity of its own, reusing one that fits', () => {
    const d = design()
      .app('pod', { hosting: 'aksWorkload', systemAssigned: true })
      .app('job', { hosting: 'aksWorkload' })
      .identity('pod-id')
      .attach('pod', 'pod-id')
      .service('acr', 'containerRegistry')
      .access('pod', 'acr', ['AcrPull'], { id: 'e1', via: 'system' })
      .access('job', 'acr', ['AcrPush'], { id: 'e2' })
      .build()
    const { design: out, summary } = optimize(d)
    expect(summary.identitiesKept).toEqual([{ id: 'pod-id', name: 'pod-id' }])
    expect(summary.identitiesCreated).toEqual([{ id: 'mi-job', name: 'mi-job' }])
    expect(summary.systemAssignedOff).toEqual(['pod'])
    expect(edge(out, 'e1')?.via).toBe('pod-id')
    expect(edge(out, 'e2')?.via).toBe('mi-job')
  })

  it('gives an app whose roles are all unknown an identity of its own so its edges resolve', () => {
    const d = design()
      .app('api')
      .app('pod', { hosting: 'aksWorkload' })
      .service('st', 'storage')
      .access('api', 'st', ['Typo'], { id: 'e1' })
      .access('pod', 'st', ['Typo'], { id: 'e2' })
      .build()
    const { design: out } = optimize(d)
    expect(edge(out, 'e1')).toMatchObject({ roles: ['Typo'], via: 'system' })
    expect(edge(out, 'e2')).toMatchObject({ roles: ['Typo'], via: 'mi-pod' })
  })

  it('never touches apps without access edges, and removes identities left without use', () => {
    const d = design()
      .app('idle', { systemAssigned: true })
      .app('api', { systemAssigned: true })
      .identity('old')
      .attach('idle', 'old')
      .attach('api', 'old')
      .developer('devs')
      .service('st', 'storage')
      .access('api', 'st', ['Storage Blob Data Reader'], { id: 'e1', via: 'old' })
      .access('devs', 'st', ['Storage Blob Data Reader'], { id: 'e2' })
      .build()
    const { design: out, summary } = optimize(d)
    expect(node(out, 'idle')).toBe(d.nodes[0])
    expect(summary.identitiesRemoved).toEqual([{ id: 'old', name: 'old' }])
    expect(out.edges.filter((e) => e.kind === 'attach')).toEqual([])
    expect(edge(out, 'e1')?.via).toBe('system')
    expect(edge(out, 'e2')).toBe(d.edges[3])
    expect(
      [grantCountsOfDesign(d), grantCountsOfDesign(out)].map((c) => c.azureRoleAssignments),
    ).toEqual([2, 2])
  })

  it('is deterministic', () => {
    const d = design()
      .app('a')
      .app('b')
      .app('c')
      .service('st', 'storage')
      .service('kv', 'keyVault')
      .access('a', 'st', ['Storage Blob Data Reader'])
      .access('b', 'st', ['Storage Blob Data Reader'])
      .access('b', 'kv', ['Key Vault Secrets User'])
      .access('c', 'kv', ['Key Vault Secrets User'])
      .build()
    expect(optimizeIdentities(d)).toEqual(optimizeIdentities(d))
    expect(optimizeIdentities(d).summary.identitiesCreated.map((i) => i.id)).toEqual([
      'mi-st',
      'mi-kv',
    ])
  })
})
