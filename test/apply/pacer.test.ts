import { describe, expect, it } from 'vitest'
import { bucketFloorMs, ArmPacer } from '@/apply/pacer.ts'
import { DEFAULT_RETRY, withRetry } from '@/apply/retry.ts'
import type { ArmFailure } from '@/apply/failure.ts'
import { VirtualClock } from '../support/virtual-clock.ts'

describe('ArmPacer', () => {
  it('lets a full bucket burst, then paces writes to the refill rate', async () => {
    const clock = new VirtualClock()
    const pacer = new ArmPacer({ capacity: 5, refillPerSecond: 10 }, clock, 0)
    const start = clock.now()
    for (let i = 0; i < 5; i++) await pacer.take()
    expect(clock.now() - start).toBe(0)
    for (let i = 0; i < 10; i++) await pacer.take()
    expect(clock.now() - start).toBeGreaterThanOrEqual(1000)
    expect(clock.now() - start).toBeLessThanOrEqual(1010)
    expect(bucketFloorMs(15, { capacity: 5, refillPerSecond: 10 })).toBe(1000)
  })

  it('believes ARM when it reports fewer remaining writes', async () => {
    const clock = new VirtualClock()
    const pacer = new ArmPacer({ capacity: 200, refillPerSecond: 10 }, clock, 0)
    pacer.observeRemaining(0)
    const start = clock.now()
    await pacer.take()
    expect(clock.now() - start).toBe(100)
  })

  it('keeps a reserve so writes that arrive bunched up do not empty ARM’s bucket', async () => {
    const clock = new VirtualClock()
    const pacer = new ArmPacer({ capacity: 40, refillPerSecond: 10 }, clock)
    const start = clock.now()
    for (let i = 0; i < 30; i++) await pacer.take()
    expect(clock.now() - start).toBe(0)
    await pacer.take()
    expect(clock.now() - start).toBeGreaterThan(0)
  })

  it('takes a token from the subscription’s global bucket too, and paces to it when it is the tighter', async () => {
    const clock = new VirtualClock()
    const pacer = new ArmPacer({ capacity: 200, refillPerSecond: 10 }, clock, 0, {
      capacity: 5,
      refillPerSecond: 2,
    })
    const start = clock.now()
    for (let i = 0; i < 5; i++) await pacer.take()
    expect(clock.now() - start).toBe(0)
    await pacer.take()
    expect(clock.now() - start).toBe(500)
  })

  it('lets a global bucket others emptied come back at its own rate (150/s), not at the caller’s (10/s)', async () => {
    const clock = new VirtualClock()
    const pacer = new ArmPacer({ capacity: 200, refillPerSecond: 10 }, clock, 0)
    pacer.observeRemaining(0, 'global-writes')
    const start = clock.now()
    await pacer.take()
    // One global token at 150/s: 7 ms (a caller-bucket copy would wait 100 ms).
    expect(clock.now() - start).toBe(7)
    pacer.observeRemaining(0, 'writes')
    const second = clock.now()
    await pacer.take()
    expect(clock.now() - second).toBe(100)
  })

  it('stops every writer while ARM asks to wait, then sends one write alone until ARM has answered it', async () => {
    const clock = new VirtualClock()
    const pacer = new ArmPacer({ capacity: 200, refillPerSecond: 10 }, clock)
    pacer.pause(3000)
    const start = clock.now()
    const probe = pacer.take()
    let secondAt: number | undefined
    const second = pacer.take().then((answered) => {
      secondAt = clock.now() - start
      return answered
    })
    const answered = await probe
    expect(clock.now() - start).toBe(3000)
    // The probe is in flight for half a second: nobody else writes meanwhile.
    await clock.sleep(500)
    expect(secondAt).toBeUndefined()
    answered()
    await second
    expect(secondAt).toBe(3500)
    // No timer of the wait outlives it.
    expect(clock.pending()).toBe(0)
    // Answered, the probe is over: writers go as the buckets allow again.
    const third = clock.now()
    await Promise.all([pacer.take(), pacer.take()])
    expect(clock.now()).toBe(third)
  })

  /**
   * The caller's bucket holds 40 when a 429 pauses writes for 1 s (`global`: its header said the
   * subscription's bucket was empty). How many writes go at once once the probe is answered?
   */
  async function writesAtOnceAfter429(global: 'global empty' | 'no header'): Promise<number> {
    const clock = new VirtualClock()
    const pacer = new ArmPacer({ capacity: 200, refillPerSecond: 10 }, clock, 0)
    pacer.observeRemaining(40, 'writes')
    if (global === 'global empty') pacer.observeRemaining(0, 'global-writes')
    pacer.pause(1000)
    const start = clock.now()
    ;(await pacer.take())()
    expect(clock.now() - start).toBe(1000)
    let n = 0
    while (n < 100 && clock.now() === start + 1000) {
      await pacer.take()
      if (clock.now() === start + 1000) n++
    }
    return n
  }

  it('after a 429 from the global bucket others emptied, keeps the caller’s tokens that ARM kept filling meanwhile', async () => {
    // 40 + 10 regained during the pause, one spent by the probe.
    expect(await writesAtOnceAfter429('global empty')).toBe(49)
  })

  it('after a 429 that does not name the global bucket, empties the caller’s copy', async () => {
    // The caller's bucket was empty and refilled 10 during the pause, one spent by the probe.
    expect(await writesAtOnceAfter429('no header')).toBe(9)
  })

  it('gives the next token to a retry before first attempts that waited longer', async () => {
    const clock = new VirtualClock()
    const pacer = new ArmPacer({ capacity: 200, refillPerSecond: 10 }, clock, 0)
    pacer.observeRemaining(0)
    const start = clock.now()
    const order: string[] = []
    const write = (name: string, retry: boolean) =>
      pacer.take(undefined, retry).then(() => void order.push(`${name} ${clock.now() - start}`))
    const firsts = [write('a', false), write('b', false)]
    await clock.sleep(50)
    await Promise.all([...firsts, write('retry', true)])
    expect(order).toEqual(['retry 100', 'a 200', 'b 300'])
  })

  it('holds the others 10 s at most behind a probe that is not answered (a long-running write, a hung request)', async () => {
    const clock = new VirtualClock()
    const pacer = new ArmPacer({ capacity: 200, refillPerSecond: 10 }, clock, 0)
    pacer.pause(1000)
    const start = clock.now()
    await pacer.take()
    await pacer.take()
    expect(clock.now() - start).toBe(11_000)
  })

  it('a writer waiting behind a probe stops when cancelled', async () => {
    const clock = new VirtualClock()
    const pacer = new ArmPacer({ capacity: 200, refillPerSecond: 10 }, clock)
    pacer.pause(1000)
    await pacer.take()
    const controller = new AbortController()
    const waiting = pacer.take(controller.signal)
    controller.abort()
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' })
  })
})

