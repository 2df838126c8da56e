import type { Ctx } from './context.ts'
import { armError } from './errors.ts'
import { requirementOf } from './rbac-actions.ts'
import { holdsAnyRoleAround, isAllowed } from './rbac-evaluate.ts'
import { jsonBody } from './request.ts'
import type { Json, SandboxResponse } from './types.ts'

const ASSIGN_IDENTITY = 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action'

/** ARM's 403 for a caller without the action (the client is a user's UPN, else the object id). */
export function authorizationFailed(ctx: Ctx, action: string, scope: string): SandboxResponse {
  return armError(
    403,
    'AuthorizationFailed',
    `The client '${clientName(ctx)}' with object id '${ctx.caller.principalId}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  )
}

const clientName = (ctx: Ctx): string => ctx.caller.username ?? ctx.caller.principalId

export type Authorization =
  | { readonly allowed: false; readonly response: SandboxResponse }
  | { readonly allowed: true; readonly filter?: (response: SandboxResponse) => SandboxResponse }

/**
 * Authorizes the request by the caller's role assignments (sign-in mode): 403 AuthorizationFailed
 * when no role grants the action at the scope or above; LinkedAuthorizationFailed when a write
 * attaches user-assigned identities the caller may not assign; lists keep what the caller may read.
 */
export function authorize(ctx: Ctx): Authorization {
  const need = requirementOf(ctx.request)
  const who = ctx.caller.principalId
  switch (need.kind) {
    case 'open':
      return { allowed: true }
    case 'filter':
      return { allowed: true, filter: (r) => filterList(ctx, need.items, r) }
    case 'action': {
      const allowed =
        need.action === 'Microsoft.Resources/subscriptions/read'
          ? holdsAnyRoleAround(ctx.state, who, need.scope)
          : isAllowed(ctx.state, who, need.action, need.scope)
      if (!allowed)
        return { allowed: false, response: authorizationFailed(ctx, need.action, need.scope) }
      const linked = unassignableIdentities(ctx)
      return linked.length === 0
        ? { allowed: true }
        : {
            allowed: false,
            response: linkedAuthorizationFailed(ctx, need.action, need.scope, linked),
          }
    }
  }
}

/** Identities a PUT or PATCH attaches that the caller lacks `assign/action` on. */
function unassignableIdentities(ctx: Ctx): string[] {
  if (ctx.request.method !== 'PUT' && ctx.request.method !== 'PATCH') return []
  const body = jsonBody(ctx.request)
  if (!body.ok) return []
  const identity = body.value.identity
  const assigned =
    identity && typeof identity === 'object' && !Array.isArray(identity)
      ? identity.userAssignedIdentities
      : undefined
  if (!assigned || typeof assigned !== 'object' || Array.isArray(assigned)) return []
  return Object.keys(assigned).filter(
    (id) => !isAllowed(ctx.state, ctx.caller.principalId, ASSIGN_IDENTITY, id),
  )
}

function linkedAuthorizationFailed(
  ctx: Ctx,
  action: string,
  scope: string,
  linked: readonly string[],
): SandboxResponse {
  return armError(
    403,
    'LinkedAuthorizationFailed',
    `The client '${clientName(ctx)}' with object id '${ctx.caller.principalId}' has permission to perform action '${action}' on scope '${scope}'; however, it does not have permission to perform action '${ASSIGN_IDENTITY}' on the linked scope(s) '${linked.join(',')}' or the linked scope(s) are invalid.`,
  )
}

/** Keeps the list items the caller may see; ARM lists what you can read, it does not refuse. */
function filterList(
  ctx: Ctx,
  items: 'subscriptions' | 'resourceGroups' | 'resources',
  response: SandboxResponse,
): SandboxResponse {
  if (response.status !== 200 || response.body === undefined) return response
  const body = JSON.parse(response.body) as { value?: Json[] }
  if (!Array.isArray(body.value)) return response
  const who = ctx.caller.principalId
  const visible = body.value.filter((item) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) return false
    const id = typeof item.id === 'string' ? item.id : ''
    switch (items) {
      case 'subscriptions':
        return holdsAnyRoleAround(ctx.state, who, id)
      case 'resourceGroups':
        return isAllowed(
          ctx.state,
          who,
          'Microsoft.Resources/subscriptions/resourcegroups/read',
          id,
        )
      case 'resources':
        return isAllowed(ctx.state, who, `${String(item.type)}/read`, id)
    }
  })
  return { ...response, body: JSON.stringify({ ...body, value: visible }) }
}
