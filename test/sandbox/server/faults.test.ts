import { ManagedServiceIdentityClient } from '@azure/arm-msi'
import { isRestError, type PipelinePolicy } from '@azure/core-rest-pipeline'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { sandboxCredential } from '@/sandbox/client-options.ts'
import { type Harness, httpsHarness } from '../sdk-support.ts'
import { SUB, testClock } from '../support.ts'

/** Counts every status the server answers, retries included. */
function statusCounter(): { policy: PipelinePolicy; counts: Map<number, number> } {
  const counts = new Map<number, number>()
  return {
    counts,
    policy: {
      name: 'countStatuses',
      async sendRequest(request, next) {
        const response = await next(request)
        counts.set(response.status, (counts.get(response.status) ?? 0) + 1)
        return response
      },
    },
  }
}

/** Runs `count` tasks with at most `width` at a time. */
async function pool(
  count: number,
  width: number,
  task: (i: number) => Promise<unknown>,
): Promise<unknown[]> {
  const results: unknown[] = []
  let next = 0
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++
        results[i] = await task(i).catch((e: unknown) => e)
      }
    }),
  )
  return results
}

const client = (h: Harness, retryOptions: object, policy: PipelinePolicy) =>
  new ManagedServiceIdentityClient(
    sandboxCredential,
    SUB,
    h.clientOptions({ retryOptions, additionalPolicies: [{ policy, position: 'perRetry' }] }),
  )