describe('ArmPacer’s delete buckets (ARM throttles deletes apart from writes)', () => {
  it('lets deletes go at once while the write bucket is spent', async () => {
    const clock = new VirtualClock()
    const pacer = new ArmPacer({ capacity: 200, refillPerSecond: 10 }, clock, 0)
    pacer.observeRemaining(0, 'writes')
    const start = clock.now()
    for (let i = 0; i < 200; i++) await pacer.deletes.take()
    expect(clock.now() - start).toBe(0)
    // The write copy was told it is empty: a write waits for its token.
    await pacer.take()
    expect(clock.now() - start).toBe(100)
  })

  it('lets writes go at once while the delete bucket is spent, and deletes pace to 10/s', async () => {
    const clock = new VirtualClock()
    const pacer = new ArmPacer({ capacity: 200, refillPerSecond: 10 }, clock, 0)
    pacer.observeRemaining(0, 'deletes')
    const start = clock.now()
    for (let i = 0; i < 200; i++) await pacer.take()
    expect(clock.now() - start).toBe(0)
    for (let i = 0; i < 5; i++) await pacer.deletes.take()
    expect(clock.now() - start).toBe(500)
  })

  it('follows the global delete bucket from its own header, at its own rate (150/s)', async () => {
    const clock = new VirtualClock()
    const pacer = new ArmPacer({ capacity: 200, refillPerSecond: 10 }, clock, 0)
    pacer.observeRemaining(0, 'global-deletes')
    const start = clock.now()
    await pacer.take()
    expect(clock.now() - start).toBe(0)
    await pacer.deletes.take()
    expect(clock.now() - start).toBe(7)
  })

  it('a 429 on a delete holds deletes only, and one on a write holds writes only', async () => {
    const clock = new VirtualClock()
    const pacer = new ArmPacer({ capacity: 200, refillPerSecond: 10 }, clock)
    pacer.deletes.pause(3000)
    const start = clock.now()
    ;(await pacer.take())()
    expect(clock.now() - start).toBe(0)
    ;(await pacer.deletes.take())()
    expect(clock.now() - start).toBe(3000)
    pacer.pause(2000)
    ;(await pacer.deletes.take())()
    expect(clock.now() - start).toBe(3000)
    ;(await pacer.take())()
    expect(clock.now() - start).toBe(5000)
  })
})

