import { classify, isArmFailure, type ArmFailure } from './failure.ts'
import { abortError, isAbort, type Clock } from './clock.ts'
import type { WritePacer } from './pacer.ts'

export interface RetryPolicy {
  /** Attempts for throttling and transient errors (5xx, network). */
  readonly maxAttempts: number
  readonly baseDelayMs: number
  readonly maxDelayMs: number
  /** How long to keep retrying PrincipalNotFound for a fresh identity (Entra replication). */
  readonly principalWaitMs: number
}

/**
 * Ten attempts for a transient failure, as azure-core's RetryPolicy (`retry_total` 10): at 20%
 * 5xx, six gave up on about one step in 15,000 (0.2⁶), so about one 5,000-assignment apply in
 * three ended with a failed step; ten give up on about one in ten million (0.2¹⁰).
 */
export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 10,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  principalWaitMs: 5 * 60_000,
}

/** Runs one ARM call under the run's retry policy; `write` takes a pacer token first. */
export type Retry = <T>(call: () => Promise<T>, write: boolean) => Promise<T>

export interface AttemptNote {
  readonly attempt: number
  readonly failure: ArmFailure
  readonly waitMs: number
}

export interface RetryContext {
  readonly clock: Clock
  readonly policy: RetryPolicy
  /** Uniform [0, 1) for jitter; injected so runs are reproducible. */
  readonly random: () => number
  readonly pacer?: WritePacer
  readonly signal?: AbortSignal
  readonly onRetry?: (note: AttemptNote) => void
}

/**
 * Runs an ARM call until it succeeds, fails for good, or the retry budget is spent. Writes take a
 * pacer token first. 429 waits Retry-After (and pauses every other write too), 5xx and network
 * errors back off exponentially with jitter, PrincipalNotFound backs off for up to a few minutes,
 * and a token ARM finds expired is renewed and the call made once more.
 */
export async function withRetry<T>(
  call: () => Promise<T>,
  ctx: RetryContext,
  write: boolean,
): Promise<T> {
  const started = ctx.clock.now()
  for (let attempt = 1; ; attempt++) {
    if (ctx.signal?.aborted) throw abortError()
    if (write && ctx.pacer) await ctx.pacer.take(ctx.signal)
    try {
      return await call()
    } catch (e) {
      if (isAbort(e) || !isArmFailure(e)) throw e
      const wait = delayFor(e, attempt, ctx, ctx.clock.now() - started)
      if (wait === undefined) throw e
      if (e.status === 429) ctx.pacer?.pause(wait)
      ctx.onRetry?.({ attempt, failure: e, waitMs: wait })
      await ctx.clock.sleep(wait, ctx.signal)
    }
  }
}

function delayFor(
  f: ArmFailure,
  attempt: number,
  ctx: RetryContext,
  elapsed: number,
): number | undefined {
  const backoff = Math.min(ctx.policy.maxDelayMs, ctx.policy.baseDelayMs * 2 ** (attempt - 1))
  const jittered = Math.round(backoff * (0.8 + 0.4 * ctx.random()))
  switch (classify(f)) {
    case 'throttled':
      return attempt < ctx.policy.maxAttempts * 2 ? (f.retryAfterMs ?? jittered) : undefined
    case 'transient':
      return attempt < ctx.policy.maxAttempts ? jittered : undefined
    case 'locked':
      // Another write holds the resource: it ends on its own; wait longer than for a blip.
      return attempt < ctx.policy.maxAttempts * 2 ? jittered : undefined
    case 'reauthenticate':
      // Once, at once: the SDK's token cycler asks the credential again for an expired token.
      return attempt === 1 ? 0 : undefined
    case 'principalNotReady':
      return elapsed + jittered <= ctx.policy.principalWaitMs ? jittered : undefined
    case 'permanent':
      return undefined
  }
}
