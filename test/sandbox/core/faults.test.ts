import { describe, expect, it } from 'vitest'
import { createSandbox } from '@/sandbox/core/sandbox.ts'
import { call, resourceId, testClock, testSandbox, v } from '../support.ts'

const UAI = 'Microsoft.ManagedIdentity/userAssignedIdentities'
const put = (
  sandbox: ReturnType<typeof testSandbox>['sandbox'],
  name: string,
  token = 'test-token',
) =>
  call(
    sandbox,
    'PUT',
    v(resourceId(UAI, name), '2023-01-31'),
    { location: 'westeurope' },
    { authorization: `Bearer ${token}` },
  )

describe('write throttling (ARM token bucket)', () => {
  it('is on by default with 200 writes refilling 10/s, and reports remaining writes on every write', () => {
    const clock = testClock()
    const sandbox = createSandbox({ now: clock.now })
    expect(sandbox.faults().throttle).toEqual({
      enabled: true,
      capacity: 200,
      refillPerSecond: 10,
      globalCapacity: 3000,
      globalRefillPerSecond: 150,
    })
    const statuses: number[] = []
    for (let i = 0; i < 201; i++) statuses.push(put(sandbox, `mi-${i}`).status)
    expect(statuses.filter((s) => s === 201)).toHaveLength(200)
    const throttled = put(sandbox, 'mi-late')
    expect(throttled.status).toBe(429)
    expect(throttled.json.error.code).toBe('SubscriptionRequestsThrottled')
    expect(throttled.headers['retry-after']).toBe('1')
    expect(throttled.headers['x-ms-ratelimit-remaining-subscription-writes']).toBe('0')
    clock.advance(1000)
    const after = put(sandbox, 'mi-late')
    expect(after.status).toBe(201)
    expect(after.headers['x-ms-ratelimit-remaining-subscription-writes']).toBe('9')
    // Reads are not writes: no header, no token.
    expect(
      call(sandbox, 'GET', v(resourceId(UAI, 'mi-late'), '2023-01-31')).headers[
        'x-ms-ratelimit-remaining-subscription-writes'
      ],
    ).toBeUndefined()
  })

  it('keeps one bucket per caller and answers Retry-After in whole seconds', () => {
    const { sandbox } = testSandbox({
      options: { faults: { throttle: { enabled: true, capacity: 2, refillPerSecond: 0.25 } } },
    })
    expect(put(sandbox, 'mi-a').headers['x-ms-ratelimit-remaining-subscription-writes']).toBe('1')
    put(sandbox, 'mi-b')
    expect(put(sandbox, 'mi-c').headers['retry-after']).toBe('4')
    expect(put(sandbox, 'mi-c', 'another-caller').status).toBe(201)
  })
})

