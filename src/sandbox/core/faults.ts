import { nextFloat } from './prng.ts'

/**
 * One operation type's pair of ARM token buckets: the caller's in the subscription (`capacity`,
 * `refillPerSecond`) and the subscription-wide global one every caller shares (`globalCapacity`,
 * `globalRefillPerSecond`); 429 + Retry-After when either is empty. (Microsoft Learn, "Understand
 * how Azure Resource Manager throttles requests": per subscription, per service principal and per
 * operation type, with "global subscription limits that are equivalent to 15 times the individual
 * service principal limits for each operation type".)
 */
export interface BucketPairConfig {
  readonly capacity: number
  readonly refillPerSecond: number
  readonly globalCapacity: number
  readonly globalRefillPerSecond: number
}

/** Faults the sandbox injects; all off except ARM's own write and delete throttling. */
export interface FaultConfig {
  /** Every answer waits `fixedMs` plus a seeded share of `jitterMs`. */
  readonly latency: { readonly fixedMs: number; readonly jitterMs: number }
  /**
   * ARM's write buckets (PUT, PATCH, POST): the caller's 200, +10/s, the subscription's 3,000,
   * +150/s, reported in x-ms-ratelimit-remaining-subscription-writes and …-global-writes.
   * `enabled` switches deletes' buckets too: both are ARM's throttling of changes.
   */
  readonly throttle: BucketPairConfig & { readonly enabled: boolean }
  /**
   * ARM's delete buckets, apart from the write ones (a DELETE spends no write token): the
   * caller's 200, +10/s (Learn's token-bucket table), the subscription's 15 times that, reported
   * in x-ms-ratelimit-remaining-subscription-deletes and …-global-deletes. On with `throttle`.
   */
  readonly deleteThrottle: BucketPairConfig
  /** How long asynchronous provider operations run, and the Retry-After their polls carry. */
  readonly operations: { readonly durationMs: number; readonly retryAfterSeconds: number }
  /**
   * Provider locks, as Azure takes them: a Cosmos DB account for the length of a data-role
   * write (a concurrent one: 412 PreconditionFailed); a user-assigned identity while one of its
   * federated credentials is written (`federatedCredentialMs`; a concurrent one: 409); an App
   * Service site for `siteMs` after each write to it or its config (a write meanwhile: 409
   * Conflict "Cannot modify this site because another operation is in progress"; 0: off).
   */
  readonly locks: {
    readonly enabled: boolean
    readonly federatedCredentialMs: number
    readonly siteMs: number
  }
  /**
   * ARM's read token bucket, per caller and subscription (250, refilling 25/s: Microsoft Learn,
   * "Understand how Azure Resource Manager throttles requests"). Off by default: on for the
   * import benchmark and its test.
   */
  readonly readThrottle: {
    readonly enabled: boolean
    readonly capacity: number
    readonly refillPerSecond: number
  }
  /** Share of requests answered 500 or 503 before they are processed. */
  readonly serverErrors: { readonly rate: number }
  /** Share of requests whose connection is reset, before or after the request takes effect. */
  readonly resets: { readonly rate: number; readonly phase: 'request' | 'response' }
  /** Role assignment writes at or below these scopes get 403 AuthorizationFailed. */
  readonly forbiddenScopes: readonly string[]
  /**
   * How many role assignments a subscription holds before a new one gets 400
   * RoleAssignmentLimitExceeded (Learn, "Troubleshoot Azure RBAC limits": 4,000, fixed); 0 for no
   * limit, the default (the apply benchmarks write 5,000 beside the seed).
   */
  readonly limits: { readonly roleAssignments: number }
}

export type FaultPatch = {
  readonly [K in keyof FaultConfig]?: FaultConfig[K] extends readonly string[]
    ? FaultConfig[K]
    : Partial<FaultConfig[K]>
}

export const DEFAULT_FAULTS: FaultConfig = {
  latency: { fixedMs: 0, jitterMs: 0 },
  throttle: {
    enabled: true,
    capacity: 200,
    refillPerSecond: 10,
    globalCapacity: 3000,
    globalRefillPerSecond: 150,
  },
  deleteThrottle: {
    capacity: 200,
    refillPerSecond: 10,
    globalCapacity: 3000,
    globalRefillPerSecond: 150,
  },
  operations: { durationMs: 1000, retryAfterSeconds: 1 },
  locks: { enabled: true, federatedCredentialMs: 200, siteMs: 0 },
  readThrottle: { enabled: false, capacity: 250, refillPerSecond: 25 },
  serverErrors: { rate: 0 },
  resets: { rate: 0, phase: 'request' },
  forbiddenScopes: [],
  limits: { roleAssignments: 0 },
}

/** One level deep: `{ throttle: { capacity: 20 } }` keeps the other throttle settings. */
export function mergeFaults(base: FaultConfig, patch: FaultPatch | undefined): FaultConfig {
  if (!patch) return base
  return {
    latency: { ...base.latency, ...patch.latency },
    throttle: { ...base.throttle, ...patch.throttle },
    deleteThrottle: { ...base.deleteThrottle, ...patch.deleteThrottle },
    operations: { ...base.operations, ...patch.operations },
    locks: { ...base.locks, ...patch.locks },
    readThrottle: { ...base.readThrottle, ...patch.readThrottle },
    serverErrors: { ...base.serverErrors, ...patch.serverErrors },
    resets: { ...base.resets, ...patch.resets },
    forbiddenScopes: patch.forbiddenScopes ?? base.forbiddenScopes,
    limits: { ...base.limits, ...patch.limits },
  }
}

export interface FaultDraw {
  readonly delayMs: number
  readonly reset?: 'request' | 'response'
  readonly serverError?: 500 | 503
}

/**
 * Draws this request's faults. The stream is only consumed for faults that are on, so a sandbox
 * without faults makes the same draws whatever it is asked.
 */
export function drawFaults(config: FaultConfig, stream: { value: number }): FaultDraw {
  const jitter = config.latency.jitterMs > 0 ? nextFloat(stream) * config.latency.jitterMs : 0
  const delayMs = Math.max(0, Math.round(config.latency.fixedMs + jitter))
  if (config.resets.rate > 0 && nextFloat(stream) < config.resets.rate)
    return { delayMs, reset: config.resets.phase }
  if (config.serverErrors.rate > 0 && nextFloat(stream) < config.serverErrors.rate)
    return { delayMs, serverError: nextFloat(stream) < 0.5 ? 500 : 503 }
  return { delayMs }
}

/** Is `scope` one of the forbidden scopes or below one? (Ids compare without case.) */
export function isForbidden(config: FaultConfig, scope: string): boolean {
  const s = scope.toLowerCase().replace(/\/+$/, '')
  return config.forbiddenScopes.some((f) => {
    const base = f.toLowerCase().replace(/\/+$/, '')
    return s === base || s.startsWith(`${base}/`)
  })
}
