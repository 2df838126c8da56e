import type { ServiceKind } from '../model/kinds.ts'

/**
 * How a grant is realised: an ARM role assignment, a Cosmos DB data-plane assignment, a database
 * role a script grants (Azure SQL, PostgreSQL, MySQL), a Key Vault access policy (a Key Vault
 * data role on a vault that uses access policies: decided per grant, see `grantMechanismOn`) or
 * an Azure Cache for Redis data access policy assignment.
 */
export type GrantMechanism =
  'rbac' | 'cosmosSqlRbac' | 'sqlDatabaseRole' | 'keyVaultAccessPolicy' | 'redisAccessPolicy'

export interface RoleFact {
  readonly name: string
  /** Role definition GUID; absent for SQL database roles, which are not Azure roles. */
  readonly id?: string
  readonly services: readonly (ServiceKind | '*')[]
  readonly plane: 'control' | 'data'
  readonly grant: GrantMechanism
  readonly privileged?: boolean
  readonly keyExposing?: boolean
  /** Roles whose permissions this role includes on the same scope (not reflexive). */
  readonly subsumes?: readonly string[]
}

/** A role as written on an edge, resolved against the catalog (PRODUCT.md §4 "Roles"). */
export type RoleRef =
  | { readonly kind: 'builtin'; readonly fact: RoleFact }
  | { readonly kind: 'custom'; readonly guid: string }
  | { readonly kind: 'unknown'; readonly text: string }
