import { describe, expect, it } from 'vitest'
import { createSandbox, type Sandbox } from '@/sandbox/core/sandbox.ts'
import { call, resourceId, testClock, v } from '../support.ts'

// ARM's real numbers (Microsoft Learn, "Understand how Azure Resource Manager throttles requests"):
// writes per caller and subscription 200, +10/s; the subscription's global bucket 15 times that.
const UAI = 'Microsoft.ManagedIdentity/userAssignedIdentities'
const WRITES = 'x-ms-ratelimit-remaining-subscription-writes'
const GLOBAL = 'x-ms-ratelimit-remaining-subscription-global-writes'

let names = 0
const write = (sandbox: Sandbox, caller: string) =>
  call(
    sandbox,
    'PUT',
    v(resourceId(UAI, `mi-${names++}`), '2023-01-31'),
    { location: 'westeurope' },
    { authorization: `Bearer ${caller}`, host: 'sandbox.test' },
  )

describe('ARM’s two write buckets on the sandbox’s injected clock', () => {
  it('answers the 201st write of one virtual second 429 with Retry-After, and lets one through exactly when a token has refilled', () => {
    const clock = testClock()
    const sandbox = createSandbox({ now: clock.now })
    const remaining = Array.from({ length: 200 }, () => write(sandbox, 'alice')).map(
      (r) => `${r.status} ${r.headers[WRITES]}`,
    )
    expect(remaining[0]).toBe('201 199')
    expect(remaining[199]).toBe('201 0')
    clock.advance(99)
    const throttled = write(sandbox, 'alice')
    expect(throttled.status).toBe(429)
    expect(throttled.headers['retry-after']).toBe('1')
    expect(throttled.json.error.message).toContain("actor '")
    clock.advance(1)
    // 100 ms at 10/s is one token: exactly one write passes, the next is throttled again.
    expect(write(sandbox, 'alice').status).toBe(201)
    expect(write(sandbox, 'alice').status).toBe(429)
    clock.advance(20_000)
    expect(write(sandbox, 'alice').headers[WRITES]).toBe('199')
  })

  it('shares the global bucket across callers: 15 callers’ full buckets empty it, a 16th caller is throttled as "global", and 150 writes come back per virtual second', () => {
    const clock = testClock()
    const sandbox = createSandbox({ now: clock.now })
    for (let c = 0; c < 15; c++)
      for (let i = 0; i < 200; i++) expect(write(sandbox, `caller-${c}`).status).toBe(201)
    const fresh = write(sandbox, 'caller-15')
    expect(fresh.status).toBe(429)
    expect(fresh.headers[GLOBAL]).toBe('0')
    expect(fresh.headers['retry-after']).toBe('1')
    expect(fresh.json.error.message).toContain("actor 'global'")
    clock.advance(1000)
    const after = Array.from({ length: 151 }, () => write(sandbox, 'caller-15'))
    expect(after.slice(0, 150).every((r) => r.status === 201)).toBe(true)
    expect(after[149]!.headers[GLOBAL]).toBe('0')
    // The caller's own bucket still holds 50: the global one throttles.
    expect(after[149]!.headers[WRITES]).toBe('50')
    expect(after[150]!.status).toBe(429)
    expect(after[150]!.json.error.message).toContain("actor 'global'")
  })

  it('does not refill while the clock stands still, however much real time passes', async () => {
    const clock = testClock()
    const sandbox = createSandbox({ now: clock.now })
    for (let i = 0; i < 200; i++) write(sandbox, 'bob')
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(write(sandbox, 'bob').status).toBe(429)
  })
})
