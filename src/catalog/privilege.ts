import type { RoleRef } from './roles.ts'

/** One entry of a role definition's `permissions` (ARM's shape). */
export interface RolePermission {
  readonly actions: readonly string[]
  readonly notActions: readonly string[]
  readonly dataActions: readonly string[]
  readonly notDataActions: readonly string[]
}

// ARM's wildcard: `*` stands for any characters, and a `*` segment between two others may also
// stand for nothing: Managed Identity Operator's
// `Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action` is what grants the operation
// `Microsoft.ManagedIdentity/userAssignedIdentities/assign/action`. Case-insensitive, as operation
// names are.
function wildcard(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
  const body = escaped.replace(/\/\*\//g, '/(?:.*/)?').replace(/\*/g, '.*')
  return new RegExp(`^${body}$`, 'i')
}

const cache = new Map<string, RegExp>()
const matches = (pattern: string, operation: string): boolean => {
  let re = cache.get(pattern)
  if (!re) cache.set(pattern, (re = wildcard(pattern)))
  return re.test(operation)
}

/** Do permission entries grant a control-plane operation (some action matches, no notAction does)? */
export function grantsAction(
  entries: readonly { actions?: readonly string[]; notActions?: readonly string[] }[],
  operation: string,
): boolean {
  return entries.some(
    (e) =>
      (e.actions ?? []).some((a) => matches(a, operation)) &&
      !(e.notActions ?? []).some((a) => matches(a, operation)),
  )
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
  for (const [operation, reason] of ESCALATIONS)
    if (grantsAction(permissions, operation)) return reason
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
