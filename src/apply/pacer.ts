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

  constructor(options: BucketOptions, clock: Clock) {
    this.options = options
    this.clock = clock
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
      if (this.tokens >= 1) {
        this.tokens -= 1
        return
      }
      const wait = ((1 - this.tokens) / this.options.refillPerSecond) * 1000
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
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms)
    this.tokens = 0
    this.last = Math.max(this.last, this.pausedUntil)
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

/** The least time N writes can take through a bucket that starts full. */
export function bucketFloorMs(writes: number, options: BucketOptions): number {
  return (Math.max(0, writes - options.capacity) / options.refillPerSecond) * 1000
}
