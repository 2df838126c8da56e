import { abortError, type Clock } from '@/apply/clock.ts'

/**
 * A clock whose sleeps complete instantly in virtual time: sleeping advances `now` to the wake-up
 * time of the earliest sleeper. Lets tests run minutes of backoff in milliseconds, deterministically.
 */
export class VirtualClock implements Clock {
  private time: number
  private readonly sleepers: { at: number; resolve: () => void }[] = []
  private scheduled = false

  constructor(start = Date.UTC(2026, 10, 27)) {
    this.time = start
  }

  now(): number {
    return this.time
  }

  advance(ms: number): void {
    this.time += ms
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError())
    return new Promise((resolve, reject) => {
      const sleeper = { at: this.time + Math.max(0, ms), resolve }
      this.sleepers.push(sleeper)
      signal?.addEventListener('abort', () => {
        this.sleepers.splice(this.sleepers.indexOf(sleeper), 1)
        reject(abortError())
      })
      this.schedule()
    })
  }

  /** Wake the earliest sleeper once every pending microtask has run (so concurrent sleepers queue up). */
  private schedule(): void {
    if (this.scheduled) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      this.sleepers.sort((a, b) => a.at - b.at)
      const next = this.sleepers.shift()
      if (!next) return
      this.time = Math.max(this.time, next.at)
      next.resolve()
      if (this.sleepers.length > 0) this.schedule()
    })
  }
}
