import { changed, type Ctx, json, noContent, nowIso } from './context.ts'
import { armError, invalidRequestContent, methodNotAllowed } from './errors.ts'
import { isForbidden } from './faults.ts'
import { GUID, idKey } from './ids.ts'
import { asPrincipalType } from './principals.ts'
import { jsonBody } from './request.ts'
import {
  authorizationFailed,
  principalNotFound,
  renderRoleAssignment,
  roleAssignmentExists,
  roleAssignmentNotFound,
  sameAssignment,
} from './role-assignment-render.ts'
import { findEqualAssignment, indexAssignment } from './role-assignment-index.ts'
import { customRole } from './custom-roles.ts'
import { builtInRole } from './role-definitions.ts'
import type { Scope } from './scopes.ts'
import type { PrincipalType, RoleAssignmentRecord, SandboxResponse } from './types.ts'

const WRITE = 'Microsoft.Authorization/roleAssignments/write'
const DELETE = 'Microsoft.Authorization/roleAssignments/delete'

const bad = (code: string, message: string) => armError(400, code, message)

/** Who receives the assignment, and as what; PrincipalNotFound while a fresh principal propagates. */
function principalTypeFor(
  ctx: Ctx,
  principalId: string,
  given: PrincipalType | undefined,
): PrincipalType | SandboxResponse {
  const known = ctx.state.principals[principalId.toLowerCase()]
  if (given) {
    if (known && known.type !== given)
      return bad(
        'UnmatchedPrincipalType',
        `The PrincipalId '${principalId.replace(/-/g, '')}' has type '${known.type}' , which is different from specified PrincipalType '${given}'.`,
      )
    return given
  }
  const visible = known && ctx.now - known.createdAt >= ctx.settings.principalPropagationMs
  return visible ? known.type : principalNotFound(principalId, ctx.state.tenantId)
}

/** The only condition syntax version ARM accepts. */
const CONDITION_VERSION = '2.0'

/**
 * An ABAC condition as ARM stores it: none for a missing or empty condition (how a condition is
 * removed), version 2.0 when the request gives none, and 400 for any other version ("The given
 * role assignment condition is invalid.", as ARM answers `conditionVersion: "1.0"`). The condition
 * itself is kept as text, not parsed (see README, deliberate deviations).
 */
function conditionOf(
  condition: unknown,
  version: unknown,
): { condition: string | null; conditionVersion: string | null } | SandboxResponse {
  if (typeof condition !== 'string' || condition === '')
    return { condition: null, conditionVersion: null }
  if (version === undefined || version === null || version === '')
    return { condition, conditionVersion: CONDITION_VERSION }
  if (version !== CONDITION_VERSION)
    // ARM's error code for it is not published; its message is.
    return bad('InvalidRoleAssignmentCondition', 'The given role assignment condition is invalid.')
  return { condition, conditionVersion: CONDITION_VERSION }
}