describe('injected faults', () => {
  it('answers 5xx at the configured rate, with ARM error bodies, without processing the request', () => {
    const { sandbox } = testSandbox({ options: { faults: { serverErrors: { rate: 0.2 } } } })
    const statuses = Array.from({ length: 500 }, (_, i) => put(sandbox, `mi-${i}`))
    const failed = statuses.filter((r) => r.status >= 500)
    expect(failed.length).toBeGreaterThan(70)
    expect(failed.length).toBeLessThan(130)
    expect(new Set(failed.map((r) => r.status))).toEqual(new Set([500, 503]))
    expect(new Set(failed.map((r) => r.json.error.code))).toEqual(
      new Set(['InternalServerError', 'ServiceUnavailable']),
    )
    expect(
      Object.keys(sandbox.snapshot().resources).filter((k) => k.includes('userassignedidentities')),
    ).toHaveLength(500 - failed.length)
  })

  it('resets connections before or after the request takes effect', () => {
    const before = testSandbox({
      options: { faults: { resets: { rate: 1, phase: 'request' } } },
    }).sandbox
    expect(
      before.handle({ method: 'GET', url: '/subscriptions?api-version=2022-12-01', headers: {} })
        .kind,
    ).toBe('reset')
    expect(put(before, 'mi-1').status).toBe(0)
    expect(Object.keys(before.snapshot().resources).some((k) => k.endsWith('/mi-1'))).toBe(false)
    const after = testSandbox({
      options: { faults: { resets: { rate: 1, phase: 'response' } } },
    }).sandbox
    expect(put(after, 'mi-1').status).toBe(0)
    after.setFaults({ resets: { rate: 0 } })
    expect(put(after, 'mi-1').status).toBe(200)
  })

  it('draws latency as fixed plus seeded jitter', () => {
    const { sandbox } = testSandbox({
      options: { faults: { latency: { fixedMs: 50, jitterMs: 100 } } },
    })
    const delays = Array.from(
      { length: 50 },
      () =>
        sandbox.handle({ method: 'GET', url: '/subscriptions?api-version=2022-12-01', headers: {} })
          .delayMs,
    )
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(50)
    expect(Math.max(...delays)).toBeLessThanOrEqual(150)
    expect(new Set(delays).size).toBeGreaterThan(10)
  })

  it('gives the nth attempt of a request the same fault whatever other requests ran between', () => {
    const faults = {
      throttle: { enabled: false },
      serverErrors: { rate: 0.3 },
      resets: { rate: 0.2, phase: 'response' as const },
    }
    const names = Array.from({ length: 40 }, (_, i) => `mi-${i}`)
    // Three attempts of each request, in file order on one sandbox and interleaved in reverse
    // on another with the same seed, as concurrent runs interleave them differently.
    const inOrder = testSandbox({ seed: 11, options: { faults } }).sandbox
    const first = new Map(names.map((n) => [n, [1, 2, 3].map(() => put(inOrder, n).status)]))
    const shuffled = testSandbox({ seed: 11, options: { faults } }).sandbox
    const second = new Map(names.map((n) => [n, [] as number[]]))
    for (let attempt = 0; attempt < 3; attempt++)
      for (const n of [...names].reverse()) second.get(n)?.push(put(shuffled, n).status)
    expect(second).toEqual(first)
    // …and the draws are not all alike: faults and successes both occur.
    const all = [...first.values()].flat()
    expect(all.filter((s) => s === 0).length).toBeGreaterThan(5)
    expect(all.filter((s) => s >= 500).length).toBeGreaterThan(5)
    expect(all.filter((s) => s === 200 || s === 201).length).toBeGreaterThan(30)
  })

  it('switches faults per test and back to the defaults', () => {
    const { sandbox } = testSandbox()
    expect(sandbox.setFaults({ serverErrors: { rate: 1 } }).serverErrors.rate).toBe(1)
    expect(put(sandbox, 'mi-x').status).toBeGreaterThanOrEqual(500)
    expect(sandbox.resetFaults().serverErrors.rate).toBe(0)
    expect(put(sandbox, 'mi-x').status).toBe(201)
  })
})

describe('determinism and snapshots', () => {
  const script = (sandbox: ReturnType<typeof testSandbox>['sandbox']) => [
    put(sandbox, 'mi-a'),
    call(sandbox, 'PATCH', v(resourceId('Microsoft.Web/sites', 'contoso-web')), {
      identity: { type: 'SystemAssigned' },
    }),
    put(sandbox, 'mi-b'),
  ]

  it('gives the same answers for the same seed, clock and requests; another seed gives other ids', () => {
    const a = script(testSandbox({ seed: 7 }).sandbox)
    const b = script(testSandbox({ seed: 7 }).sandbox)
    const c = script(testSandbox({ seed: 8 }).sandbox)
    expect(b).toEqual(a)
    expect(c[0]?.json.properties.principalId).not.toBe(a[0]?.json.properties.principalId)
  })

  it('generates the same ids whether or not faults draw from their own stream', () => {
    const plain = script(testSandbox({ seed: 3 }).sandbox)
    const jittery = script(
      testSandbox({ seed: 3, options: { faults: { latency: { fixedMs: 0, jitterMs: 10 } } } })
        .sandbox,
    )
    expect(jittery.map((r) => r.json)).toEqual(plain.map((r) => r.json))
  })

  it('continues from a JSON snapshot exactly as the original would', () => {
    const { sandbox, clock } = testSandbox({ seed: 5 })
    put(sandbox, 'mi-a')
    const saved = JSON.parse(JSON.stringify(sandbox.snapshot()))
    const restored = testSandbox({ state: saved, clock }).sandbox
    expect(put(restored, 'mi-b').json).toEqual(put(sandbox, 'mi-b').json)
  })

  it('moves its revision only when the world changes', () => {
    const { sandbox } = testSandbox()
    const r0 = sandbox.revision()
    call(sandbox, 'GET', v('/subscriptions'))
    expect(sandbox.revision()).toBe(r0)
    put(sandbox, 'mi-1')
    expect(sandbox.revision()).toBeGreaterThan(r0)
  })

  it('fast-forwards sandbox time and resets to the seeded world', () => {
    const { sandbox, clock } = testSandbox()
    sandbox.advanceClock(60_000)
    expect(sandbox.now()).toBe(clock.now() + 60_000)
    put(sandbox, 'mi-1')
    sandbox.reset()
    expect(
      Object.keys(sandbox.snapshot().resources).some((k) => k.includes('userassignedidentities')),
    ).toBe(false)
    expect(sandbox.snapshot().clockOffsetMs).toBe(0)
  })
})