describe('faults over the HTTPS sandbox, met by the Azure SDK', () => {
  let h: Harness
  beforeAll(async () => {
    h = await httpsHarness()
  })
  afterAll(() => h.close())
  beforeEach(async () => {
    await h.admin('POST', '/reset')
  })

  it('throttling on: a burst of 500 writes meets 429s, and honouring Retry-After gets every write through', async () => {
    // Sandbox time stands still until the first 429 (so the burst surely empties the bucket, however
    // slow the machine), then runs 10× faster than the wall clock (so one Retry-After refills it).
    let started: number | undefined
    const now = () => (started === undefined ? 0 : (Date.now() - started) * 10)
    const burst = await httpsHarness({
      now,
      options: { faults: { throttle: { enabled: true, capacity: 250, refillPerSecond: 25 } } },
    })
    try {
      const seen = statusCounter()
      const startClock: PipelinePolicy = {
        name: 'startClockOnFirst429',
        async sendRequest(request, next) {
          const response = await next(request)
          if (response.status === 429) started ??= Date.now()
          return response
        },
      }
      const msi = new ManagedServiceIdentityClient(
        sandboxCredential,
        SUB,
        burst.clientOptions({
          retryOptions: { maxRetries: 10 },
          additionalPolicies: [
            { policy: seen.policy, position: 'perRetry' },
            { policy: startClock, position: 'perRetry' },
          ],
        }),
      )
      const results = await pool(500, 100, (i) =>
        msi.userAssignedIdentities.createOrUpdate('sandbox-rg', `mi-burst-${i}`, {
          location: 'westeurope',
        }),
      )
      expect(results.filter((r) => r instanceof Error)).toEqual([])
      expect(seen.counts.get(429) ?? 0).toBeGreaterThan(0)
      expect(seen.counts.get(201)).toBe(500)
      const names = []
      for await (const i of msi.userAssignedIdentities.listByResourceGroup('sandbox-rg'))
        names.push(i.name)
      expect(names).toHaveLength(500)
    } finally {
      await burst.close()
    }
  })

  it('a 429 carries Retry-After and the remaining-writes header, readable by the SDK', async () => {
    await h.admin('PATCH', '/faults', {
      throttle: { enabled: true, capacity: 1, refillPerSecond: 0.5 },
    })
    const first = await h.raw(
      'PUT',
      `/subscriptions/${SUB}/resourceGroups/sandbox-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/mi-a?api-version=2023-01-31`,
      { location: 'westeurope' },
    )
    expect(first.headers['x-ms-ratelimit-remaining-subscription-writes']).toBe('0')
    const second = await h.raw(
      'PUT',
      `/subscriptions/${SUB}/resourceGroups/sandbox-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/mi-b?api-version=2023-01-31`,
      { location: 'westeurope' },
    )
    expect(second.status).toBe(429)
    expect(second.headers['retry-after']).toBe('2')
    expect(second.json.error.code).toBe('SubscriptionRequestsThrottled')
  })

  it('with 20% 5xx the SDK’s retries recover every call', async () => {
    await h.admin('PATCH', '/faults', { throttle: { enabled: false }, serverErrors: { rate: 0.2 } })
    const seen = statusCounter()
    const msi = client(h, { maxRetries: 8, retryDelayInMs: 2, maxRetryDelayInMs: 10 }, seen.policy)
    const results = await pool(100, 20, (i) =>
      msi.userAssignedIdentities.createOrUpdate('sandbox-rg', `mi-flaky-${i}`, {
        location: 'westeurope',
      }),
    )
    expect(results.filter((r) => r instanceof Error)).toEqual([])
    const fivexx = (seen.counts.get(500) ?? 0) + (seen.counts.get(503) ?? 0)
    expect(fivexx).toBeGreaterThan(5)
    expect(seen.counts.get(201)).toBe(100)
  })

  it('a reset connection surfaces as a clear ECONNRESET error', async () => {
    await h.admin('PATCH', '/faults', { resets: { rate: 1 } })
    const msi = client(h, { maxRetries: 0 }, statusCounter().policy)
    const error = await msi.userAssignedIdentities.get('sandbox-rg', 'any').catch((e: unknown) => e)
    expect(isRestError(error)).toBe(true)
    expect(error).toMatchObject({ code: 'ECONNRESET', message: 'socket hang up' })
    await h.admin('DELETE', '/faults')
  })

  it('resets after the write took effect: a retry then finds the identity in place (200)', async () => {
    await h.admin('PATCH', '/faults', { resets: { rate: 1, phase: 'response' } })
    const msi = client(h, { maxRetries: 0 }, statusCounter().policy)
    const lost = await msi.userAssignedIdentities
      .createOrUpdate('sandbox-rg', 'mi-lost', { location: 'westeurope' })
      .catch((e: unknown) => e)
    expect(lost).toMatchObject({ code: 'ECONNRESET' })
    await h.admin('DELETE', '/faults')
    const seen = statusCounter()
    await client(h, { maxRetries: 0 }, seen.policy).userAssignedIdentities.createOrUpdate(
      'sandbox-rg',
      'mi-lost',
      { location: 'westeurope' },
    )
    expect([...seen.counts.keys()]).toEqual([200])
  })
})

describe('the HTTPS sandbox on an injected clock', () => {
  it('throttles and waits latency on the clock it is given, not on real time', async () => {
    const clock = testClock()
    const waits: number[] = []
    const h = await httpsHarness({
      now: clock.now,
      sleep: async (ms) => void waits.push(ms),
      options: {
        faults: {
          latency: { fixedMs: 20_000, jitterMs: 0 },
          throttle: { enabled: true, capacity: 2, refillPerSecond: 1 },
        },
      },
    })
    try {
      const msi = client(h, { maxRetries: 0 }, statusCounter().policy)
      const put = (name: string) =>
        msi.userAssignedIdentities
          .createOrUpdate('sandbox-rg', name, { location: 'westeurope' })
          .then(
            () => 201,
            (e: unknown) => (e as { statusCode?: number }).statusCode,
          )
      // 20 s of latency per answer, yet the test takes milliseconds: the injected sleep waited.
      expect([await put('mi-a'), await put('mi-b'), await put('mi-c')]).toEqual([201, 201, 429])
      expect(waits).toEqual([20_000, 20_000, 20_000])
      clock.advance(999)
      expect(await put('mi-c')).toBe(429)
      clock.advance(1)
      expect(await put('mi-c')).toBe(201)
    } finally {
      await h.close()
    }
  })
})
