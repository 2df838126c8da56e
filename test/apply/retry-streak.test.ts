import { describe, expect, it } from 'vitest'
import type { ArmFailure } from '@/apply/failure.ts'
import { FailureStreak } from '@/apply/failure-streak.ts'
import type { ArmGateway, LiveResource } from '@/apply/gateway.ts'
import { ArmPacer } from '@/apply/pacer.ts'
import { withReadRetries } from '@/apply/reading.ts'
import {
  DEFAULT_RETRY,
  nextAttempt,
  withRetry,
  type AttemptNote,
  type RetryContext,
} from '@/apply/retry.ts'
import { VirtualClock } from '../support/virtual-clock.ts'

const unavailable: ArmFailure = {
  status: 503,
  code: 'ServiceUnavailable',
  message: 'The service is temporarily unavailable. Please retry the request later.',
}
const throttled: ArmFailure = {
  status: 429,
  code: 'SubscriptionRequestsThrottled',
  message: "Number of 'write' requests for subscription actor exceeded.",
  retryAfterMs: 60_000,
}

/** A call that answers `script` in turn (a failure thrown, anything else returned), after `ms`. */
function scripted(clock: VirtualClock, script: readonly (ArmFailure | 'ok')[], ms = 20) {
  const startedAt: number[] = []
  let i = 0
  const call = async (): Promise<string> => {
    startedAt.push(clock.now())
    const answer = script[Math.min(i++, script.length - 1)]!
    await clock.sleep(ms)
    if (answer !== 'ok') throw answer
    return 'ok'
  }
  return { call, startedAt }
}

const context = (
  clock: VirtualClock,
  streak: FailureStreak,
  waits: number[] = [],
): RetryContext => ({
  clock,
  policy: DEFAULT_RETRY,
  // Mid-range jitter: each wait is its backoff exactly.
  random: () => 0.5,
  streak,
  onRetry: (n) => void waits.push(n.waitMs),
})

/** `n` successful calls of other steps, one every `everyMs`, through the same streak. */
async function othersSucceeding(
  clock: VirtualClock,
  streak: FailureStreak,
  n: number,
  everyMs = 200,
) {
  for (let k = 0; k < n; k++) {
    await clock.sleep(everyMs)
    await withRetry(scripted(clock, ['ok']).call, context(clock, streak), true)
  }
}

