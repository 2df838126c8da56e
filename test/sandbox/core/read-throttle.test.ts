import { describe, expect, it } from 'vitest'
import { createSandbox } from '@/sandbox/core/sandbox.ts'

const URL =
  '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/sandbox-rg/resources?api-version=2021-04-01'

describe('ARM’s read token bucket (250 per caller and subscription, refilling 25/s)', () => {
  it('answers 250 reads in a burst, then 429 with Retry-After, and again once tokens refill', () => {
    let now = 0
    const sandbox = createSandbox({
      now: () => now,
      options: { faults: { readThrottle: { enabled: true } } },
    })
    const read = () => {
      const o = sandbox.handle({
        method: 'GET',
        url: URL,
        headers: { authorization: 'Bearer reader' },
      })
      if (o.kind !== 'response') throw new Error('reset')
      return o.response
    }
    const remaining = Array.from(
      { length: 250 },
      () => read().headers['x-ms-ratelimit-remaining-subscription-reads'],
    )
    expect(remaining.slice(0, 3)).toEqual(['249', '248', '247'])
    expect(remaining.at(-1)).toBe('0')
    const refused = read()
    expect(refused.status).toBe(429)
    expect(refused.headers['retry-after']).toBe('1')
    expect(JSON.parse(refused.body ?? '{}').error.code).toBe('SubscriptionRequestsThrottled')
    // Another caller has its own bucket; writes are not counted as reads.
    const other = sandbox.handle({
      method: 'GET',
      url: URL,
      headers: { authorization: 'Bearer other' },
    })
    expect(other.kind === 'response' && other.response.status).toBe(200)
    now += 1000
    expect(read().status).toBe(200)
  })
})
