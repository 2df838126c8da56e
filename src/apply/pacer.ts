import type { Clock } from './clock.ts'

export interface BucketOptions {
  /** Writes allowed in a burst (ARM: 200 per subscription and principal). */
  readonly capacity: number
  /** Writes regained per second (ARM: 10). */
  readonly refillPerSecond: number
}

export const ARM_WRITE_BUCKET: BucketOptions = { capacity: 200, refillPerSecond: 10 }

/** The subscription's bucket every caller shares: 15 times a caller's (Microsoft Learn). */
export const ARM_GLOBAL_WRITE_BUCKET: BucketOptions = { capacity: 3000, refillPerSecond: 150 }

/** ARM's two write buckets: the caller's in the subscription, and the subscription's own. */
export type WriteBucket = 'caller' | 'global'

/** Told how many writes ARM has left in one of its buckets (from its response headers). */
export type RemainingWrites = (remaining: number, bucket: WriteBucket) => void

/** A client-side copy of one token bucket, refilled continuously from the clock. */
class BucketCopy {
  tokens: number
  private last: number
  readonly options: BucketOptions
  /**
   * `reserve` tokens are never spent: writes sent together can reach ARM closer together than
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

  /** Milliseconds until one token above the reserve is there (0: now). */
  waitMs(): number {
    const missing = 1 + this.reserve - this.tokens
    return missing <= 0 ? 0 : (missing / this.options.refillPerSecond) * 1000
  }
}

/**
 * A client-side copy of ARM's write token buckets, the caller's and the subscription's global
 * one. Taking a token (from both) before each write paces a large apply to the rate ARM accepts,
 * so it rarely meets a 429 at all; when ARM reports fewer writes left in either bucket
 * (x-ms-ratelimit-remaining-subscription-writes, …-global-writes) or throttles anyway, that copy
 * follows. Each copy refills at its own rate: a global bucket that other callers emptied comes
 * back at 150/s, not at the caller's 10/s.
 */
export class WritePacer {
  private readonly buckets: Record<WriteBucket, BucketCopy>
  private pausedUntil = 0
  private readonly clock: Clock

  constructor(
    options: BucketOptions,
    clock: Clock,
    reserve = Math.min(16, Math.floor(options.capacity / 4)),
    global: BucketOptions = ARM_GLOBAL_WRITE_BUCKET,
  ) {
    this.clock = clock
    const now = clock.now()
    this.buckets = {
      caller: new BucketCopy(options, now, reserve),
      global: new BucketCopy(global, now, Math.min(reserve, Math.floor(global.capacity / 4))),
    }
  }

  /** Waits until a write may be sent, then spends one token of each bucket. */
  async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.clock.now()
      this.refill(now)
      if (now < this.pausedUntil) {
        await this.clock.sleep(this.pausedUntil - now, signal)
        continue
      }
      const wait = Math.max(this.buckets.caller.waitMs(), this.buckets.global.waitMs())
      if (wait === 0) {
        this.buckets.caller.tokens -= 1
        this.buckets.global.tokens -= 1
        return
      }
      await this.clock.sleep(Math.max(1, Math.ceil(wait)), signal)
    }
  }

  /** ARM said how many writes remain in one bucket: never believe we have more. */
  observeRemaining(remaining: number, bucket: WriteBucket = 'caller'): void {
    const copy = this.buckets[bucket]
    copy.refill(this.clock.now())
    if (Number.isFinite(remaining) && remaining >= 0) copy.tokens = Math.min(copy.tokens, remaining)
  }

  /** ARM throttled: nobody writes until Retry-After has passed. */
  pause(ms: number): void {
    // The caller's bucket is empty now and refills while we wait, as ARM's does. (When the global
    // bucket throttled, the 429's own header empties that copy too.)
    const now = this.clock.now()
    this.refill(now)
    this.pausedUntil = Math.max(this.pausedUntil, now + ms)
    this.buckets.caller.tokens = 0
  }

  private refill(now: number): void {
    this.buckets.caller.refill(now)
    this.buckets.global.refill(now)
  }
}

/** The least time N writes can take through a bucket that starts full (ignoring the reserve). */
export function bucketFloorMs(writes: number, options: BucketOptions): number {
  return (Math.max(0, writes - options.capacity) / options.refillPerSecond) * 1000
}