describe('transient backoff against what the run’s other calls say about ARM', () => {
  it('a write that fails while ARM answers the others retries after the base delay each time, not after 1, 2, 4, 8 s', async () => {
    const clock = new VirtualClock()
    const streak = new FailureStreak()
    const waits: number[] = []
    const unlucky = scripted(clock, [unavailable, unavailable, unavailable, unavailable, 'ok'])
    const [value] = await Promise.all([
      withRetry(unlucky.call, context(clock, streak, waits), true),
      othersSucceeding(clock, streak, 40),
    ])
    expect(value).toBe('ok')
    expect(waits).toEqual([1000, 1000, 1000, 1000])
  })

  it('in an outage (every answer a failure) backs off 1, 2, 4, 8 s, as a call alone does', async () => {
    const clock = new VirtualClock()
    const streak = new FailureStreak()
    const waits: number[] = []
    const outage = Array<ArmFailure | 'ok'>(4).fill(unavailable)
    const [value] = await Promise.all([
      withRetry(scripted(clock, [...outage, 'ok']).call, context(clock, streak, waits), true),
      // Another step meets the same outage meanwhile, and ends later.
      withRetry(
        scripted(clock, [...outage, ...outage, 'ok'], 300).call,
        context(clock, streak),
        true,
      ),
    ])
    expect(value).toBe('ok')
    expect(waits).toEqual([1000, 2000, 4000, 8000])
    const alone: number[] = []
    await withRetry(
      scripted(clock, [...outage, 'ok']).call,
      { ...context(clock, streak, alone), streak: undefined },
      true,
    )
    expect(alone).toEqual(waits)
  })

  it('a 429 neither ends nor extends a run of failures; any other answer ends it', async () => {
    const clock = new VirtualClock()
    const streak = new FailureStreak()
    const waits: number[] = []
    const forbidden: ArmFailure = { status: 403, code: 'AuthorizationFailed', message: 'no' }
    const step = scripted(clock, [unavailable, unavailable, unavailable, 'ok'])
    const others = async (): Promise<void> => {
      // Between its 1st and 2nd failure: a 429 (the front door throttles before the provider).
      await clock.sleep(500)
      const gaveUp = { ...context(clock, streak), policy: { ...DEFAULT_RETRY, maxAttempts: 0 } }
      await expect(withRetry(scripted(clock, [throttled]).call, gaveUp, false)).rejects.toBe(
        throttled,
      )
      // Between its 2nd and 3rd: a refusal, which ARM had to be up to send.
      await clock.sleep(1500)
      await expect(
        withRetry(scripted(clock, [forbidden]).call, context(clock, streak), false),
      ).rejects.toBe(forbidden)
    }
    await Promise.all([withRetry(step.call, context(clock, streak, waits), false), others()])
    expect(waits).toEqual([1000, 2000, 1000])
  })

  it('after a 429, the next write goes alone: another waits for its answer', async () => {
    const clock = new VirtualClock()
    const streak = new FailureStreak()
    const pacer = new ArmPacer({ capacity: 200, refillPerSecond: 10 }, clock, 0)
    const start = clock.now()
    const first = scripted(clock, [{ ...throttled, retryAfterMs: 1000 }, 'ok'], 300)
    const second = scripted(clock, ['ok'], 300)
    await Promise.all([
      withRetry(first.call, { ...context(clock, streak), pacer }, true),
      clock
        .sleep(500)
        .then(() => withRetry(second.call, { ...context(clock, streak), pacer }, true)),
    ])
    const at = [...first.startedAt, ...second.startedAt].map((t) => t - start).sort((a, b) => a - b)
    // The 429 (answered at 300 ms) stops writes until 1,300 ms; one goes then, the other once it
    // is answered, 300 ms later.
    expect(at).toEqual([0, 1300, 1600])
  })

  it('a preview’s read that fails while the others are answered is read again after the base delay each time', async () => {
    const clock = new VirtualClock()
    const unlucky = scripted(clock, [unavailable, unavailable, unavailable, unavailable, 'ok'])
    const resource = (id: string): LiveResource => ({
      id,
      name: id,
      type: 'Microsoft.Storage/storageAccounts',
    })
    // ARM as far as these reads go: the unlucky resource's first four reads answer 503.
    const arm = {
      getResource: async (id: string) =>
        id === 'unlucky' ? resource(await unlucky.call()) : (await clock.sleep(20), resource(id)),
    } as Partial<ArmGateway> as ArmGateway
    const reads = withReadRetries(arm, { clock, random: () => 0.5 })
    const start = clock.now()
    const others = async (): Promise<void> => {
      for (let k = 0; k < 40; k++) {
        await clock.sleep(180)
        await reads.getResource(`other-${k}`, '2023-01-01')
      }
    }
    await Promise.all([reads.getResource('unlucky', '2023-01-01'), others()])
    // Four waits of 1 s, each after a 20 ms answer (1 + 2 + 4 + 8 s alone).
    expect(unlucky.startedAt.map((t) => t - start)).toEqual([0, 1020, 2040, 3060, 4080])
  })
})

describe('the retry notes', () => {
  it('say which attempt comes next, of how many the failure gets', async () => {
    const clock = new VirtualClock()
    const notes: AttemptNote[] = []
    const ctx = {
      ...context(clock, new FailureStreak()),
      onRetry: (n: AttemptNote) => void notes.push(n),
    }
    await withRetry(scripted(clock, [unavailable, unavailable, throttled, 'ok']).call, ctx, false)
    expect(notes.map(nextAttempt)).toEqual([
      ' (attempt 2 of 10)',
      ' (attempt 3 of 10)',
      // ARM's throttling ends on its own: twice the budget of a server error.
      ' (attempt 4 of 20)',
    ])
  })
})
