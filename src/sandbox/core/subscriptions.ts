import { type Ctx, json } from './context.ts'
import { subscriptionNotFound } from './errors.ts'
import { idKey } from './ids.ts'
import { pageOf } from './paging.ts'
import type { JsonObject, SubscriptionRecord } from './types.ts'

export const findSubscription = (ctx: Ctx, id: string): SubscriptionRecord | undefined =>
  ctx.state.subscriptions[idKey(`/subscriptions/${id}`)]

function render(ctx: Ctx, s: SubscriptionRecord): JsonObject {
  return {
    id: `/subscriptions/${s.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: s.subscriptionId,
    tenantId: ctx.state.tenantId,
    displayName: s.displayName,
    state: 'Enabled',
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'PayAsYouGo_2014-09-01',
      spendingLimit: 'Off',
    },
  }
}

export function listSubscriptions(ctx: Ctx) {
  return pageOf(ctx, Object.values(ctx.state.subscriptions), (s) => render(ctx, s))
}

export function getSubscription(ctx: Ctx, id: string) {
  const s = findSubscription(ctx, id)
  return s ? json(200, render(ctx, s)) : subscriptionNotFound(id)
}
