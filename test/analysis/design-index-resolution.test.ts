import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DesignIndex, grantKey } from '@/analysis/design-index.ts'
import { grantCount, sameGrants } from '@/analysis/grant-sets.ts'
import { grantMechanismOn, resolveRole } from '@/catalog/roles.ts'
import { ModelIndex } from '@/model/queries.ts'
import { designArbitrary } from '../support/arbitraries.ts'
import type { AccessEdge } from '@/model/types.ts'
import { design } from '../support/builder.ts'

/** Twelve role texts (more than the two edges that carry them): built-in names and GUIDs. */
const ROLES_OF_STORAGE = [
  'Storage Blob Data Reader',
  'Storage Blob Data Contributor',
  'Storage Blob Data Owner',
  'Storage Queue Data Reader',
  'Storage Queue Data Contributor',
  'Storage Table Data Reader',
  'Storage Table Data Contributor',
  'Reader',
  'Contributor',
  'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  'not a role',
  '11111111-2222-3333-4444-555555555555',
]

describe('DesignIndex', () => {
  it('resolves every access edge exactly as ModelIndex.resolve does, by id and by position', () => {
    fc.assert(
      fc.property(designArbitrary(), (d) => {
        const model = new ModelIndex(d)
        const index = new DesignIndex(d)
        index.accessEdges.forEach((edge, at) => {
          const expected = model.resolve(edge)
          expect(index.resolutionOf(edge.id)).toEqual(expected)
          expect(index.resolutions.get(edge.id)).toEqual(expected)
          expect(index.resolutionAt[at]).toEqual(expected)
          expect(index.rolesOf(edge.id)).toEqual(edge.roles.map(resolveRole))
          expect(index.rolesAt[at]).toEqual(edge.roles.map(resolveRole))
          expect(index.accessEdgesFrom(edge.source)).toContain(edge)
          const n = index.principalAt[at] as number
          if (expected.resolved) {
            expect(index.principals[n]).toEqual(expected.principal)
            expect(index.principalKeys[n]).toBe(
              `${expected.principal.type}:${expected.principal.node}`,
            )
          } else expect(n).toBe(-1)
        })
      }),
      { numRuns: 300 },
    )
  }, 60_000)

  it('resolves the same whatever order the edges come in (attach edges after access edges)', () => {
    fc.assert(
      fc.property(designArbitrary(), (d) => {
        // Reversed, every attach edge comes after the access edges it resolves.
        const reversed = { ...d, edges: [...d.edges].reverse() }
        const model = new ModelIndex(reversed)
        const index = new DesignIndex(reversed)
        index.accessEdges.forEach((edge, at) =>
          expect(index.resolutionAt[at]).toEqual(model.resolve(edge)),
        )
      }),
      { numRuns: 200 },
    )
  })

  it('resolves an edge asked about in any order, or as a copy, as ModelIndex does', () => {
    const asked = fc.tuple(designArbitrary(), fc.array(fc.nat(), { maxLength: 40 }))
    fc.assert(
      fc.property(asked, ([d, picks]) => {
        const model = new ModelIndex(d)
        const index = new DesignIndex(d)
        const edges = index.accessEdges
        if (edges.length === 0) return
        // In order first (what the canvas does), then at random, then copies of the same edges.
        const order = [...edges, ...picks.map((p) => edges[p % edges.length] as AccessEdge)]
        for (const edge of [...order, ...order.map((e) => ({ ...e }))])
          expect(index.resolve(edge)).toEqual(model.resolve(edge))
      }),
      { numRuns: 200 },
    )
  })

  it('refuses to resolve an access edge that is not in the design', () => {
    const d = design()
      .app('api', { systemAssigned: true })
      .service('st', 'storage')
      .access('api', 'st', ['Reader'], { via: 'system' })
      .build()
    const index = new DesignIndex(d)
    const edge = index.accessEdges[0] as AccessEdge
    expect(index.resolve(edge)).toEqual({
      resolved: true,
      principal: { type: 'systemAssigned', node: 'api' },
    })
    expect(() => index.resolve({ ...edge, id: 'elsewhere' })).toThrow('no access edge elsewhere')
  })

  it('numbers every role of edges carrying many roles (more roles than edges)', () => {
    const roles = ROLES_OF_STORAGE
    const d = design()
      .app('api', { systemAssigned: true })
      .service('st', 'storage')
      .access('api', 'st', roles)
      .access('api', 'st', [...roles].reverse())
      .build()
    const index = new DesignIndex(d)
    expect(index.rolesAt).toEqual([roles.map(resolveRole), [...roles].reverse().map(resolveRole)])
    expect(index.roleNo).toHaveLength(2 * roles.length)
  })

  it('yields one grant per known or custom role of each resolved edge, grouped by principal', () => {
    fc.assert(
      fc.property(designArbitrary(), (d) => {
        const model = new ModelIndex(d)
        const index = new DesignIndex(d)
        const expected = model.accessEdges.flatMap((edge) => {
          const r = model.resolve(edge)
          if (!r.resolved) return []
          return edge.roles
            .map(resolveRole)
            .filter((role) => role.kind !== 'unknown')
            .map((role) => ({ edge: edge.id, principal: r.principal, role }))
        })
        expect(
          index.grants.map((g) => ({ edge: g.edge, principal: g.principal, role: g.role })),
        ).toEqual(expected)
        for (const [key, grants] of index.grantsByPrincipal)
          for (const g of grants) expect(g.principalKey).toBe(key)
        const distinct = new Set(index.grants.map(grantKey))
        expect(index.distinctGrants()).toHaveLength(distinct.size)
        // A Key Vault data role on a vault using access policies is an access policy, not RBAC.
        const rbac = index.grants.filter((g) => {
          const target = model.node(g.service)
          return (
            grantMechanismOn(g.role, target?.kind === 'service' ? target : undefined) === 'rbac'
          )
        })
        expect(index.rbacAssignmentCount()).toBe(new Set(rbac.map(grantKey)).size)
        // Each principal's grant set: its distinct (service, role, scope), as numbers; two
        // principals' sets are the same exactly when they hold the same (service, role, scope).
        const grantSets = index.principalGrants()
        const held = index.principals.map((p) => {
          const own = index.grants.filter(
            (g) => g.principal.type === p.type && g.principal.node === p.node,
          )
          return [...new Set(own.map((g) => `${g.service}|${g.roleKey}|${g.scope}`))].sort()
        })
        held.forEach((keys, p) => {
          expect(grantCount(grantSets, p)).toBe(keys.length)
          held.forEach((other, q) =>
            expect(sameGrants(grantSets, p, q), `${p} ${q}`).toBe(keys.join() === other.join()),
          )
        })
      }),
      { numRuns: 200 },
    )
  }, 60_000)
})
