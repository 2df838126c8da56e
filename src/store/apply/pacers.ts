import type { Clock } from '../../apply/clock.ts'
import { ARM_WRITE_BUCKET, type RemainingCalls, ArmPacer } from '../../apply/pacer.ts'

/**
 * The client copies of ARM's buckets, one set per target and subscription, as ARM keeps them (per
 * subscription and caller): kept across runs, prunes and Compare's removals, so a prune right
 * after a run paces on what that run left, and the headers a call answers with reach the copy of
 * the subscription it was made in.
 */
export class StorePacers {
  private readonly pacers = new Map<string, ArmPacer>()
  private readonly clock: Clock
  private readonly current: () => { readonly target: string; readonly subscriptionId: string }

  constructor(
    clock: Clock,
    current: () => { readonly target: string; readonly subscriptionId: string },
  ) {
    this.clock = clock
    this.current = current
  }

  /** The pacer of the target and subscription chosen now. */
  now(): ArmPacer {
    const { target, subscriptionId } = this.current()
    const key = `${target}|${subscriptionId.toLowerCase()}`
    let pacer = this.pacers.get(key)
    if (!pacer) this.pacers.set(key, (pacer = new ArmPacer(ARM_WRITE_BUCKET, this.clock)))
    return pacer
  }

  /** For the connections: what ARM's headers say reaches the current subscription's copy. */
  readonly observe: RemainingCalls = (remaining, bucket) =>
    this.now().observeRemaining(remaining, bucket)
}
