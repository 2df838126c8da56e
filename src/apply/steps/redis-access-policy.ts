import { SERVICES } from '../../catalog/services.ts'
import { roleAssignmentName } from '../../plan/arm-ids.ts'
import type { Step } from '../steps.ts'
import { noPrincipal, withoutPrincipal, type StepKind } from './step-kind.ts'

type RedisAccessPolicy = Extract<Step, { kind: 'redisAccessPolicy' }>

const ENABLE_ENTRA =
  'the cache does not take Microsoft Entra authentication: turn it on first (redisConfiguration aad-enabled, az redis update --set redisConfiguration.aad-enabled=true)'

/** The assignment's name: deterministic over (cache, principal, policy), as role assignments are. */
const nameOf = (step: RedisAccessPolicy, principalId: string): string =>
  roleAssignmentName(step.cacheId as string, principalId, step.accessPolicyName)

/**
 * An Azure Cache for Redis data access policy assignment: Redis's own grant (not Azure RBAC), on
 * a cache with Microsoft Entra authentication on. The PUT is a long-running operation tracked
 * by `Location` (the gateway polls it); one cache's assignments go one at a time.
 */
export const redisAccessPolicy: StepKind<RedisAccessPolicy> = {
  async preview(step, { gateway, signal, principals, memo }) {
    const cacheId = step.cacheId
    if (!cacheId)
      return { step, status: 'cannot', reason: 'the cache is not bound to an Azure resource' }
    const cache = await memo(`redis|${cacheId}`, () =>
      gateway.getResource(cacheId, SERVICES.redis.apiVersion, { signal }),
    )
    if (!cache) return { step, status: 'cannot', reason: `${cacheId} does not exist` }
    const config = (cache.document?.properties as { redisConfiguration?: Record<string, string> })
      ?.redisConfiguration
    if (String(config?.['aad-enabled'] ?? '').toLowerCase() !== 'true')
      return { step, status: 'cannot', reason: ENABLE_ENTRA }
    const principal = principals.get(step.principal)
    if (!principal) return withoutPrincipal(step)
    const live = await gateway.getRedisAccessPolicyAssignment(
      cacheId,
      nameOf(step, principal.principalId),
      { signal },
    )
    return live?.accessPolicyName === step.accessPolicyName &&
      live.objectId === principal.principalId
      ? { step, status: 'inPlace', reason: `assignment ${nameOf(step, principal.principalId)}` }
      : { step, status: 'create' }
  },
  async execute(step, { gateway, principals, retry, signal }) {
    const principal = principals.get(step.principal)
    if (!principal) return noPrincipal(step.principal.node)
    const name = nameOf(step, principal.principalId)
    const written = await retry(
      () =>
        gateway.putRedisAccessPolicyAssignment(
          step.cacheId as string,
          name,
          {
            accessPolicyName: step.accessPolicyName,
            objectId: principal.principalId,
            objectIdAlias: step.principal.node,
          },
          { signal },
        ),
      true,
    )
    return {
      outcome: written.created ? 'created' : 'unchanged',
      detail: `access policy assignment ${name} (${step.accessPolicyName})`,
      resourceId: step.cacheId as string,
    }
  },
  target: (step) => step.cacheId,
  needs: (step) =>
    step.cacheId
      ? [{ action: 'Microsoft.Cache/redis/accessPolicyAssignments/write', scope: step.cacheId }]
      : [],
  lane: (step) => (step.cacheId ? `redis:${step.cacheId.toLowerCase()}` : undefined),
}
