import { err, ok, type Result } from '../../lib/result.ts'
import type { Ctx } from './context.ts'
import {
  armError,
  resourceGroupNotFound,
  resourceNotFound,
  subscriptionNotFound,
} from './errors.ts'
import { resourceGroupId, subscriptionId } from './ids.ts'
import { findGroup, findResource } from './resource-store.ts'
import { addressOf } from './resources.ts'
import { findSubscription } from './subscriptions.ts'
import type { SandboxResponse } from './types.ts'

/** An existing scope, its id in canonical casing. */
export interface Scope {
  readonly kind: 'tenant' | 'subscription' | 'resourceGroup' | 'resource'
  readonly id: string
  readonly subscriptionId?: string
}

/**
 * Resolves the segments before `/providers/Microsoft.Authorization/…` to something that exists:
 * the tenant root, a subscription, a group or a resource (404 with ARM's code otherwise).
 */
export function resolveScope(ctx: Ctx, segs: readonly string[]): Result<Scope, SandboxResponse> {
  if (segs.length === 0) return ok({ kind: 'tenant', id: '/' })
  const lower = segs.map((s) => s.toLowerCase())
  const [, sub = ''] = segs
  if (lower[0] !== 'subscriptions' || segs.length < 2) return err(invalidScope(segs))
  const subscription = findSubscription(ctx, sub)
  if (!subscription) return err(subscriptionNotFound(sub))
  const subId = subscription.subscriptionId
  if (segs.length === 2)
    return ok({ kind: 'subscription', id: subscriptionId(subId), subscriptionId: subId })
  if (lower[2] !== 'resourcegroups' || segs.length < 4) return err(invalidScope(segs))
  const group = findGroup(ctx.state, subId, segs[3] ?? '')
  if (!group) return err(resourceGroupNotFound(segs[3] ?? ''))
  if (segs.length === 4)
    return ok({
      kind: 'resourceGroup',
      id: resourceGroupId(subId, group.name),
      subscriptionId: subId,
    })
  const rest = segs.slice(5)
  if (lower[4] !== 'providers' || rest.length < 3 || rest.length % 2 === 0)
    return err(invalidScope(segs))
  const at = addressOf(ctx, subId, group.name, rest)
  const resource = findResource(ctx.state, at.id)
  if (!resource) return err(resourceNotFound(at.type, at.name, group.name))
  return ok({ kind: 'resource', id: resource.id, subscriptionId: subId })
}

const invalidScope = (segs: readonly string[]): SandboxResponse =>
  armError(
    400,
    'InvalidScope',
    `The scope '/${segs.join('/')}' is not valid or not supported by the sandbox.`,
  )
