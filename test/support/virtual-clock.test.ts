import { describe, expect, it } from 'vitest'
import { VirtualClock } from './virtual-clock.ts'

const START = Date.UTC(2026, 0, 1)

describe('VirtualClock (discrete-event time for tests and benchmarks)', () => {
  it('wakes sleepers in the order of their wake-up times, each at its own time, whatever order they slept in', async () => {
    const clock = new VirtualClock(START)
    const woke: [string, number][] = []
    const nap = (name: string, ms: number) =>
      clock.sleep(ms).then(() => void woke.push([name, clock.now() - START]))
    await Promise.all([nap('c', 300), nap('a', 100), nap('d', 5_000_000), nap('b', 200)])
    expect(woke).toEqual([
      ['a', 100],
      ['b', 200],
      ['c', 300],
      ['d', 5_000_000],
    ])
  })

  it('wakes sleepers due at the same time first come, first served, one at a time', async () => {
    const clock = new VirtualClock(START)
    const log: string[] = []
    const nap = async (name: string) => {
      await clock.sleep(50)
      log.push(`${name} woke`)
      // Work that follows a wake-up runs to its next wait before the next sleeper wakes.
      await Promise.resolve()
      log.push(`${name} done`)
    }
    await Promise.all([nap('first'), nap('second'), nap('third')])
    expect(log).toEqual([
      'first woke',
      'first done',
      'second woke',
      'second done',
      'third woke',
      'third done',
    ])
    expect(clock.now() - START).toBe(50)
  })

  it('does not move time while anything runnable is left: a chain of microtasks sleeps after the earlier sleeper is queued, not after it woke', async () => {
    const clock = new VirtualClock(START)
    const times: number[] = []
    const long = clock.sleep(1000).then(() => times.push(clock.now() - START))
    // Ten microtask hops later, a shorter sleep still comes first.
    let chain = Promise.resolve()
    for (let i = 0; i < 10; i++) chain = chain.then(() => undefined)
    const short = chain.then(() => clock.sleep(10)).then(() => times.push(clock.now() - START))
    await Promise.all([long, short])
    expect(times).toEqual([10, 1000])
  })

  it('treats a zero, negative or non-finite sleep as "now", after the sleepers already due', async () => {
    const clock = new VirtualClock(START)
    const order: string[] = []
    const a = clock.sleep(0).then(() => order.push('zero'))
    const b = clock.sleep(-5).then(() => order.push('negative'))
    const c = clock.sleep(Number.NaN).then(() => order.push('nan'))
    await Promise.all([a, b, c])
    expect(order).toEqual(['zero', 'negative', 'nan'])
    expect(clock.now()).toBe(START)
  })

  it('rejects an aborted sleep with an AbortError and wakes the others as planned', async () => {
    const clock = new VirtualClock(START)
    const controller = new AbortController()
    const woke: number[] = []
    const cancelled = clock.sleep(100, controller.signal)
    const other = clock.sleep(200).then(() => woke.push(clock.now() - START))
    controller.abort()
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' })
    await other
    expect(woke).toEqual([200])
    await expect(clock.sleep(10, controller.signal)).rejects.toMatchObject({ name: 'AbortError' })
    expect(clock.pending()).toBe(0)
  })

  it('an abort after its sleeper woke leaves every other sleeper in place', async () => {
    const clock = new VirtualClock(START)
    const controller = new AbortController()
    await clock.sleep(10, controller.signal)
    const later = [clock.sleep(20), clock.sleep(30)]
    controller.abort()
    expect(clock.pending()).toBe(2)
    await Promise.all(later)
    expect(clock.now() - START).toBe(40)
  })

  it('advance() moves time by hand; sleepers it passes wake at once, in order', async () => {
    const clock = new VirtualClock(START)
    const woke: [string, number][] = []
    const a = clock.sleep(500).then(() => woke.push(['a', clock.now() - START]))
    const b = clock.sleep(100).then(() => woke.push(['b', clock.now() - START]))
    clock.advance(1000)
    await Promise.all([a, b])
    expect(woke).toEqual([
      ['b', 1000],
      ['a', 1000],
    ])
  })
})