function put(ctx: Ctx, scope: Scope, name: string): SandboxResponse {
  const body = jsonBody(ctx.request)
  if (!body.ok) return invalidRequestContent(body.error)
  const props = body.value.properties
  if (!props || typeof props !== 'object' || Array.isArray(props))
    return bad(
      'InvalidRoleAssignmentRequest',
      'The request must carry properties with roleDefinitionId and principalId.',
    )
  const { roleDefinitionId, principalId, principalType, description, condition, conditionVersion } =
    props
  const roleGuid =
    typeof roleDefinitionId === 'string' ? (roleDefinitionId.split('/').pop() ?? '') : ''
  if (!builtInRole(roleGuid) && !customRole(ctx, roleGuid))
    return bad(
      'RoleDefinitionDoesNotExist',
      `The specified role definition with ID '${roleGuid.replace(/-/g, '')}' does not exist.`,
    )
  if (typeof principalId !== 'string' || !GUID.test(principalId))
    return bad('InvalidPrincipalId', 'A valid principal ID must be provided for role assignment.')
  const givenType = asPrincipalType(principalType)
  if (principalType !== undefined && principalType !== null && !givenType)
    return bad(
      'InvalidPrincipalType',
      `The principal type '${String(principalType)}' is not valid.`,
    )
  const type = principalTypeFor(ctx, principalId, givenType)
  if (typeof type !== 'string') return type
  const abac = conditionOf(condition, conditionVersion)
  if ('status' in abac) return abac

  const existing = ctx.state.roleAssignments[name.toLowerCase()]
  const text = (v: unknown): string | null => (typeof v === 'string' ? v : null)
  if (existing) {
    if (!sameAssignment(existing, scope.id, roleGuid, principalId))
      return bad(
        'RoleAssignmentUpdateNotPermitted',
        'Tenant ID, application ID, principal ID, and scope are not allowed to be updated.',
      )
    // Only the description and the condition may change, as in ARM.
    const update = { description: text(description), ...abac }
    if (
      update.description !== existing.description ||
      update.condition !== existing.condition ||
      update.conditionVersion !== existing.conditionVersion
    ) {
      Object.assign(existing, update, { updatedOn: nowIso(ctx), updatedBy: ctx.caller.principalId })
      changed(ctx)
    }
    return json(200, renderRoleAssignment(existing))
  }
  // One assignment per (scope, role, principal), with or without a condition: ARM refuses a
  // second one that differs only by its condition (conditions FAQ).
  const duplicate = findEqualAssignment(ctx.state.roleAssignments, scope.id, roleGuid, principalId)
  if (duplicate) return roleAssignmentExists(duplicate)
  const limit = ctx.settings.faults.limits.roleAssignments
  if (limit > 0 && assignmentsInSubscription(ctx, scope.id) >= limit)
    return bad('RoleAssignmentLimitExceeded', 'No more role assignments can be created.')
  const at = nowIso(ctx)
  const record: RoleAssignmentRecord = {
    name: name.toLowerCase(),
    scope: scope.id,
    roleDefinitionGuid: roleGuid.toLowerCase(),
    principalId: principalId.toLowerCase(),
    principalType: type,
    description: text(description),
    ...abac,
    createdOn: at,
    updatedOn: at,
    createdBy: ctx.caller.principalId,
    updatedBy: ctx.caller.principalId,
  }
  ctx.state.roleAssignments[record.name] = record
  indexAssignment(ctx.state.roleAssignments, record)
  changed(ctx)
  return json(201, renderRoleAssignment(record))
}

/** How many role assignments the subscription of `scope` holds, at any scope within it. */
function assignmentsInSubscription(ctx: Ctx, scope: string): number {
  const subscription = /^\/subscriptions\/[^/]+/i.exec(scope)?.[0].toLowerCase()
  if (!subscription) return 0
  let count = 0
  for (const a of Object.values(ctx.state.roleAssignments)) {
    const s = a.scope.toLowerCase()
    if (s === subscription || s.startsWith(`${subscription}/`)) count++
  }
  return count
}

/** Names are global: one found under another scope is not found here. */
function atScope(ctx: Ctx, scope: Scope, name: string): RoleAssignmentRecord | undefined {
  const a = ctx.state.roleAssignments[name.toLowerCase()]
  return a && idKey(a.scope) === idKey(scope.id) ? a : undefined
}

/** `{scope}/providers/Microsoft.Authorization/roleAssignments/{name}`. */
export function roleAssignment(ctx: Ctx, scope: Scope, name: string): SandboxResponse {
  const method = ctx.request.method
  // ARM's front door checks authorization before the provider looks at the request.
  if (method === 'PUT' && isForbidden(ctx.settings.faults, scope.id))
    return authorizationFailed(ctx.caller.principalId, WRITE, scope.id)
  if (method === 'PUT' && !GUID.test(name))
    return bad(
      'InvalidRoleAssignmentId',
      `The role assignment ID '${name}' is not valid. The role assignment ID must be a GUID.`,
    )
  if (method === 'PUT') return put(ctx, scope, name)
  if (method === 'GET') {
    const a = atScope(ctx, scope, name)
    return a ? json(200, renderRoleAssignment(a)) : roleAssignmentNotFound(name)
  }
  if (method === 'DELETE') {
    if (isForbidden(ctx.settings.faults, scope.id))
      return authorizationFailed(ctx.caller.principalId, DELETE, scope.id)
    const a = atScope(ctx, scope, name)
    if (!a) return noContent(204)
    delete ctx.state.roleAssignments[a.name]
    changed(ctx)
    return json(200, renderRoleAssignment(a))
  }
  return methodNotAllowed(method)
}
