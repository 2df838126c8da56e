import { abortError, type Clock } from '@/apply/clock.ts'

interface Sleeper {
  readonly at: number
  /** Order of arrival: sleepers due at the same time wake first come, first served. */
  readonly seq: number
  readonly wake: () => void
}

/**
 * A discrete-event clock for tests and benchmarks: `now()` is virtual time, and `sleep()` resolves
 * when virtual time reaches its end. Time never passes on its own: once everything runnable has
 * run (the microtask queue has drained and a macrotask turn has gone by), the clock jumps to the
 * earliest sleeper and wakes it alone; its continuation runs to its next wait before the next
 * sleeper is woken. Minutes of backoff and throttling run in milliseconds, in the same order every
 * time.
 *
 * It sees only its own timers: code under simulation must wait through this clock (real timers or
 * real I/O would run beside virtual time, not inside it).
 */
export class VirtualClock implements Clock {
  private time: number
  private seq = 0
  /** Sorted by (at, seq). */
  private readonly sleepers: Sleeper[] = []
  private scheduled = false

  constructor(start = Date.UTC(2026, 10, 27)) {
    this.time = start
  }

  now(): number {
    return this.time
  }

  /** Moves time forward by hand (sleepers it passes wake in order on the next turn). */
  advance(ms: number): void {
    this.time += Math.max(0, ms)
  }

  /** How many sleepers wait (a test can tell a wait from a hang). */
  pending(): number {
    return this.sleepers.length
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError())
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const i = this.sleepers.indexOf(sleeper)
        if (i >= 0) this.sleepers.splice(i, 1)
        reject(abortError())
      }
      const sleeper: Sleeper = {
        at: this.time + Math.max(0, Number.isFinite(ms) ? ms : 0),
        seq: this.seq++,
        wake: () => {
          signal?.removeEventListener('abort', onAbort)
          resolve()
        },
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.sleepers.splice(this.insertionPoint(sleeper), 0, sleeper)
      this.schedule()
    })
  }

  /** After the last equal-or-earlier sleeper: binary search over (at, seq). */
  private insertionPoint(s: Sleeper): number {
    let lo = 0
    let hi = this.sleepers.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const m = this.sleepers[mid]!
      if (m.at < s.at || (m.at === s.at && m.seq < s.seq)) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /**
   * Two macrotask turns: the first runs after every pending microtask; the second lets
   * callbacks others queued in that turn (setImmediate, I/O already complete) run too.
   */
  private schedule(): void {
    if (this.scheduled) return
    this.scheduled = true
    setImmediate(() =>
      setImmediate(() => {
        this.scheduled = false
        const next = this.sleepers.shift()
        if (!next) return
        this.time = Math.max(this.time, next.at)
        next.wake()
        if (this.sleepers.length > 0) this.schedule()
      }),
    )
  }
}
