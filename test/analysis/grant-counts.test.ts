import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DesignIndex } from '@/analysis/design-index.ts'
import { grantCountsOf } from '@/analysis/grant-counts.ts'
import type { GrantMechanism } from '@/catalog/roles.ts'
import { TEMPLATES } from '@/templates/index.ts'
import { designArbitrary } from '../support/arbitraries.ts'
import { design } from '../support/builder.ts'

/** The counts as the grant objects say: one per distinct grant, by its own mechanism. */
function countsOfGrants(index: DesignIndex) {
  const of = (...mechanisms: (GrantMechanism | undefined)[]) =>
    index.distinctGrants().filter((g) => mechanisms.includes(g.mechanism)).length
  return {
    azureRoleAssignments: of('rbac'),
    dataPlaneGrants: of('cosmosSqlRbac', 'keyVaultAccessPolicy', 'redisAccessPolicy'),
    sqlDatabaseRoles: of('sqlDatabaseRole'),
  }
}

describe('grantCountsOf', () => {
  it('counts each distinct grant once by its mechanism, as the grant objects do, on any design', () => {
    fc.assert(
      fc.property(designArbitrary(), (d) => {
        const index = new DesignIndex(d)
        expect(grantCountsOf(index)).toEqual(countsOfGrants(index))
        expect(index.distinctGrantCount()).toBe(index.distinctGrants().length)
      }),
      { numRuns: 300 },
    )
  })

  it.each(TEMPLATES.map((t) => [t.id, t.design] as const))(
    'counts the grants of the %s template as its grant objects do',
    (_, d) => {
      const index = new DesignIndex(d)
      expect(grantCountsOf(index)).toEqual(countsOfGrants(index))
    },
  )

  it("counts a Key Vault data role by the vault's model, and a grant held twice once", () => {
    const d = design()
      .app('api', { systemAssigned: true })
      .service('kv-policy', 'keyVault', { permissionModel: 'accessPolicy' })
      .service('kv-rbac', 'keyVault', { permissionModel: 'rbac' })
      .service('cache', 'redis')
      .access('api', 'kv-policy', ['Key Vault Secrets User'], { via: 'system' })
      .access('api', 'kv-rbac', ['Key Vault Secrets User'], { via: 'system' })
      .access('api', 'kv-rbac', ['Key Vault Secrets User', 'not a role'], { via: 'system' })
      .access('api', 'cache', ['Data Reader'], { via: 'system' })
      .build()
    const index = new DesignIndex(d)
    expect(grantCountsOf(index)).toEqual({
      azureRoleAssignments: 1,
      dataPlaneGrants: 2,
      sqlDatabaseRoles: 0,
    })
    expect(index.distinctGrantCount()).toBe(3)
  })

  it("counts no grant for another service's data role: nothing is created for it", () => {
    const d = design()
      .app('api', { systemAssigned: true })
      .service('st', 'storage')
      .access('api', 'st', ['Cosmos DB Built-in Data Reader', 'db_datawriter', 'Data Reader'])
      .access('api', 'st', ['Storage Blob Data Reader'], { id: 'rbac' })
      .build()
    const index = new DesignIndex(d)
    expect(grantCountsOf(index)).toEqual({
      azureRoleAssignments: 1,
      dataPlaneGrants: 0,
      sqlDatabaseRoles: 0,
    })
    // Still grants of the design (PRODUCT.md §4): the rules see them.
    expect(index.distinctGrantCount()).toBe(4)
  })
})
