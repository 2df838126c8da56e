import { type Ctx, json } from './context.ts'
import { armError, subscriptionNotFound } from './errors.ts'
import { idKey } from './ids.ts'
import { pageOf } from './paging.ts'
import type { JsonObject, SandboxResponse, SubscriptionRecord } from './types.ts'

export const findSubscription = (ctx: Ctx, id: string): SubscriptionRecord | undefined =>
  ctx.state.subscriptions[idKey(`/subscriptions/${id}`)]

function render(ctx: Ctx, s: SubscriptionRecord): JsonObject {
  return {
    id: `/subscriptions/${s.subscriptionId}`,
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    subscriptionId: s.subscriptionId,
    tenantId: tenantOf(ctx, s),
    displayName: s.displayName,
    state: 'Enabled',
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'PayAsYouGo_2014-09-01',
      spendingLimit: 'Off',
    },
  }
}

/** The subscription's tenant: its own, else the sandbox's. */
const tenantOf = (ctx: Ctx, s: SubscriptionRecord): string => s.tenantId ?? ctx.state.tenantId

/** ARM lists the subscriptions of the token's tenant only. */
export function listSubscriptions(ctx: Ctx) {
  const mine = Object.values(ctx.state.subscriptions).filter(
    (s) => tenantOf(ctx, s) === ctx.caller.tenantId,
  )
  return pageOf(ctx, mine, (s) => render(ctx, s))
}

/**
 * ARM's 401 for a request under a subscription of another tenant than the token's (the message
 * as ARM words it: azure-sdk-for-python#38382, Azure/LogicAppsUX#9068); undefined otherwise.
 */
export function wrongTenant(ctx: Ctx, subscriptionId: string): SandboxResponse | undefined {
  const s = findSubscription(ctx, subscriptionId)
  if (!s || tenantOf(ctx, s) === ctx.caller.tenantId) return undefined
  const wanted = tenantOf(ctx, s)
  return armError(
    401,
    'InvalidAuthenticationTokenTenant',
    `The access token is from the wrong issuer 'https://sts.windows.net/${ctx.caller.tenantId}/'. It must match the tenant 'https://sts.windows.net/${wanted}/' associated with this subscription. Please use the authority (URL) 'https://login.windows.net/${wanted}' to get the token. Note, if the subscription is transferred to another tenant there is no impact to the services, but information about new tenant could take time to propagate (up to an hour). If you just transferred your subscription and see this error message, please try back later.`,
  )
}

export function getSubscription(ctx: Ctx, id: string) {
  const s = findSubscription(ctx, id)
  return s ? json(200, render(ctx, s)) : subscriptionNotFound(id)
}
