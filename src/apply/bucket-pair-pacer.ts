import { abortError, type Clock } from './clock.ts'

export interface BucketOptions {
  /** Calls allowed in a burst (ARM: 200 writes, or 200 deletes, per subscription and principal). */
  readonly capacity: number
  /** Calls regained per second (ARM: 10). */
  readonly refillPerSecond: number
}

/**
 * One operation type's two ARM buckets (writes, or deletes): the caller's in the subscription,
 * and the subscription's own, which every caller shares.
 */
export interface BucketPair {
  readonly caller: BucketOptions
  readonly global: BucketOptions
}

export type BucketScope = keyof BucketPair

/** A client-side copy of one token bucket, refilled continuously from the clock. */
class BucketCopy {
  tokens: number
  private last: number
  readonly options: BucketOptions
  /**
   * `reserve` tokens are never spent: calls sent together can reach ARM closer together than
   * they left (new TLS connections delay the first ones), and a 429 costs a whole Retry-After
   * second, so a small margin is cheaper than meeting the empty bucket.
   */
  readonly reserve: number

  constructor(options: BucketOptions, now: number, reserve: number) {
    this.options = options
    this.reserve = reserve
    this.tokens = options.capacity
    this.last = now
  }

  refill(now: number): void {
    if (now <= this.last) return
    this.tokens = Math.min(
      this.options.capacity,
      this.tokens + ((now - this.last) / 1000) * this.options.refillPerSecond,
    )
    this.last = now
  }

  /** Milliseconds until one token above the reserve and `held` more is there (0: now). */
  waitMs(held = 0): number {
    const missing = 1 + this.reserve + held - this.tokens
    return missing <= 0 ? 0 : (missing / this.options.refillPerSecond) * 1000
  }
}

/** What a pacer does for the retrier: a token before each call, a pause after a 429. */
export interface Pacer {
  take(signal?: AbortSignal, retry?: boolean): Promise<() => void>
  pause(ms: number): void
}

/**
 * A client-side copy of one operation type's two ARM buckets, the caller's and the subscription's
 * global one. Taking a token (from both) before each call paces a large run to the rate ARM
 * accepts, so it rarely meets a 429 at all; when ARM reports fewer calls left in either bucket
 * (its remaining-count headers) or throttles anyway, that copy follows. Each copy refills at its
 * own rate: a global bucket that other callers emptied comes back at 150/s, not at the caller's
 * 10/s. A pause after a 429 holds only this operation type: ARM's other buckets were not empty.
 */
export class BucketPairPacer implements Pacer {
  private readonly buckets: Record<BucketScope, BucketCopy>
  private pausedUntil = 0
  /** ARM throttled: the next call is a probe, sent alone. */
  private probeDue = false
  /** The probe in flight: the other callers wait for its answer, or until `until` at most. */
  private probe: { readonly answered: Promise<void>; readonly until: number } | undefined
  /** Retries waiting for a token: first attempts leave one token for each. */
  private retries = 0
  private readonly clock: Clock

  constructor(pair: BucketPair, clock: Clock, reserve = defaultReserve(pair.caller)) {
    this.clock = clock
    const now = clock.now()
    this.buckets = {
      caller: new BucketCopy(pair.caller, now, reserve),
      global: new BucketCopy(
        pair.global,
        now,
        Math.min(reserve, Math.floor(pair.global.capacity / 4)),
      ),
    }
  }

  /**
   * Waits until a call may be sent, then spends one token of each bucket. Returns what to call
   * once ARM has answered that call (or it was not sent): after a 429, the first call goes alone
   * and the others wait for its answer, so a bucket other callers still hold empty meets one call
   * per Retry-After, not every caller at once.
   *
   * A `retry` goes first: a first attempt leaves one token for each retry waiting, so a step
   * already begun ends before new ones start, and the end of a run is not a retry queued behind
   * the last new calls.
   */
  async take(signal?: AbortSignal, retry = false): Promise<() => void> {
    if (!retry) return this.nextToken(signal, () => this.retries)
    this.retries++
    try {
      return await this.nextToken(signal, () => 0)
    } finally {
      this.retries--
    }
  }

  private async nextToken(
    signal: AbortSignal | undefined,
    held: () => number,
  ): Promise<() => void> {
    for (;;) {
      const now = this.clock.now()
      this.refill(now)
      if (now < this.pausedUntil) {
        await this.clock.sleep(this.pausedUntil - now, signal)
        continue
      }
      const probe = this.probe
      if (probe && now < probe.until) {
        await this.within(probe.answered, probe.until - now, signal)
        continue
      }
      const wait = Math.max(this.buckets.caller.waitMs(held()), this.buckets.global.waitMs(held()))
      if (wait === 0) {
        this.buckets.caller.tokens -= 1
        this.buckets.global.tokens -= 1
        return this.probeDue ? this.sendProbe() : answered
      }
      await this.clock.sleep(Math.max(1, Math.ceil(wait)), signal)
    }
  }

  private sendProbe(): () => void {
    this.probeDue = false
    let end = answered
    const probe = {
      answered: new Promise<void>((resolve) => (end = resolve)),
      until: this.clock.now() + PROBE_PATIENCE_MS,
    }
    this.probe = probe
    return () => {
      if (this.probe === probe) this.probe = undefined
      end()
    }
  }

  /** Resolves when `done` does or `ms` have passed, whichever is first; rejects on a cancel. */
  private async within(done: Promise<void>, ms: number, signal?: AbortSignal): Promise<void> {
    const timer = new AbortController()
    const cancel = (): void => timer.abort()
    signal?.addEventListener('abort', cancel, { once: true })
    try {
      await Promise.race([done, this.clock.sleep(ms, timer.signal).catch(() => undefined)])
    } finally {
      signal?.removeEventListener('abort', cancel)
      // No timer outlives the wait (a CLI would stay up until it fired).
      timer.abort()
    }
    if (signal?.aborted) throw abortError()
  }

  /** ARM said how many calls remain in one bucket: never believe we have more. */
  observeRemaining(remaining: number, scope: BucketScope): void {
    const copy = this.buckets[scope]
    copy.refill(this.clock.now())
    if (Number.isFinite(remaining) && remaining >= 0) copy.tokens = Math.min(copy.tokens, remaining)
  }

  /** ARM throttled: no call of this type goes until Retry-After has passed. */
  pause(ms: number): void {
    const now = this.clock.now()
    this.refill(now)
    this.pausedUntil = Math.max(this.pausedUntil, now + ms)
    // Which bucket was empty? The pacer never spends the global copy below its reserve, so a copy
    // under one token is ARM's own word (the 429's global header, or an answer just before): other
    // callers emptied the subscription's bucket, and the caller's kept filling meanwhile, at ARM
    // as here. Otherwise it was the caller's bucket, empty now and refilling while we wait, as
    // ARM's does.
    if (this.buckets.global.tokens >= 1) this.buckets.caller.tokens = 0
    this.probeDue = true
  }

  private refill(now: number): void {
    this.buckets.caller.refill(now)
    this.buckets.global.refill(now)
  }
}

/** A reserve of a quarter of the bucket, at most 16 tokens (BucketCopy says why). */
export const defaultReserve = (options: BucketOptions): number =>
  Math.min(16, Math.floor(options.capacity / 4))

/** What a call that is no probe does once answered. */
const answered = (): void => undefined

/**
 * How long the other callers wait for a probe's answer at most: a write that is a long-running
 * operation (polled inside the call) or a request that hangs must not hold the whole run.
 */
const PROBE_PATIENCE_MS = 10_000
