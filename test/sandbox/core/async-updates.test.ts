import { describe, expect, it } from 'vitest'
import { call, resourceId, testSandbox, v } from '../support.ts'

const APP = resourceId('Microsoft.App/containerApps', 'contoso-orders-api')
const API = '2024-03-01'

describe('Container Apps updates are long-running operations (ContainerApps_Update)', () => {
  it('answers PATCH 202 + Location; the app reads as before, InProgress, until the operation ends', () => {
    const { sandbox, clock } = testSandbox({
      options: { faults: { operations: { durationMs: 3000, retryAfterSeconds: 2 } } },
    })
    const before = call(sandbox, 'GET', v(APP, API)).json
    const accepted = call(sandbox, 'PATCH', v(APP, API), {
      identity: { type: 'SystemAssigned' },
      tags: { team: 'orders' },
    })
    expect([accepted.status, accepted.json]).toEqual([202, undefined])
    expect(accepted.headers['retry-after']).toBe('2')
    const location = accepted.headers.location!
    expect(location).toMatch(
      /^https:\/\/sandbox\.test\/subscriptions\/[^/]+\/operationresults\/[0-9a-f-]{36}\?api-version=2024-03-01$/,
    )
    const during = call(sandbox, 'GET', v(APP, API)).json
    expect(during.identity).toBeUndefined()
    expect(during.tags).toEqual(before.tags)
    expect(during.properties.provisioningState).toBe('InProgress')
    const polled = call(sandbox, 'GET', location.replace('https://sandbox.test', ''))
    expect([polled.status, polled.json, polled.headers['retry-after']]).toEqual([
      202,
      undefined,
      '2',
    ])

    clock.advance(3000)
    const done = call(sandbox, 'GET', location.replace('https://sandbox.test', ''))
    expect(done.status).toBe(200)
    expect(done.json.identity).toMatchObject({ type: 'SystemAssigned' })
    const after = call(sandbox, 'GET', v(APP, API)).json
    expect(after.properties.provisioningState).toBe('Succeeded')
    expect(after.tags).toEqual({ team: 'orders' })
    expect(after.identity.principalId).toBe(done.json.identity.principalId)
  })

  it('refuses another write to the app while one runs: 409 ContainerAppLockConflict; other apps go on', () => {
    const { sandbox, clock } = testSandbox({
      options: { faults: { operations: { durationMs: 3000, retryAfterSeconds: 1 } } },
    })
    expect(call(sandbox, 'PATCH', v(APP, API), { tags: { a: '1' } }).status).toBe(202)
    for (const [method, body] of [
      ['PATCH', { tags: { b: '2' } }],
      ['PUT', { location: 'westeurope' }],
    ] as const) {
      const busy = call(sandbox, method, v(APP, API), body)
      expect([busy.status, busy.json.error]).toEqual([
        409,
        {
          code: 'ContainerAppLockConflict',
          message:
            "Cannot modify container App 'contoso-orders-api' because another modification is in progress. Please retry the operation.",
        },
      ])
    }
    const other = resourceId('Microsoft.App/containerApps', 'other-app')
    call(sandbox, 'PUT', v(other, API), { location: 'westeurope' })
    expect(call(sandbox, 'PATCH', v(other, API), { tags: { c: '3' } }).status).toBe(202)
    clock.advance(3000)
    expect(call(sandbox, 'PATCH', v(APP, API), { tags: { b: '2' } }).status).toBe(202)
  })

  it('lands a finished update in the snapshot without another request, and never lands on an app deleted and made again', () => {
    const { sandbox, clock } = testSandbox({
      options: { faults: { operations: { durationMs: 1000, retryAfterSeconds: 1 } } },
    })
    call(sandbox, 'PATCH', v(APP, API), { tags: { a: '1' } })
    clock.advance(1000)
    const key = Object.keys(sandbox.snapshot().resources).find((k) =>
      k.endsWith('contoso-orders-api'),
    )!
    expect(sandbox.snapshot().resources[key]?.tags).toEqual({ a: '1' })
    expect(sandbox.snapshot().deferred).toEqual({})

    call(sandbox, 'PATCH', v(APP, API), { tags: { b: '2' } })
    expect(call(sandbox, 'DELETE', v(APP, API)).status).toBe(200)
    expect(call(sandbox, 'PUT', v(APP, API), { location: 'westeurope' }).status).toBe(201)
    clock.advance(1000)
    expect(call(sandbox, 'GET', v(APP, API)).json.tags).toBeUndefined()
  })
})
