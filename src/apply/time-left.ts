import type { ApplyEvent } from './run.ts'

/**
 * What a run's time left is estimated from: when it started, how many of its steps are finished,
 * and when each step waiting to retry makes its next attempt (by step id). Plain data, so a store
 * can hold it; `timedProgress` folds the run's events into it.
 */
export interface TimedProgress {
  readonly startedAt: number
  readonly done: number
  readonly total: number
  readonly retries: Readonly<Record<string, number>>
}

/** Said only from this long: a quicker run ends before anyone reads it. */
export const TIME_LEFT_FROM_MS = 3000

export function startProgress(total: number, now: number): TimedProgress {
  return { startedAt: now, done: 0, total, retries: {} }
}

/** The progress after one of the run's events, at `now`. */
export function timedProgress(
  progress: TimedProgress,
  event: ApplyEvent,
  now: number,
): TimedProgress {
  switch (event.type) {
    case 'started':
      return startProgress(event.total, now)
    case 'stepStarted':
      return progress
    case 'retry':
      return {
        ...progress,
        retries: { ...progress.retries, [event.step.id]: now + event.note.waitMs },
      }
    case 'stepFinished': {
      const { [event.result.id]: _finished, ...retries } = progress.retries
      return { ...progress, done: event.done, total: event.total, retries }
    }
  }
}

/**
 * About how long the run still takes at `now`, in ms: the steps left at the pace of the finished
 * ones (pacing, throttling and retries so far included), and no less than the furthest pending
 * retry: a step waiting 30 s to try again holds the end back that long. Undefined until a step
 * has finished, or when under TIME_LEFT_FROM_MS is left.
 */
export function timeLeft(progress: TimedProgress, now: number): number | undefined {
  const { startedAt, done, total, retries } = progress
  if (done === 0 || done >= total) return undefined
  const pace = ((now - startedAt) / done) * (total - done)
  const retry = Math.max(0, ...Object.values(retries).map((at) => at - now))
  const left = Math.max(pace, retry)
  return left < TIME_LEFT_FROM_MS ? undefined : left
}

/** A time left for a person, as rough as an estimate is: "about 45 s left", "about 3 min left". */
export function describeTimeLeft(ms: number): string {
  const seconds = Math.max(5, Math.round(ms / 5000) * 5)
  if (seconds < 60) return `about ${seconds} s left`
  const minutes = Math.round(ms / 60_000)
  if (minutes < 60) return `about ${minutes} min left`
  return `about ${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min left`
}
