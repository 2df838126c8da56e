import { describe, expect, it } from 'vitest'
import {
  describeTimeLeft,
  startProgress,
  timedProgress,
  timeLeft,
  type TimedProgress,
} from '@/apply/time-left.ts'

const at = (progress: Partial<TimedProgress>): TimedProgress => ({
  ...startProgress(40, 0),
  ...progress,
})

describe('the time left of an apply run', () => {
  it('is the steps left at the pace of the finished ones', () => {
    // 10 of 40 steps in 20 s: 30 more at 2 s each.
    expect(timeLeft(at({ done: 10 }), 20_000)).toBe(60_000)
    // The pace slows while nothing finishes: the estimate grows with the time.
    expect(timeLeft(at({ done: 10 }), 30_000)).toBe(90_000)
  })

  it('is not said before a step has finished, after the last, or when it is under 3 s', () => {
    expect(timeLeft(at({ done: 0 }), 20_000)).toBeUndefined()
    expect(timeLeft(at({ done: 40 }), 20_000)).toBeUndefined()
    expect(timeLeft(at({ done: 39 }), 20_000)).toBeUndefined()
  })

  it('is no less than the furthest retry still waiting', () => {
    // One step left at a 0.5 s pace, but a step tries again only in 30 s.
    const waiting = at({ done: 39, retries: { 'grant-1': 50_000, 'grant-2': 25_000 } })
    expect(timeLeft(waiting, 20_000)).toBe(30_000)
  })

  it('follows the run: retries noted by step until the step finishes', () => {
    const step = { id: 'grant-1', title: 'Grant' } as never
    let p = timedProgress(startProgress(0, 0), { type: 'started', total: 3 }, 1_000)
    expect(p).toEqual({ startedAt: 1_000, done: 0, total: 3, retries: {} })
    const note = { attempt: 1, failure: {} as never, waitMs: 8_000 }
    p = timedProgress(p, { type: 'retry', step, note }, 2_000)
    expect(p.retries).toEqual({ 'grant-1': 10_000 })
    const result = { id: 'grant-1', kind: 'roleAssignment', title: 'Grant', outcome: 'created' }
    p = timedProgress(
      p,
      { type: 'stepFinished', result: result as never, done: 1, total: 3 },
      11_000,
    )
    expect(p).toEqual({ startedAt: 1_000, done: 1, total: 3, retries: {} })
  })

  it('is said as roughly as it is known', () => {
    expect(describeTimeLeft(3_000)).toBe('about 5 s left')
    expect(describeTimeLeft(44_000)).toBe('about 45 s left')
    expect(describeTimeLeft(150_000)).toBe('about 3 min left')
    expect(describeTimeLeft(3_720_000)).toBe('about 1 h 02 min left')
  })
})
