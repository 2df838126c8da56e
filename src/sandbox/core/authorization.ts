import { type Ctx, json } from './context.ts'
import { armError, methodNotAllowed, noRoute } from './errors.ts'
import { isForbidden } from './faults.ts'
import { listRoleAssignments } from './role-assignment-list.ts'
import { roleAssignment } from './role-assignments.ts'
import {
  CONTRIBUTOR_PERMISSION,
  getRoleDefinition,
  listRoleDefinitions,
  OWNER_PERMISSION,
} from './role-definitions.ts'
import { permissionsAt } from './rbac-evaluate.ts'
import type { Permission } from './rbac-roles.ts'
import { resolveScope } from './scopes.ts'
import type { SandboxResponse } from './types.ts'

/**
 * `{scope}/providers/Microsoft.Authorization/{roleAssignments|roleDefinitions|permissions}[/{name}]`
 * at the tenant root, a subscription, a group or any resource.
 */
export function authorization(
  ctx: Ctx,
  scopeSegs: readonly string[],
  rest: readonly string[],
): SandboxResponse {
  const [collection = '', name, ...more] = rest
  if (more.length > 0) return noRoute(ctx.request.path)
  const scope = resolveScope(ctx, scopeSegs)
  if (!scope.ok) return scope.error
  switch (collection.toLowerCase()) {
    case 'roleassignments':
      if (scope.value.kind === 'tenant')
        return armError(
          400,
          'InvalidScope',
          'The sandbox does not hold role assignments at the tenant root.',
        )
      if (name !== undefined) return roleAssignment(ctx, scope.value, name)
      return ctx.request.method === 'GET'
        ? listRoleAssignments(ctx, scope.value)
        : methodNotAllowed(ctx.request.method)
    case 'roledefinitions':
      if (name !== undefined) return getRoleDefinition(ctx, scope.value, name)
      return ctx.request.method === 'GET'
        ? listRoleDefinitions(ctx, scope.value)
        : methodNotAllowed(ctx.request.method)
    case 'permissions': {
      if (name !== undefined || ctx.request.method !== 'GET') return noRoute(ctx.request.path)
      return json(200, {
        value: callerPermissions(ctx, scope.value.id).map((p) => ({
          actions: [...p.actions],
          notActions: [...p.notActions],
          dataActions: [...p.dataActions],
          notDataActions: [...p.notDataActions],
        })),
      })
    }
    default:
      return noRoute(ctx.request.path)
  }
}

/**
 * The caller's permissions at a scope: in sign-in mode, those of the roles it holds there or
 * above; otherwise it owns everything except where the 403 fault withholds role-assignment writes.
 */
function callerPermissions(ctx: Ctx, scope: string): Permission[] {
  if (ctx.settings.rbac) return permissionsAt(ctx.state, ctx.caller.principalId, scope)
  return [isForbidden(ctx.settings.faults, scope) ? CONTRIBUTOR_PERMISSION : OWNER_PERMISSION]
}
