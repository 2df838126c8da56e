import { err, ok, type Result } from '../../lib/result.ts'
import { type Ctx } from './context.ts'
import { armError } from './errors.ts'
import { idKey } from './ids.ts'
import { createServicePrincipal, deletePrincipal } from './principals.ts'
import { bothIdentitySpelling, isIdentityType } from './resource-types.ts'
import type { IdentityRecord, Json, JsonObject, SandboxResponse, UserIdentityRef } from './types.ts'

type Kinds = { readonly system: boolean; readonly user: boolean }

const KINDS: Readonly<Record<string, Kinds>> = {
  none: { system: false, user: false },
  systemassigned: { system: true, user: false },
  userassigned: { system: false, user: true },
  'systemassigned,userassigned': { system: true, user: true },
}

const invalid = (message: string): Result<never, SandboxResponse> =>
  err(armError(400, 'InvalidIdentity', message))

function userIdentity(
  ctx: Ctx,
  resourceId: string,
  key: string,
): Result<UserIdentityRef, SandboxResponse> {
  const target = ctx.state.resources[idKey(key)]
  if (target && isIdentityType(target.type)) {
    const { principalId, clientId } = target.properties
    if (typeof principalId === 'string' && typeof clientId === 'string')
      return ok({ principalId, clientId })
  }
  return err(
    armError(
      400,
      'FailedIdentityOperation',
      `Identity operation for resource '${resourceId}' failed with error 'Failed to perform resource identity operation. Status: 'NotFound'. Response: 'Resource '${key}' was not found.''.`,
    ),
  )
}

/**
 * The identity a PUT (replace) or PATCH (merge) leaves on a resource: a system-assigned identity
 * keeps its principal while it stays on and gets a new one when switched back on;
 * `userAssignedIdentities` entries must name existing identities, and `null` removes one on PATCH.
 */
export function nextIdentity(
  ctx: Ctx,
  resource: { readonly id: string; readonly type: string },
  current: IdentityRecord | undefined,
  input: Json | undefined,
  mode: 'put' | 'patch',
): Result<IdentityRecord | undefined, SandboxResponse> {
  if (input === undefined || input === null) {
    if (mode === 'patch') return ok(current)
    dropSystemIdentity(ctx, current)
    return ok(undefined)
  }
  if (typeof input !== 'object' || Array.isArray(input))
    return invalid('identity must be an object.')
  const typeText = typeof input.type === 'string' ? input.type : undefined
  const kinds = typeText ? KINDS[typeText.replace(/\s+/g, '').toLowerCase()] : undefined
  if (!typeText || !kinds) return invalid(`The identity type '${String(input.type)}' is not valid.`)
  const both = bothIdentitySpelling(resource.type)
  if (kinds.system && kinds.user && both === null)
    return invalid(
      `The resource type '${resource.type}' supports only one identity type at a time.`,
    )
  // Each provider has its own enum for both kinds (Web: 'SystemAssigned, UserAssigned';
  // common-types v3+, e.g. Container Apps: 'SystemAssigned,UserAssigned'): another spelling is
  // not a value of it.
  if (kinds.system && kinds.user && both !== null && typeText.toLowerCase() !== both.toLowerCase())
    return invalid(
      `The identity type '${typeText}' is not valid for '${resource.type}'. Allowed values: 'None', 'SystemAssigned', 'UserAssigned', '${both}'.`,
    )

  const entries = input.userAssignedIdentities
  const user: Record<string, UserIdentityRef> =
    mode === 'patch' && kinds.user ? { ...current?.user } : {}
  if (entries !== undefined && entries !== null) {
    if (typeof entries !== 'object' || Array.isArray(entries))
      return invalid('userAssignedIdentities must be an object keyed by identity resource id.')
    if (!kinds.user)
      return invalid(`The identity type '${typeText}' does not allow userAssignedIdentities.`)
    for (const [key, value] of Object.entries(entries)) {
      for (const existing of Object.keys(user))
        if (idKey(existing) === idKey(key)) delete user[existing]
      if (value === null) continue
      const ref = userIdentity(ctx, resource.id, key)
      if (!ref.ok) return ref
      user[key] = ref.value
    }
  }
  if (kinds.user && Object.keys(user).length === 0)
    return invalid(
      `The identity type '${typeText}' needs at least one entry in userAssignedIdentities.`,
    )
  if (!kinds.system) dropSystemIdentity(ctx, current)
  if (!kinds.system && !kinds.user) return ok(undefined)

  const system = kinds.system
    ? (current?.system ?? {
        principalId: createServicePrincipal(ctx),
        tenantId: ctx.state.tenantId,
      })
    : undefined
  return ok({ ...(system ? { system } : {}), user })
}

/** Switching a system-assigned identity off deletes its service principal, as Azure does. */
export function dropSystemIdentity(ctx: Ctx, current: IdentityRecord | undefined): void {
  if (current?.system) deletePrincipal(ctx, current.system.principalId)
}

/** The `identity` property as the resource's provider writes it. */
export function renderIdentity(
  type: string,
  identity: IdentityRecord | undefined,
): JsonObject | undefined {
  if (!identity) return undefined
  const users = Object.entries(identity.user)
  const hasUser = users.length > 0
  const spelling =
    identity.system && hasUser
      ? (bothIdentitySpelling(type) ?? 'SystemAssigned')
      : identity.system
        ? 'SystemAssigned'
        : 'UserAssigned'
  const out: JsonObject = { type: spelling }
  if (identity.system) {
    out.principalId = identity.system.principalId
    out.tenantId = identity.system.tenantId
  }
  if (hasUser)
    out.userAssignedIdentities = Object.fromEntries(
      users.map(([key, ref]) => [key, { principalId: ref.principalId, clientId: ref.clientId }]),
    )
  return out
}
