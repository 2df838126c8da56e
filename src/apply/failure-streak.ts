/**
 * What the other calls of a run say about ARM: how many transient failures (5xx, dropped
 * connections) it met in a row, across every step, since ARM last answered otherwise.
 *
 * A step's transient backoff doubles with its own failed attempts (azure-core's exponential
 * strategy) only while this streak keeps pace with them: when ARM answered other calls between
 * two failures of one step, ARM is up and that step was unlucky, so its next attempt waits the
 * base delay again instead of 16 or 30 s. In an outage every answer is a failure, the streak is at
 * least the step's own count, and the backoff is exactly the per-attempt one. (The consecutive-
 * failure counter of the Circuit Breaker pattern, reset by a success; every attempt still takes a
 * pacer token, so a retry never sends faster than ARM's write bucket allows.)
 */
export class FailureStreak {
  private run = 0

  /** ARM answered (a success, or a refusal that is no blip): it is up. */
  answered(): void {
    this.run = 0
  }

  /** A transient failure: the streak it extends (1 when ARM last answered something else). */
  failed(): number {
    this.run += 1
    return this.run
  }
}
