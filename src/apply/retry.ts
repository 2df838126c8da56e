import { classify, isArmFailure, type ArmFailure, type RetryClass } from './failure.ts'
import { abortError, isAbort, type Clock } from './clock.ts'
import type { FailureStreak } from './failure-streak.ts'
import type { Pacer } from './bucket-pair-pacer.ts'

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
  /** How many attempts this kind of failure gets in all; absent when a time bounds it. */
  readonly limit?: number
}

/** Which attempt comes next, for the progress lines: " (attempt 3 of 10)"; "" when a time bounds it. */
export function nextAttempt(note: AttemptNote): string {
  return note.limit ? ` (attempt ${note.attempt + 1} of ${note.limit})` : ''
}

export interface RetryContext {
  readonly clock: Clock
  readonly policy: RetryPolicy
  /** Uniform [0, 1) for jitter; injected so runs are reproducible. */
  readonly random: () => number
  /** Paces the calls made as writes: a run's write pacer, or its delete pair for a prune. */
  readonly pacer?: Pacer
  /**
   * Shared by every call of a run: a transient failure backs off exponentially only as far as
   * the run's failures in a row reach (failure-streak.ts). Without one, by the call's attempts.
   */
  readonly streak?: FailureStreak
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
    const answered = write && ctx.pacer ? await ctx.pacer.take(ctx.signal, attempt > 1) : undefined
    let failure: unknown
    try {
      const value = await call()
      ctx.streak?.answered()
      return value
    } catch (e) {
      failure = e
    } finally {
      // Synchronous up to the sleep below: a 429's pause is in place before a writer waiting
      // for this answer runs again.
      answered?.()
    }
    if (isAbort(failure) || !isArmFailure(failure)) throw failure
    const kind = classify(failure)
    const doublings = Math.min(attempt, streakAfter(kind, ctx.streak) ?? attempt)
    const wait = delayFor(kind, failure, attempt, doublings, ctx, ctx.clock.now() - started)
    if (wait === undefined) throw failure
    if (failure.status === 429) ctx.pacer?.pause(wait)
    const limit = attemptLimit(kind, ctx.policy)
    ctx.onRetry?.({ attempt, failure, waitMs: wait, ...(limit ? { limit } : {}) })
    await ctx.clock.sleep(wait, ctx.signal)
  }
}

/**
 * Tells the run's streak what ARM answered; for a transient failure, returns the streak. A 429
 * says nothing either way (ARM's front door throttles before the provider is reached).
 */
function streakAfter(kind: RetryClass, streak: FailureStreak | undefined): number | undefined {
  if (kind === 'transient') return streak?.failed()
  if (kind !== 'throttled') streak?.answered()
  return undefined
}

/**
 * How many attempts a failure of this kind gets in all, the first included; undefined when a
 * time bounds it instead (a fresh principal's replication: principalWaitMs). Throttling and a
 * lock another write holds end on their own: they get twice the transient budget.
 */
function attemptLimit(kind: RetryClass, policy: RetryPolicy): number | undefined {
  switch (kind) {
    case 'throttled':
    case 'locked':
      return policy.maxAttempts * 2
    case 'transient':
      return policy.maxAttempts
    case 'reauthenticate':
      return 2
    case 'principalNotReady':
      return undefined
    case 'permanent':
      return 1
  }
}

/**
 * The wait before the next attempt, or undefined to give up. `doublings`: how far a transient
 * failure's backoff has grown (the attempt, or less when ARM answered others meanwhile).
 */
function delayFor(
  kind: RetryClass,
  f: ArmFailure,
  attempt: number,
  doublings: number,
  ctx: RetryContext,
  elapsed: number,
): number | undefined {
  const spread = 0.8 + 0.4 * ctx.random()
  const jitter = (n: number): number =>
    Math.round(Math.min(ctx.policy.maxDelayMs, ctx.policy.baseDelayMs * 2 ** (n - 1)) * spread)
  const jittered = jitter(attempt)
  const more = attempt < (attemptLimit(kind, ctx.policy) ?? Infinity)
  switch (kind) {
    case 'throttled':
      return more ? (f.retryAfterMs ?? jittered) : undefined
    case 'transient':
      return more ? jitter(doublings) : undefined
    case 'locked':
      return more ? jittered : undefined
    case 'reauthenticate':
      // Once, at once: the SDK's token cycler asks the credential again for an expired token.
      return more ? 0 : undefined
    case 'principalNotReady':
      return elapsed + jittered <= ctx.policy.principalWaitMs ? jittered : undefined
    case 'permanent':
      return undefined
  }
}
