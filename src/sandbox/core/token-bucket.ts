import type { BucketState } from './types.ts'

export interface BucketConfig {
  readonly capacity: number
  readonly refillPerSecond: number
}

export type TakeResult =
  | { readonly ok: true; readonly remaining: number }
  | { readonly ok: false; readonly retryAfterSeconds: number }

function refill(bucket: BucketState, config: BucketConfig, now: number): void {
  const elapsed = Math.max(0, now - bucket.updatedAt) / 1000
  bucket.tokens = Math.min(config.capacity, bucket.tokens + elapsed * config.refillPerSecond)
  bucket.updatedAt = now
}

/**
 * ARM's write throttling: a bucket of `capacity` tokens refilled continuously at
 * `refillPerSecond`; a write takes one. An empty bucket answers how many whole seconds until the
 * next token (ARM's `Retry-After` is in seconds).
 */
export function takeToken(
  buckets: Record<string, BucketState>,
  key: string,
  config: BucketConfig,
  now: number,
): TakeResult {
  const bucket = (buckets[key] ??= { tokens: config.capacity, updatedAt: now })
  refill(bucket, config, now)
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1
    return { ok: true, remaining: Math.floor(bucket.tokens) }
  }
  const seconds = config.refillPerSecond > 0 ? (1 - bucket.tokens) / config.refillPerSecond : 3600
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(seconds)) }
}
