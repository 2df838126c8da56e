import { authorization } from './authorization.ts'
import type { Ctx } from './context.ts'
import { cosmosRbac, SQL_ROLE_ASSIGNMENTS, SQL_ROLE_DEFINITIONS } from './cosmos.ts'
import { methodNotAllowed, noRoute, subscriptionNotFound } from './errors.ts'
import { operationResult, operationStatus } from './operations.ts'
import { VAULT_ACCESS_POLICIES, vaultAccessPolicies } from './key-vault.ts'
import { putRedisAccessPolicyAssignment, REDIS_ACCESS_POLICY_ASSIGNMENTS } from './redis.ts'
import { listResourceGroups, resourceGroup } from './resource-groups.ts'
import { listCollection, listResources } from './resource-lists.ts'
import { addressOf, resourceInstance } from './resources.ts'
import { findSubscription, getSubscription, listSubscriptions } from './subscriptions.ts'
import { listTenants } from './tenants.ts'
import type { SandboxResponse } from './types.ts'
import { WEB_CONFIG, webConfig } from './web-config.ts'

/** Index of the last `providers/Microsoft.Authorization` pair: what precedes it is the scope. */
function authorizationAt(lower: readonly string[]): number {
  for (let i = lower.length - 2; i >= 0; i--)
    if (lower[i] === 'providers' && lower[i + 1] === 'microsoft.authorization') return i
  return -1
}

const onlyGet = (ctx: Ctx, answer: () => SandboxResponse): SandboxResponse =>
  ctx.request.method === 'GET' ? answer() : methodNotAllowed(ctx.request.method)

/** `…/providers/{ns}/{type}/{name}…` in a group: instances, collections and POST actions. */
function providerPath(
  ctx: Ctx,
  sub: string,
  group: string,
  segs: readonly string[],
): SandboxResponse {
  const typed = segs.length - 1
  const isAction = typed % 2 === 1 && typed >= 3 && ctx.request.method === 'POST'
  if (typed % 2 === 1 && !isAction) {
    const at = addressOf(ctx, sub, group, [...segs, ''])
    const type = at.type.toLowerCase()
    if (type === SQL_ROLE_ASSIGNMENTS || type === SQL_ROLE_DEFINITIONS)
      return cosmosRbac(ctx, at, true)
    return onlyGet(ctx, () => listCollection(ctx, sub, group, segs))
  }
  const instance = isAction ? segs.slice(0, -1) : segs
  const at = addressOf(ctx, sub, group, instance)
  const type = at.type.toLowerCase()
  if (type === WEB_CONFIG) return webConfig(ctx, at, isAction ? segs[segs.length - 1] : undefined)
  if (isAction) return noRoute(ctx.request.path)
  if (type === SQL_ROLE_ASSIGNMENTS || type === SQL_ROLE_DEFINITIONS)
    return cosmosRbac(ctx, at, false)
  if (type === VAULT_ACCESS_POLICIES) return vaultAccessPolicies(ctx, at)
  if (type === REDIS_ACCESS_POLICY_ASSIGNMENTS)
    return putRedisAccessPolicyAssignment(ctx, at) ?? resourceInstance(ctx, at)
  return resourceInstance(ctx, at)
}

function underSubscription(
  ctx: Ctx,
  segs: readonly string[],
  lower: readonly string[],
): SandboxResponse {
  const sub = segs[1] ?? ''
  if (!findSubscription(ctx, sub)) return subscriptionNotFound(sub)
  const n = segs.length
  if (lower[2] === 'resourcegroups') {
    if (n === 3) return onlyGet(ctx, () => listResourceGroups(ctx, sub))
    const group = segs[3] ?? ''
    if (n === 4) return resourceGroup(ctx, sub, group)
    if (n === 5 && lower[4] === 'resources')
      return onlyGet(ctx, () => listResources(ctx, sub, group))
    if (n >= 7 && lower[4] === 'providers') return providerPath(ctx, sub, group, segs.slice(5))
  }
  if (n === 3 && lower[2] === 'resources')
    return onlyGet(ctx, () => listResources(ctx, sub, undefined))
  if (n === 4 && lower[2] === 'operationresults')
    return onlyGet(ctx, () => operationResult(ctx, segs[3] ?? ''))
  if (lower[2] === 'providers' && n === 8 && lower[4] === 'locations') {
    if (lower[6] === 'operationsstatus')
      return onlyGet(ctx, () => operationStatus(ctx, segs[7] ?? ''))
    if (lower[6] === 'operationresults')
      return onlyGet(ctx, () => operationResult(ctx, segs[7] ?? ''))
  }
  // A top-level type across the subscription, e.g. every user-assigned identity.
  if (lower[2] === 'providers' && n === 5)
    return onlyGet(ctx, () => listCollection(ctx, sub, undefined, segs.slice(3)))
  return noRoute(ctx.request.path)
}

/** Dispatches an authenticated, versioned request to its handler. */
export function route(ctx: Ctx): SandboxResponse {
  const segs = ctx.request.segments
  const lower = segs.map((s) => s.toLowerCase())
  const authz = authorizationAt(lower)
  if (authz >= 0) return authorization(ctx, segs.slice(0, authz), segs.slice(authz + 2))
  if (lower[0] === 'tenants' && segs.length === 1) return onlyGet(ctx, () => listTenants(ctx))
  if (lower[0] !== 'subscriptions') return noRoute(ctx.request.path)
  if (segs.length === 1) return onlyGet(ctx, () => listSubscriptions(ctx))
  if (segs.length === 2) return onlyGet(ctx, () => getSubscription(ctx, segs[1] ?? ''))
  return underSubscription(ctx, segs, lower)
}
