import type { Clock } from './clock.ts'

export interface BucketOptions {
  /** Writes allowed in a burst (ARM: 200 per subscription and principal). */
  readonly capacity: number
  /** Writes regained per second (ARM: 10). */
  readonly refillPerSecond: number
}

export const ARM_WRITE_BUCKET: BucketOptions = { capacity: 200, refillPerSecond: 10 }

/**
 * A client-side copy of ARM's write token bucket. Taking a token before each write paces a large
 * apply to the rate ARM accepts, so it rarely meets a 429 at all; when ARM reports fewer writes
 * left (x-ms-ratelimit-remaining-subscription-writes) or throttles anyway, the bucket follows.
 */
export class WritePacer {
  private tokens: number
  private last: number
  private pausedUntil = 0
  private readonly options: BucketOptions
  private readonly clock: Clock
  private readonly reserve: number

  /**
   * `reserve` tokens are never spent: writes sent together can reach ARM closer together than
   * they left (new TLS connections delay the first ones), and a 429 costs a whole Retry-After
   * second, so a small margin is cheaper than meeting the empty bucket.
   */
  constructor(
    options: BucketOptions,
    clock: Clock,
    reserve = Math.min(16, Math.floor(options.capacity / 4)),
  ) {
    this.options = options
    this.clock = clock
    this.reserve = reserve
    this.tokens = options.capacity
    this.last = clock.now()
  }

  /** Waits until a write may be sent, then spends one token. */
  async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      this.refill()
      const now = this.clock.now()
      if (now < this.pausedUntil) {
        await this.clock.sleep(this.pausedUntil - now, signal)
        continue
      }
      if (this.tokens >= 1 + this.reserve) {
        this.tokens -= 1
        return
      }
      const wait = ((1 + this.reserve - this.tokens) / this.options.refillPerSecond) * 1000
      await this.clock.sleep(Math.max(1, Math.ceil(wait)), signal)
    }
  }

  /** ARM said how many writes remain: never believe we have more. */
  observeRemaining(remaining: number): void {
    this.refill()
    if (Number.isFinite(remaining) && remaining >= 0) this.tokens = Math.min(this.tokens, remaining)
  }

  /** ARM throttled: nobody writes until Retry-After has passed. */
  pause(ms: number): void {
    // The bucket is empty now and refills while we wait, as ARM's does.
    this.refill()
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms)
    this.tokens = 0
  }

  private refill(): void {
    const now = this.clock.now()
    if (now <= this.last) return
    this.tokens = Math.min(
      this.options.capacity,
      this.tokens + ((now - this.last) / 1000) * this.options.refillPerSecond,
    )
    this.last = now
  }
}

/** The least time N writes can take through a bucket that starts full (ignoring the reserve). */
export function bucketFloorMs(writes: number, options: BucketOptions): number {
  return (Math.max(0, writes - options.capacity) / options.refillPerSecond) * 1000
}
