import { describe, expect, it } from 'vitest'
import { createSandbox, type Sandbox } from '@/sandbox/core/sandbox.ts'
import { parseFaultPatch } from '@/sandbox/core/admin-schema.ts'
import { call, resourceId, SUB, testClock, v } from '../support.ts'

// ARM throttles deletes apart from writes (Microsoft Learn, "Understand how Azure Resource Manager
// throttles requests": per subscription, per service principal and per operation type; deletes
// 200, refilling 10/s; the global limits 15 times those), and a DELETE's answer reports the delete
// buckets (x-ms-ratelimit-remaining-subscription-deletes), not the write ones.
const UAI = 'Microsoft.ManagedIdentity/userAssignedIdentities'
const WRITES = 'x-ms-ratelimit-remaining-subscription-writes'
const GLOBAL_WRITES = 'x-ms-ratelimit-remaining-subscription-global-writes'
const DELETES = 'x-ms-ratelimit-remaining-subscription-deletes'
const GLOBAL_DELETES = 'x-ms-ratelimit-remaining-subscription-global-deletes'

let names = 0
const as = (caller: string) => ({ authorization: `Bearer ${caller}`, host: 'sandbox.test' })
const write = (sandbox: Sandbox, caller = 'alice') =>
  call(
    sandbox,
    'PUT',
    v(resourceId(UAI, `mi-${names++}`), '2023-01-31'),
    {
      location: 'westeurope',
    },
    as(caller),
  )
// Whether the identity exists does not matter: ARM's front door spends the token first.
const remove = (sandbox: Sandbox, caller = 'alice') =>
  call(
    sandbox,
    'DELETE',
    v(resourceId(UAI, `gone-${names++}`), '2023-01-31'),
    undefined,
    as(caller),
  )

describe('ARM’s delete buckets, apart from the write ones', () => {
  it('throttles a run of deletes by the delete bucket (200, +10/s) while writes still pass, with ARM’s headers and 429', () => {
    const clock = testClock()
    const sandbox = createSandbox({ now: clock.now })
    const deletes = Array.from({ length: 200 }, () => remove(sandbox))
    expect(deletes.every((r) => r.status >= 200 && r.status < 300)).toBe(true)
    expect(deletes[0]!.headers[DELETES]).toBe('199')
    expect(deletes[0]!.headers[GLOBAL_DELETES]).toBe('2999')
    expect(deletes[199]!.headers[DELETES]).toBe('0')
    // A delete's answer speaks of the delete buckets only.
    expect(deletes[0]!.headers[WRITES]).toBeUndefined()
    expect(deletes[0]!.headers[GLOBAL_WRITES]).toBeUndefined()

    const throttled = remove(sandbox)
    expect(throttled.status).toBe(429)
    expect(throttled.headers['retry-after']).toBe('1')
    expect(throttled.headers[DELETES]).toBe('0')
    expect(throttled.json.error.code).toBe('SubscriptionRequestsThrottled')
    // The actor is the caller's object id (the token's oid, derived here from its text).
    expect(throttled.json.error.message).toMatch(
      new RegExp(
        `^Number of 'delete' requests for subscription '${SUB}' actor '[0-9a-f-]{36}' exceeded\\. Please try again after '1' seconds after additional tokens are available\\. Refer to https://aka\\.ms/arm-throttling for additional information\\.$`,
      ),
    )

    // The write bucket is untouched: full, and its header says so.
    const written = write(sandbox)
    expect(written.status).toBe(201)
    expect(written.headers[WRITES]).toBe('199')
    expect(written.headers[GLOBAL_WRITES]).toBe('2999')
    expect(written.headers[DELETES]).toBeUndefined()

    // 100 ms at 10/s is one delete token.
    clock.advance(100)
    expect(remove(sandbox).status).toBeLessThan(300)
    expect(remove(sandbox).status).toBe(429)
  })

  it('lets deletes through while a run of writes has emptied the write bucket', () => {
    const clock = testClock()
    const sandbox = createSandbox({ now: clock.now })
    for (let i = 0; i < 200; i++) expect(write(sandbox).status).toBe(201)
    const refused = write(sandbox)
    expect(refused.status).toBe(429)
    expect(refused.json.error.message).toContain("Number of 'write' requests")
    const deleted = remove(sandbox)
    expect(deleted.status).toBeLessThan(300)
    expect(deleted.headers[DELETES]).toBe('199')
  })

  it('shares a global delete bucket across callers (15 times a caller’s), throttled as "global"', () => {
    const clock = testClock()
    const sandbox = createSandbox({ now: clock.now })
    for (let c = 0; c < 15; c++)
      for (let i = 0; i < 200; i++) expect(remove(sandbox, `caller-${c}`).status).toBeLessThan(300)
    const fresh = remove(sandbox, 'caller-15')
    expect(fresh.status).toBe(429)
    expect(fresh.headers[GLOBAL_DELETES]).toBe('0')
    expect(fresh.json.error.message).toContain("Number of 'delete' requests")
    expect(fresh.json.error.message).toContain("actor 'global'")
    // Writes have their own global bucket.
    expect(write(sandbox, 'caller-15').headers[GLOBAL_WRITES]).toBe('2999')
  })

  it('sizes the delete buckets by their own settings, switched with throttling, and keeps old settings valid', () => {
    expect(parseFaultPatch({ throttle: { enabled: true, capacity: 5 } }).ok).toBe(true)
    expect(parseFaultPatch({ deleteThrottle: { capacity: 2, globalRefillPerSecond: 1 } }).ok).toBe(
      true,
    )
    expect(parseFaultPatch({ deleteThrottle: { enabled: false } }).ok).toBe(false)
    const clock = testClock()
    const sandbox = createSandbox({
      now: clock.now,
      options: { faults: { deleteThrottle: { capacity: 2, refillPerSecond: 0.5 } } },
    })
    expect(sandbox.faults().deleteThrottle).toEqual({
      capacity: 2,
      refillPerSecond: 0.5,
      globalCapacity: 3000,
      globalRefillPerSecond: 150,
    })
    expect(remove(sandbox).headers[DELETES]).toBe('1')
    remove(sandbox)
    expect(remove(sandbox).headers['retry-after']).toBe('2')
    sandbox.setFaults({ throttle: { enabled: false } })
    const off = remove(sandbox)
    expect(off.status).toBeLessThan(300)
    expect(off.headers[DELETES]).toBe('2')
  })
})
