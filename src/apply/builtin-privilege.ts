import { isPrivilegedRole, privilegeOf } from '../catalog/privilege.ts'
import { resolveRole, rolePermissions } from '../catalog/roles.ts'

/**
 * Whether a role assignment step grants a privileged role, as far as the catalog knows: the same
 * definition the `privileged-role` rule uses (catalog/privilege.ts). Custom roles are decided in
 * the preview, from their definition in Azure (`withPrivilegeFromAzure`).
 */
export function builtInPrivilege(roleGuid: string): {
  privileged: boolean
  privilegedBecause?: string
} {
  const role = resolveRole(roleGuid)
  if (!isPrivilegedRole(role) || role.kind !== 'builtin') return { privileged: false }
  const permissions = rolePermissions(role.fact)
  return {
    privileged: true,
    privilegedBecause: (permissions && privilegeOf(permissions)) ?? 'a privileged role',
  }
}
