import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DesignIndex, grantKey } from '@/analysis/design-index.ts'
import { grantCount, sameGrants } from '@/analysis/grant-sets.ts'
import { grantMechanismOn, resolveRole } from '@/catalog/roles.ts'
import { ModelIndex } from '@/model/queries.ts'
import { designArbitrary } from '../support/arbitraries.ts'

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