describe('withRetry', () => {
  const failing = (failures: ArmFailure[], value = 'ok') => {
    let calls = 0
    return {
      call: async () => {
        const f = failures[calls++]
        if (f) throw f
        return value
      },
      calls: () => calls,
    }
  }
  const ctx = (clock: VirtualClock, notes: number[] = []) => ({
    clock,
    policy: DEFAULT_RETRY,
    random: () => 0.5,
    onRetry: (n: { waitMs: number }) => void notes.push(n.waitMs),
  })

  it('waits Retry-After on 429 and backs off on 5xx, then succeeds', async () => {
    const clock = new VirtualClock()
    const waits: number[] = []
    const f = failing([
      { status: 429, code: 'TooManyRequests', message: 'slow down', retryAfterMs: 7000 },
      { status: 503, code: 'ServiceUnavailable', message: 'busy' },
      { status: 500, code: 'InternalServerError', message: 'oops' },
    ])
    await expect(withRetry(f.call, ctx(clock, waits), true)).resolves.toBe('ok')
    expect(f.calls()).toBe(4)
    expect(waits).toEqual([7000, 2000, 4000])
  })

  it('retries PrincipalNotFound for minutes, then gives up with the ARM error', async () => {
    const clock = new VirtualClock()
    const notFound: ArmFailure = {
      status: 400,
      code: 'PrincipalNotFound',
      message: 'Principal abc does not exist in the directory.',
    }
    const f = failing(Array(100).fill(notFound))
    const start = clock.now()
    await expect(withRetry(f.call, ctx(clock), true)).rejects.toMatchObject({
      code: 'PrincipalNotFound',
    })
    expect(clock.now() - start).toBeGreaterThan(60_000)
    expect(clock.now() - start).toBeLessThanOrEqual(DEFAULT_RETRY.principalWaitMs)
  })

  it('does not retry a permanent failure', async () => {
    const clock = new VirtualClock()
    const f = failing([{ status: 403, code: 'AuthorizationFailed', message: 'no' }])
    await expect(withRetry(f.call, ctx(clock), true)).rejects.toMatchObject({
      code: 'AuthorizationFailed',
    })
    expect(f.calls()).toBe(1)
  })

  it('makes a call ARM refused for an expired token once more at once (the credential renews it), not twice', async () => {
    const clock = new VirtualClock()
    const waits: number[] = []
    const expired: ArmFailure = {
      status: 401,
      code: 'InvalidAuthenticationToken',
      message:
        "The access token expiry UTC time '1/1/2026 12:00:00 PM' is earlier than current UTC time '1/1/2026 12:00:01 PM'.",
    }
    const once = failing([expired])
    await expect(withRetry(once.call, ctx(clock, waits), true)).resolves.toBe('ok')
    expect(waits).toEqual([0])
    const twice = failing([expired, { ...expired, code: 'ExpiredAuthenticationToken' }])
    await expect(withRetry(twice.call, ctx(clock), true)).rejects.toMatchObject({ status: 401 })
    expect(twice.calls()).toBe(2)
  })

  it('stops when cancelled', async () => {
    const clock = new VirtualClock()
    const controller = new AbortController()
    const f = failing([{ status: 503, code: 'ServiceUnavailable', message: 'busy' }])
    const run = withRetry(f.call, { ...ctx(clock), signal: controller.signal }, true)
    controller.abort()
    await expect(run).rejects.toMatchObject({ name: 'AbortError' })
  })
})
