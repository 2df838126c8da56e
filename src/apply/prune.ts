import { roleByGuid } from '../catalog/roles.ts'
import { roleDefinitionGuidOf, subscriptionScope } from '../plan/arm-ids.ts'
import type { PlanPrincipal } from '../plan/types.ts'
import { isArmFailure, type ArmFailure } from './failure.ts'
import type { ArmGateway, LiveRoleAssignment } from './gateway.ts'
import { designScopes } from './design-scopes.ts'
import type { Prepared } from './prepare.ts'
import type { ArmPacer } from './pacer.ts'
import type { Principals } from './principals.ts'
import { DEFAULT_RETRY, withRetry, type RetryContext } from './retry.ts'

export interface PruneCandidate {
  readonly assignment: LiveRoleAssignment
  readonly principal: PlanPrincipal
  readonly principalName: string
  readonly roleName: string
}

/**
 * Role assignments the design no longer has: held by one of its identities at the design's own
 * scopes (its resource groups and what is in them: design-scopes.ts), or by one of its developers
 * on one of its services. Assignments elsewhere — other groups, the subscription, management
 * groups — are never offered. Reads only.
 */
export async function findPrunable(
  prepared: Prepared,
  principals: Principals,
  gateway: ArmGateway,
  subscriptionId: string,
  signal?: AbortSignal,
): Promise<PruneCandidate[]> {
  const wanted = new Set<string>()
  for (const step of prepared.steps) {
    if (step.kind !== 'assignRole' || !step.scope) continue
    const p = principals.get(step.principal)
    if (p) wanted.add(`${p.principalId}|${step.scope.toLowerCase()}|${step.roleGuid}`)
  }
  const services = new Set(
    prepared.design.nodes.flatMap((n) =>
      n.kind === 'service' && n.azure?.resourceId ? [n.azure.resourceId.toLowerCase()] : [],
    ),
  )
  const names = new Map(prepared.design.nodes.map((n) => [n.id, n.name]))
  const owned = designScopes(prepared.design)
  const out: PruneCandidate[] = []
  for (const [key, known] of principals.entries()) {
    const [type, node] = key.split(':') as [PlanPrincipal['type'], string]
    const principal: PlanPrincipal = { type, node }
    const held = await gateway.listPrincipalAssignments(
      subscriptionScope(subscriptionId),
      known.principalId,
      { ...(signal ? { signal } : {}) },
    )
    for (const a of held) {
      const guid = roleDefinitionGuidOf(a.roleDefinitionId)
      if (wanted.has(`${known.principalId}|${a.scope.toLowerCase()}|${guid}`)) continue
      if (!owned(a.scope)) continue
      if (type === 'developer' && !services.has(a.scope.toLowerCase())) continue
      out.push({
        assignment: a,
        principal,
        principalName: names.get(node) ?? node,
        roleName: roleByGuid(guid)?.name ?? guid,
      })
    }
  }
  return out
}

export interface PruneResult<C = PruneCandidate> {
  readonly candidate: C
  readonly outcome: 'deleted' | 'failed'
  readonly failure?: ArmFailure
}

/**
 * Deletes the chosen assignments (prune's candidates, or drift's unmanaged and orphaned ones),
 * retried like any write and paced on the pacer's delete buckets: ARM throttles deletes apart
 * from writes, so a prune right after a large apply neither waits for the write bucket the apply
 * emptied nor spends it. One result per assignment.
 */
export async function pruneAssignments<C extends { readonly assignment: LiveRoleAssignment }>(
  chosen: readonly C[],
  ctx: Omit<RetryContext, 'policy' | 'pacer'> & {
    readonly gateway: ArmGateway
    readonly policy?: RetryContext['policy']
    readonly pacer?: ArmPacer
  },
): Promise<PruneResult<C>[]> {
  const retry: RetryContext = {
    ...ctx,
    policy: ctx.policy ?? DEFAULT_RETRY,
    pacer: ctx.pacer?.deletes,
  }
  const results: PruneResult<C>[] = []
  for (const candidate of chosen) {
    try {
      await withRetry(
        () =>
          ctx.gateway.deleteRoleAssignment(candidate.assignment.id, {
            ...(ctx.signal ? { signal: ctx.signal } : {}),
          }),
        retry,
        true,
      )
      results.push({ candidate, outcome: 'deleted' })
    } catch (e) {
      if (!isArmFailure(e)) throw e
      results.push({ candidate, outcome: 'failed', failure: e })
    }
  }
  return results
}
