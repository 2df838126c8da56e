import { type Ctx, json } from './context.ts'
import { armError } from './errors.ts'
import type { FaultDraw } from './faults.ts'
import { isWrite } from './request.ts'
import { takeToken } from './token-bucket.ts'
import type { SandboxResponse } from './types.ts'

export const RATE_LIMIT_HEADER = 'x-ms-ratelimit-remaining-subscription-writes'
export const GLOBAL_RATE_LIMIT_HEADER = 'x-ms-ratelimit-remaining-subscription-global-writes'
export const READ_LIMIT_HEADER = 'x-ms-ratelimit-remaining-subscription-reads'

const subscriptionOf = (ctx: Ctx): string | undefined =>
  ctx.request.segments[0]?.toLowerCase() === 'subscriptions'
    ? ctx.request.segments[1]?.toLowerCase()
    : undefined

/**
 * ARM's front door before the provider: the write token bucket (per subscription and caller) and
 * the injected 5xx. Returns the rejection, or the headers every write answer carries.
 */
export type Gate =
  | { readonly passed: false; readonly response: SandboxResponse }
  | { readonly passed: true; readonly headers: Record<string, string> }

export function frontDoor(ctx: Ctx, draw: FaultDraw, requestId: string): Gate {
  const headers: Record<string, string> = {}
  if (isWrite(ctx.request.method)) {
    const { throttle } = ctx.settings.faults
    const sub = subscriptionOf(ctx)
    if (throttle.enabled) {
      // The subscription-wide global bucket first (every caller shares it), then the caller's.
      const global = takeToken(
        ctx.state.buckets,
        `${sub ?? 'tenant'}|global`,
        { capacity: throttle.globalCapacity, refillPerSecond: throttle.globalRefillPerSecond },
        ctx.now,
      )
      if (!global.ok) return reject(throttled(sub, 'global', global.retryAfterSeconds))
      const key = `${sub ?? 'tenant'}|${ctx.caller.principalId}`
      const taken = takeToken(ctx.state.buckets, key, throttle, ctx.now)
      if (!taken.ok) return reject(throttled(sub, ctx.caller.principalId, taken.retryAfterSeconds))
      headers[RATE_LIMIT_HEADER] = String(taken.remaining)
      headers[GLOBAL_RATE_LIMIT_HEADER] = String(global.remaining)
    } else {
      headers[RATE_LIMIT_HEADER] = String(throttle.capacity)
      headers[GLOBAL_RATE_LIMIT_HEADER] = String(throttle.globalCapacity)
    }
  } else if (ctx.settings.faults.readThrottle.enabled) {
    const sub = subscriptionOf(ctx)
    const taken = takeToken(
      ctx.state.buckets,
      `read|${sub ?? 'tenant'}|${ctx.caller.principalId}`,
      ctx.settings.faults.readThrottle,
      ctx.now,
    )
    if (!taken.ok)
      return reject(
        throttled(sub, ctx.caller.principalId, taken.retryAfterSeconds, 'read', READ_LIMIT_HEADER),
      )
    headers[READ_LIMIT_HEADER] = String(taken.remaining)
  }
  if (draw.serverError) return reject(serverError(draw.serverError, ctx, requestId, headers))
  return { passed: true, headers }
}

const reject = (response: SandboxResponse): Gate => ({ passed: false, response })

/** ARM's 429 for an empty bucket: the caller's (`actor` its principal) or the global one. */
function throttled(
  sub: string | undefined,
  actor: string,
  seconds: number,
  kind: 'write' | 'read' = 'write',
  header = actor === 'global' ? GLOBAL_RATE_LIMIT_HEADER : RATE_LIMIT_HEADER,
): SandboxResponse {
  return {
    ...armError(
      429,
      'SubscriptionRequestsThrottled',
      `Number of '${kind}' requests for subscription '${sub ?? ''}' actor '${actor}' exceeded. Please try again after '${seconds}' seconds after additional tokens are available. Refer to https://aka.ms/arm-throttling for additional information.`,
    ),
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'retry-after': String(seconds),
      [header]: '0',
    },
  }
}

/** The bodies ARM's front door sends with its own 500 and 503. */
function serverError(
  status: 500 | 503,
  ctx: Ctx,
  requestId: string,
  headers: Record<string, string>,
): SandboxResponse {
  const at = new Date(ctx.now).toISOString()
  const error =
    status === 500
      ? {
          code: 'InternalServerError',
          message: `Encountered internal server error. Diagnostic information: timestamp '${at}', tracking id '${requestId}', request correlation id '${requestId}'.`,
        }
      : {
          code: 'ServiceUnavailable',
          message: 'The service is temporarily unavailable. Please retry the request later.',
        }
  return json(status, { error }, headers)
}
