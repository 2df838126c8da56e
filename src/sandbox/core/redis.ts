import { changed, type Ctx } from './context.ts'
import { armError, invalidRequestContent, parentResourceNotFound } from './errors.ts'
import { genericResourceId, GUID } from './ids.ts'
import { acceptedWithLocation } from './operations.ts'
import { jsonBody } from './request.ts'
import { findResource, storeChild } from './resource-store.ts'
import type { Address } from './resources.ts'
import type { JsonObject, SandboxResponse } from './types.ts'

export const REDIS_ACCESS_POLICY_ASSIGNMENTS = 'microsoft.cache/redis/accesspolicyassignments'
const CACHE_TYPE = 'Microsoft.Cache/redis'
/** The cache's built-in data access policies. */
const BUILT_IN_POLICIES = ['Data Owner', 'Data Contributor', 'Data Reader']

/**
 * PUT of a data access policy assignment on a cache (AccessPolicyAssignment_CreateUpdate): the
 * cache must take Microsoft Entra authentication (`redisConfiguration.aad-enabled`), the policy
 * must exist, and the answer is a long-running operation tracked by `Location` (202, empty body,
 * Retry-After). GET, LIST and DELETE go the generic way.
 */
export function putRedisAccessPolicyAssignment(ctx: Ctx, at: Address): SandboxResponse | undefined {
  if (ctx.request.method !== 'PUT') return undefined
  const [cacheName = '', leaf = ''] = at.name.split('/')
  const cache = findResource(
    ctx.state,
    genericResourceId(at.subscriptionId, at.resourceGroup, CACHE_TYPE, cacheName),
  )
  if (!cache) return parentResourceNotFound(cacheName)
  const config = cache.properties.redisConfiguration as JsonObject | undefined
  if (String(config?.['aad-enabled'] ?? '').toLowerCase() !== 'true')
    return armError(
      400,
      'BadRequest',
      `Microsoft Entra authentication is not enabled on cache '${cache.name}'. Enable it (redisConfiguration aad-enabled) before assigning access policies.`,
    )
  const body = jsonBody(ctx.request)
  if (!body.ok) return invalidRequestContent(body.error)
  const p = body.value.properties
  const props: JsonObject = p && typeof p === 'object' && !Array.isArray(p) ? p : {}
  const { accessPolicyName, objectId, objectIdAlias } = props
  if (typeof accessPolicyName !== 'string' || !BUILT_IN_POLICIES.includes(accessPolicyName))
    return armError(
      404,
      'NotFound',
      `The access policy '${String(accessPolicyName)}' does not exist on cache '${cache.name}'.`,
    )
  if (typeof objectId !== 'string' || !GUID.test(objectId))
    return armError(400, 'BadRequest', `The objectId '${String(objectId)}' is not a valid GUID.`)
  if (typeof objectIdAlias !== 'string' || objectIdAlias === '')
    return armError(400, 'BadRequest', 'objectIdAlias is required.')
  const record = storeChild(
    ctx.state,
    cache,
    'Microsoft.Cache/redis/accessPolicyAssignments',
    leaf,
    {
      accessPolicyName,
      objectId,
      objectIdAlias,
      provisioningState: 'Succeeded',
    },
  )
  changed(ctx)
  return acceptedWithLocation(ctx, at.subscriptionId, record.id)
}
