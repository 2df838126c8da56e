import { describe, expect, it } from 'vitest'
import { buildImportedDesign } from '@/import/build-design.ts'
import { computeDrift } from '@/import/drift.ts'
import { readEstate } from '@/import/read-estate.ts'
import { readLive } from '@/import/read-live.ts'
import { checkDesign } from '@/rules/engine.ts'
import { DEMO_OWNER_USER, loadEstate, parseEstate } from '@/sandbox/core/estate.ts'
import { applyOnce, inPageWorld, SUB, TARGET } from '../../apply/support.ts'

const RG = 'contoso-prod'

describe('the demo estate: a realistic messy resource group', () => {
  it('imports with the problems a reviewer must see, and the orphans of a deleted identity', async () => {
    const world = inPageWorld()
    expect(loadEstate(world.sandbox, 'demo')).toEqual({
      resourceGroup: RG,
      apps: 5,
      identities: 3,
      services: 4,
      assignments: 10,
    })
    const estate = await readEstate(world.gateway, SUB, RG)
    const { design, notes } = await buildImportedDesign(estate)
    const rules = new Set(checkDesign(design).map((f) => f.rule))
    for (const rule of ['privileged-role', 'key-exposing-role', 'broad-scope', 'unused-identity'])
      expect(rules).toContain(rule)
    const owner = design.nodes.find(
      (n) => n.kind === 'developer' && n.azure?.principalId === DEMO_OWNER_USER,
    )
    expect(owner).toMatchObject({ principal: 'user' })
    expect(design.edges.find((e) => e.kind === 'access' && e.source === owner?.id)).toMatchObject({
      roles: ['Owner'],
      scope: 'resourceGroup',
    })
    // The shared identity reaches every app that uses it; the deleted one is gone but still named.
    const shared = design.nodes.find((n) => n.name === 'mi-contoso-shared')!
    expect(design.edges.filter((e) => e.kind === 'attach' && e.target === shared.id)).toHaveLength(
      4,
    )
    expect(design.nodes.some((n) => n.name === 'mi-legacy')).toBe(false)
    expect(notes.filter((n) => n.includes('no app or user-assigned identity'))).toHaveLength(2)
    expect(notes.some((n) => n.includes('mi-legacy, which no longer exists'))).toBe(true)

    // Drift of the imported design: the two orphans, nothing else.
    const live = await readLive(world.gateway, SUB, RG)
    const drift = computeDrift(design, live, {
      subscriptionId: SUB,
      resourceGroup: RG,
      location: 'westeurope',
    })
    expect(drift.ok && drift.value.orphaned).toHaveLength(2)
    expect(drift.ok && [drift.value.missing, drift.value.unmanaged]).toEqual([[], []])
  })

  it('applies as imported: every step done (a Container App has its container to set)', async () => {
    const world = inPageWorld()
    loadEstate(world.sandbox, 'demo')
    const { design } = await buildImportedDesign(await readEstate(world.gateway, SUB, RG))
    const { report } = await applyOnce(design, world, { target: { ...TARGET, resourceGroup: RG } })
    expect(report.counts.failed).toBe(0)
    const catalog = Object.values(world.sandbox.snapshot().resources).find(
      (r) => r.name === 'ca-catalog',
    )
    const container = (
      catalog?.properties as {
        template: { containers: { name: string; env?: { name: string; value: string }[] }[] }
      }
    ).template.containers[0]
    expect(container?.env?.map((e) => e.name)).toEqual(['AZURE_CLIENT_ID'])
  })

  it('generates a large estate deterministically, of the size asked for', () => {
    const a = inPageWorld()
    const b = inPageWorld()
    const size = { resourceGroup: 'big-rg', apps: 50, identities: 10, assignments: 120, seed: 3 }
    expect(loadEstate(a.sandbox, size)).toEqual({
      resourceGroup: 'big-rg',
      apps: 50,
      identities: 10,
      services: 10,
      assignments: 120,
    })
    loadEstate(b.sandbox, size)
    expect(Object.keys(a.sandbox.snapshot().roleAssignments).sort()).toEqual(
      Object.keys(b.sandbox.snapshot().roleAssignments).sort(),
    )
  })
  it('gives every (service, role, principal) there is when asked for more, at once', () => {
    const world = inPageWorld()
    const size = { resourceGroup: 'big-rg', apps: 20, identities: 20, assignments: 5_001 }
    const summary = loadEstate(world.sandbox, size)
    const made = Object.values(world.sandbox.snapshot().roleAssignments).filter((a) =>
      a.scope.includes('/resourceGroups/big-rg/'),
    )
    expect(summary.assignments).toBe(made.length)
    expect(made.length).toBeGreaterThan(0)
    expect(made.length).toBeLessThan(5_001)
    // Each one once: asking for more adds none twice.
    const keys = made.map((a) => `${a.scope}|${a.roleDefinitionGuid}|${a.principalId}`)
    expect(new Set(keys).size).toBe(keys.length)
    // No principal at all: none (it hung the sandbox, looking for one).
    const empty = { resourceGroup: 'empty-rg', apps: 0, identities: 0, assignments: 10 }
    expect(loadEstate(inPageWorld().sandbox, empty).assignments).toBe(0)
  })
})

describe('a generated estate’s services', () => {
  it('writes its Azure OpenAI account as one (kind OpenAI), so an import draws it', async () => {
    const world = inPageWorld()
    const size = { resourceGroup: 'ai-rg', apps: 40, identities: 2, assignments: 10 }
    expect(loadEstate(world.sandbox, size).services).toBe(8)
    const resources = await world.gateway.listResources(SUB, 'ai-rg')
    expect(
      resources
        .filter((r) => r.type === 'Microsoft.CognitiveServices/accounts')
        .map((r) => [r.name, r.kind]),
    ).toEqual([['svc-openai-7', 'OpenAI']])
    const { design } = await buildImportedDesign(await readEstate(world.gateway, SUB, 'ai-rg'))
    expect(
      design.nodes.filter((n) => n.kind === 'service').map((n) => [n.name, n.service]),
    ).toContainEqual(['svc-openai-7', 'openAI'])
  })
})

describe('parseEstate (the admin endpoint’s POST /_sandbox/estate body)', () => {
  it('takes the demo or a bounded size, and says what is wrong otherwise', () => {
    expect(parseEstate({ name: 'demo' })).toEqual({ ok: true, value: 'demo' })
    expect(
      parseEstate({ resourceGroup: 'big', apps: 10, identities: 2, assignments: 30, seed: 4 }),
    ).toEqual({
      ok: true,
      value: { resourceGroup: 'big', apps: 10, identities: 2, assignments: 30, seed: 4 },
    })
    expect(
      parseEstate({ resourceGroup: 'big', apps: 10, identities: 2, assignments: 60_000 }),
    ).toEqual({ ok: false, error: 'assignments must be a whole number from 0 to 50000' })
    expect(
      parseEstate({ resourceGroup: 'bad name.', apps: 1, identities: 1, assignments: 1 }),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/^give \{"name":"demo"\}/) })
  })
})
