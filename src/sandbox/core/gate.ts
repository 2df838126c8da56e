import { type Ctx, json } from './context.ts'
import { armError } from './errors.ts'
import type { BucketPairConfig, FaultConfig, FaultDraw } from './faults.ts'
import { armOperation } from './request.ts'
import { takeToken } from './token-bucket.ts'
import type { SandboxResponse } from './types.ts'

export const RATE_LIMIT_HEADER = 'x-ms-ratelimit-remaining-subscription-writes'
export const GLOBAL_RATE_LIMIT_HEADER = 'x-ms-ratelimit-remaining-subscription-global-writes'
export const DELETE_LIMIT_HEADER = 'x-ms-ratelimit-remaining-subscription-deletes'
export const GLOBAL_DELETE_LIMIT_HEADER = 'x-ms-ratelimit-remaining-subscription-global-deletes'
export const READ_LIMIT_HEADER = 'x-ms-ratelimit-remaining-subscription-reads'

/**
 * A change's two buckets (ARM throttles writes and deletes apart): the settings that size them,
 * the headers that report them, the word its 429 uses and where its bucket state is kept.
 */
interface ChangeBuckets {
  readonly kind: 'write' | 'delete'
  readonly settings: (faults: FaultConfig) => BucketPairConfig
  readonly header: string
  readonly globalHeader: string
  /** Prefixed to the bucket keys: writes keep their unprefixed keys (snapshots saved before). */
  readonly keyPrefix: string
}

const CHANGES: Record<ChangeBuckets['kind'], ChangeBuckets> = {
  write: {
    kind: 'write',
    settings: (faults) => faults.throttle,
    header: RATE_LIMIT_HEADER,
    globalHeader: GLOBAL_RATE_LIMIT_HEADER,
    keyPrefix: '',
  },
  delete: {
    kind: 'delete',
    settings: (faults) => faults.deleteThrottle,
    header: DELETE_LIMIT_HEADER,
    globalHeader: GLOBAL_DELETE_LIMIT_HEADER,
    keyPrefix: 'delete|',
  },
}

const subscriptionOf = (ctx: Ctx): string | undefined =>
  ctx.request.segments[0]?.toLowerCase() === 'subscriptions'
    ? ctx.request.segments[1]?.toLowerCase()
    : undefined

/**
 * ARM's front door before the provider: the token buckets of the request's operation type (reads,
 * writes or deletes, each per subscription and caller; writes and deletes also the subscription's
 * global one) and the injected 5xx. Returns the rejection, or the headers the answer carries.
 */
export type Gate =
  | { readonly passed: false; readonly response: SandboxResponse }
  | { readonly passed: true; readonly headers: Record<string, string> }

export function frontDoor(ctx: Ctx, draw: FaultDraw, requestId: string): Gate {
  const operation = armOperation(ctx.request.method)
  const gate = operation === 'read' ? readBucket(ctx) : changeBuckets(ctx, CHANGES[operation])
  if (gate.passed && draw.serverError)
    return reject(serverError(draw.serverError, ctx, requestId, gate.headers))
  return gate
}

/** A write or a delete: a token from the global bucket, then one from the caller's. */
function changeBuckets(ctx: Ctx, change: ChangeBuckets): Gate {
  const pair = change.settings(ctx.settings.faults)
  if (!ctx.settings.faults.throttle.enabled)
    return pass({
      [change.header]: String(pair.capacity),
      [change.globalHeader]: String(pair.globalCapacity),
    })
  const sub = subscriptionOf(ctx)
  const key = `${change.keyPrefix}${sub ?? 'tenant'}`
  // The subscription-wide global bucket first (every caller shares it), then the caller's.
  const global = takeToken(
    ctx.state.buckets,
    `${key}|global`,
    { capacity: pair.globalCapacity, refillPerSecond: pair.globalRefillPerSecond },
    ctx.now,
  )
  if (!global.ok)
    return reject(
      throttled(sub, 'global', global.retryAfterSeconds, change.kind, change.globalHeader),
    )
  const principal = ctx.caller.principalId
  const taken = takeToken(ctx.state.buckets, `${key}|${principal}`, pair, ctx.now)
  if (!taken.ok)
    return reject(throttled(sub, principal, taken.retryAfterSeconds, change.kind, change.header))
  return pass({
    [change.header]: String(taken.remaining),
    [change.globalHeader]: String(global.remaining),
  })
}

/** ARM's read bucket (off unless switched on): the caller's, and no header while it is off. */
function readBucket(ctx: Ctx): Gate {
  const { readThrottle } = ctx.settings.faults
  if (!readThrottle.enabled) return pass({})
  const sub = subscriptionOf(ctx)
  const principal = ctx.caller.principalId
  const taken = takeToken(
    ctx.state.buckets,
    `read|${sub ?? 'tenant'}|${principal}`,
    readThrottle,
    ctx.now,
  )
  if (!taken.ok)
    return reject(throttled(sub, principal, taken.retryAfterSeconds, 'read', READ_LIMIT_HEADER))
  return pass({ [READ_LIMIT_HEADER]: String(taken.remaining) })
}

const pass = (headers: Record<string, string>): Gate => ({ passed: true, headers })
const reject = (response: SandboxResponse): Gate => ({ passed: false, response })

/**
 * ARM's 429 for an empty bucket: the caller's (`actor` its principal) or the global one, naming
 * the operation type whose bucket it is; `header`, the empty bucket's, says 0.
 */
function throttled(
  sub: string | undefined,
  actor: string,
  seconds: number,
  kind: 'read' | 'write' | 'delete',
  header: string,
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
