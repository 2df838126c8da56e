import { permits } from './arm-permissions.ts'
import type { RoleRef } from './role-fact.ts'

/** One entry of a role definition's `permissions` (ARM's shape). */
export interface RolePermission {
  readonly actions: readonly string[]
  readonly notActions: readonly string[]
  readonly dataActions: readonly string[]
  readonly notDataActions: readonly string[]
}

/**
 * Operations that let the holder give itself or anyone more access than the grant itself:
 * writing role assignments or definitions (and elevating to tenant-wide access), putting a
 * user-assigned identity on a resource the holder controls, or letting outside tokens act as an
 * identity through a federated credential.
 */
const ESCALATIONS: readonly (readonly [string, string])[] = [
  [
    'Microsoft.Authorization/roleAssignments/write',
    'can grant roles (Microsoft.Authorization/roleAssignments/write)',
  ],
  [
    'Microsoft.Authorization/roleDefinitions/write',
    'can define roles (Microsoft.Authorization/roleDefinitions/write)',
  ],
  [
    'Microsoft.Authorization/elevateAccess/action',
    'can elevate to User Access Administrator at the tenant root',
  ],
  [
    'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action',
    'can put user-assigned identities on resources it controls (…/userAssignedIdentities/assign/action)',
  ],
  [
    'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write',
    'can let outside tokens act as an identity (federated identity credentials)',
  ],
]

// Why a role with these permissions is privileged, or undefined. Privileged: every control-plane
// action (`*`), an escalation above (however its wildcards spell it: `*/write`,
// `Microsoft.Authorization/*`…, minus notActions), or data actions of every provider (`*`,
// `*/…`). A provider's own data wildcard (`Microsoft.ServiceBus/*`) is that service's data owner:
// the catalog marks those key-exposing, not privileged.
export function privilegeOf(permissions: readonly RolePermission[]): string | undefined {
  if (permissions.some((p) => p.actions.includes('*'))) return 'every control-plane action (*)'
  for (const [operation, reason] of ESCALATIONS) if (permits(permissions, operation)) return reason
  const everyProvider = permissions.some((p) =>
    p.dataActions.some((d) => d === '*' || d.startsWith('*/')),
  )
  return everyProvider ? 'data actions of every service (*)' : undefined
}

/**
 * The one definition of privileged the `privileged-role` rule and the apply gate share: a built-in
 * role the catalog marks privileged (from its permissions, or the reference's flag for roles that
 * are not Azure RBAC such as SQL's db_owner). A custom role's permissions live in Azure: apply reads
 * them in its preview (`privilegeOf`).
 */
export function isPrivilegedRole(role: RoleRef): boolean {
  return role.kind === 'builtin' && role.fact.privileged === true
}
