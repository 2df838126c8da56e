import { changed, type Ctx, json } from './context.ts'
import { armError, invalidRequestContent, parentResourceNotFound } from './errors.ts'
import { genericResourceId, GUID, idKey } from './ids.ts'
import { jsonBody } from './request.ts'
import { findResource, renderResource, storeChild } from './resource-store.ts'
import type { Address } from './resources.ts'
import type { JsonObject, SandboxResponse } from './types.ts'

export const REDIS_ACCESS_POLICY_ASSIGNMENTS = 'microsoft.cache/redis/accesspolicyassignments'
const CACHE_TYPE = 'Microsoft.Cache/redis'
/** The cache's built-in data access policies. */
const BUILT_IN_POLICIES = ['Data Owner', 'Data Contributor', 'Data Reader']

/**
 * PUT of a data access policy assignment on a cache (AccessPolicyAssignment_CreateUpdate): the
 * cache must take Microsoft Entra authentication (`redisConfiguration.aad-enabled`), the policy
 * must exist. The answer is the assignment, 201 (200 when it existed), its provisioningState
 * "Updating" while the cache applies it, as the 2024-11-01 spec's example shows (200 and 201 only,
 * no Location); a client polls the assignment. GET, LIST and DELETE go the generic way.
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
  const existed = findResource(ctx.state, at.id) !== undefined
  const duration = ctx.settings.faults.operations.durationMs
  const properties = { accessPolicyName, objectId, objectIdAlias }
  const record = storeChild(
    ctx.state,
    cache,
    'Microsoft.Cache/redis/accessPolicyAssignments',
    leaf,
    {
      ...properties,
      provisioningState: duration > 0 ? 'Updating' : 'Succeeded',
    },
  )
  // It reads "Updating" until the operation has run, then "Succeeded" (async-updates.ts).
  if (duration > 0)
    (ctx.state.deferred ??= {})[idKey(record.id)] = {
      doneAt: ctx.now + duration,
      record: { ...record, properties: { ...properties, provisioningState: 'Succeeded' } },
    }
  changed(ctx)
  return json(existed ? 200 : 201, renderResource(record))
}
