import { assertNever } from '../lib/assert.ts'
import type { Design } from '../model/types.ts'
import { DesignIndex } from './design-index.ts'

/**
 * The one definition of "how many grants" the designer, the plan panel, Optimize and the CLI
 * show, split by how Azure realises them: Azure role assignments (RBAC, custom roles included: one
 * `assignRole` each in the plan), data-plane grants (Cosmos DB SQL role assignments, Key Vault
 * access policies, Azure Cache for Redis access policy assignments) and database roles
 * (memberships a script grants: Azure SQL, PostgreSQL, MySQL). Counted over distinct grants (principal,
 * service, role, scope), so identical grants from several edges count once.
 */
export interface GrantCounts {
  readonly azureRoleAssignments: number
  readonly dataPlaneGrants: number
  readonly sqlDatabaseRoles: number
}

/** The counts of an indexed design: each principal's distinct grants, by their triple's mechanism. */
export function grantCountsOf(index: DesignIndex): GrantCounts {
  const mechanisms = index.tripleMechanisms()
  const { codes } = index.principalGrants()
  let azureRoleAssignments = 0
  let dataPlaneGrants = 0
  let sqlDatabaseRoles = 0
  for (let i = 0; i < codes.length; i++) {
    // A grant's code is its triple × 2 (+ 1 when RBAC): grant-sets.ts.
    const mechanism = mechanisms[(codes[i] as number) >> 1]
    // Another service's data role: nothing is created, so nothing is counted.
    if (mechanism === undefined) continue
    switch (mechanism) {
      case 'rbac':
        azureRoleAssignments++
        break
      case 'cosmosSqlRbac':
      case 'keyVaultAccessPolicy':
      case 'redisAccessPolicy':
        dataPlaneGrants++
        break
      case 'sqlDatabaseRole':
        sqlDatabaseRoles++
        break
      default:
        assertNever(mechanism, 'grant mechanism')
    }
  }
  return { azureRoleAssignments, dataPlaneGrants, sqlDatabaseRoles }
}

/** The counts of a design that has no index yet (Optimize's result, a CLI input). */
export function grantCountsOfDesign(design: Design): GrantCounts {
  return grantCountsOf(new DesignIndex(design))
}

/** "2 Azure role assignments", "1 data-plane grant": a count with its label, singular or plural. */
export function countPhrase(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`
}

export const GRANT_COUNT_LABELS: Record<keyof GrantCounts, readonly [string, string]> = {
  azureRoleAssignments: ['Azure role assignment', 'Azure role assignments'],
  dataPlaneGrants: ['data-plane grant', 'data-plane grants'],
  sqlDatabaseRoles: ['SQL database role', 'SQL database roles'],
}
