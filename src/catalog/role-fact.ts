import type { ServiceKind } from '../model/kinds.ts'

/** How a role is granted: ARM role assignment, Cosmos DB data-plane assignment, or SQL T-SQL. */
export type GrantMechanism = 'rbac' | 'cosmosSqlRbac' | 'sqlDatabaseRole'

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
