import { permits } from '../../catalog/arm-permissions.ts'
import { idKey } from './ids.ts'
import { assignmentsHeldBy } from './role-assignment-index.ts'
import type { Permission } from './rbac-roles.ts'
import { builtInRole } from './role-definitions.ts'
import type { SandboxState } from './types.ts'

/**
 * Azure RBAC's evaluation, as the sandbox applies it when sign-in is on: a principal may perform an
 * action at a scope when one of the roles assigned to it at that scope or above (subscription →
 * resource group → resource) lists the action in `actions` and not in the same role's `notActions`.
 * Deny assignments, conditions and group membership are not emulated.
 */

/** Is `scope` the same as `ancestor` or below it (whole path segments, any case)? */
export function isWithin(scope: string, ancestor: string): boolean {
  const s = idKey(scope)
  const a = idKey(ancestor)
  return a === '/' || s === a || s.startsWith(`${a}/`)
}

/** The permissions of the roles a principal holds at this scope or above, one entry per role. */
export function permissionsAt(
  state: SandboxState,
  principalId: string,
  scope: string,
): Permission[] {
  const roles = new Set<string>()
  for (const a of assignmentsHeldBy(state.roleAssignments, principalId))
    if (isWithin(scope, a.scope)) roles.add(a.roleDefinitionGuid)
  return [...roles].flatMap((guid) => {
    const role = builtInRole(guid)
    if (role) return [role.permission]
    // A custom role counts with every one of its permission entries (custom-roles.ts).
    return [...(state.roleDefinitions?.[guid.toLowerCase()]?.permissions ?? [])]
  })
}

/** Does the principal hold any role at, above or below this scope? (It may then see the scope listed.) */
export function holdsAnyRoleAround(
  state: SandboxState,
  principalId: string,
  scope: string,
): boolean {
  return assignmentsHeldBy(state.roleAssignments, principalId).some(
    (a) => isWithin(scope, a.scope) || isWithin(a.scope, scope),
  )
}

export const isAllowed = (
  state: SandboxState,
  principalId: string,
  action: string,
  scope: string,
): boolean => permits(permissionsAt(state, principalId, scope), action)
