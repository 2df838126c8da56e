import type { Clock } from './clock.ts'
import {
  BucketPairPacer,
  defaultReserve,
  type BucketOptions,
  type BucketPair,
  type BucketScope,
  type Pacer,
} from './bucket-pair-pacer.ts'

export type { BucketOptions, BucketPair, Pacer } from './bucket-pair-pacer.ts'

export const ARM_WRITE_BUCKET: BucketOptions = { capacity: 200, refillPerSecond: 10 }

/** The subscription's bucket every caller shares: 15 times a caller's (Microsoft Learn). */
export const ARM_GLOBAL_WRITE_BUCKET: BucketOptions = { capacity: 3000, refillPerSecond: 150 }

/**
 * ARM's delete buckets, apart from the write ones (Microsoft Learn, "Understand how Azure Resource
 * Manager throttles requests": deletes 200 per subscription and principal, refilling 10/s; the
 * subscription's global limit 15 times that).
 */
export const ARM_DELETE_BUCKETS: BucketPair = {
  caller: { capacity: 200, refillPerSecond: 10 },
  global: { capacity: 3000, refillPerSecond: 150 },
}

/**
 * One of ARM's four change buckets, named as its remaining-count header
 * (x-ms-ratelimit-remaining-subscription-<name>) names it: the caller's writes, the subscription's
 * global writes, and the same two for deletes.
 */
export type ChangeBucket = 'writes' | 'global-writes' | 'deletes' | 'global-deletes'

/** Told how many calls ARM has left in one of its change buckets (from its response headers). */
export type RemainingCalls = (remaining: number, bucket: ChangeBucket) => void

/** Which pair a bucket belongs to, and which of the pair it is. */
const PLACE: Record<ChangeBucket, readonly ['writes' | 'deletes', BucketScope]> = {
  writes: ['writes', 'caller'],
  'global-writes': ['writes', 'global'],
  deletes: ['deletes', 'caller'],
  'global-deletes': ['deletes', 'global'],
}

/**
 * Paces a run's changes to ARM's buckets: writes (PUT, PATCH, POST) through the write pair, and
 * deletes (prune's) through the delete pair. ARM throttles the two apart, so a prune after a large
 * apply does not wait for the write bucket it emptied, nor a 429 on a delete hold the writes. As a
 * `Pacer` it paces writes; `deletes` paces deletes. A `reserve` given is kept in every copy; by
 * default each caller's copy keeps a quarter of its bucket, 16 at most.
 */
export class ArmPacer implements Pacer {
  readonly writes: BucketPairPacer
  readonly deletes: BucketPairPacer

  constructor(
    options: BucketOptions,
    clock: Clock,
    reserve?: number,
    global: BucketOptions = ARM_GLOBAL_WRITE_BUCKET,
    deletes: BucketPair = ARM_DELETE_BUCKETS,
  ) {
    this.writes = new BucketPairPacer({ caller: options, global }, clock, reserve)
    this.deletes = new BucketPairPacer(deletes, clock, reserve ?? defaultReserve(deletes.caller))
  }

  /** A write's token (BucketPairPacer.take). */
  take(signal?: AbortSignal, retry = false): Promise<() => void> {
    return this.writes.take(signal, retry)
  }

  /** ARM throttled a write: writes wait, deletes go on. */
  pause(ms: number): void {
    this.writes.pause(ms)
  }

  /** ARM said how many calls remain in one of its buckets: that copy follows. */
  observeRemaining(remaining: number, bucket: ChangeBucket = 'writes'): void {
    const [pair, scope] = PLACE[bucket]
    this[pair].observeRemaining(remaining, scope)
  }
}

/** The least time N writes can take through a bucket that starts full (ignoring the reserve). */
export function bucketFloorMs(writes: number, options: BucketOptions): number {
  return (Math.max(0, writes - options.capacity) / options.refillPerSecond) * 1000
}
