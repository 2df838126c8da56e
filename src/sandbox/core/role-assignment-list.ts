import type { Ctx } from './context.ts'
import { armError } from './errors.ts'
import { parseFilter } from './odata-filter.ts'
import { pageOf } from './paging.ts'
import { queryParam } from './request.ts'
import { isAtOrBelow } from './resource-store.ts'
import { renderRoleAssignment } from './role-assignment-render.ts'
import type { Scope } from './scopes.ts'
import type { RoleAssignmentRecord, SandboxResponse } from './types.ts'

const above = (a: RoleAssignmentRecord, scope: Scope): boolean =>
  a.scope === '/' || isAtOrBelow(scope.id, a.scope)
const below = (a: RoleAssignmentRecord, scope: Scope): boolean =>
  scope.id === '/' || isAtOrBelow(a.scope, scope.id)

/**
 * `GET {scope}/providers/Microsoft.Authorization/roleAssignments`: without a filter, assignments at,
 * above and below the scope; `atScope()` keeps those at or above; `principalId eq '…'` and
 * `assignedTo('…')` keep one principal's.
 */
export function listRoleAssignments(ctx: Ctx, scope: Scope): SandboxResponse {
  const text = queryParam(ctx.request.query, '$filter')
  const clauses = text ? parseFilter(text) : []
  let onlyAbove = false
  let principal: string | undefined
  for (const c of clauses ?? []) {
    if (c.kind === 'call' && c.name === 'atscope' && c.arg === undefined) onlyAbove = true
    else if (c.kind === 'call' && c.name === 'assignedto' && c.arg !== undefined) principal = c.arg
    else if (c.kind === 'eq' && c.field === 'principalid') principal = c.value
    else return unsupported(text)
  }
  if (!clauses) return unsupported(text)
  const items = Object.values(ctx.state.roleAssignments).filter(
    (a) =>
      (above(a, scope) || (!onlyAbove && below(a, scope))) &&
      (principal === undefined || a.principalId === principal.toLowerCase()),
  )
  return pageOf(ctx, items, renderRoleAssignment)
}

const unsupported = (text: string | undefined): SandboxResponse =>
  armError(
    400,
    'UnsupportedQuery',
    `The filter '${text ?? ''}' is not supported. Supported filters are atScope(), principalId eq '{id}' and assignedTo('{id}').`,
  )
