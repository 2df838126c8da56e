import { describe, expect, it } from 'vitest'
import { call, RG_ID, resourceId, SUB, SUB_ID, testSandbox, v } from '../support.ts'

const STORAGE = 'Microsoft.Storage/storageAccounts'

describe('ARM request handling', () => {
  it('requires a bearer token: 401 AuthenticationFailed with a WWW-Authenticate challenge', () => {
    const { sandbox } = testSandbox()
    const r = call(sandbox, 'GET', v(SUB_ID), undefined, { host: 'x' })
    expect(r.status).toBe(401)
    expect(r.json).toEqual({
      error: { code: 'AuthenticationFailed', message: expect.stringContaining('Authorization') },
    })
    expect(r.headers['www-authenticate']).toMatch(/^Bearer /)
    expect(call(sandbox, 'GET', v(SUB_ID), undefined, { authorization: 'Basic abc' }).status).toBe(
      401,
    )
  })

  it('lists the account’s tenants at GET /tenants: its own, then those added (Tenants - List)', () => {
    const { sandbox } = testSandbox()
    sandbox.seed({
      tenants: [
        { tenantId: '3f3f0000-0000-4000-8000-00000000fab1', displayName: 'Fabrikam' },
        // Its own tenant again: listed once.
        { tenantId: '22222222-2222-2222-2222-222222222222', displayName: 'Sandbox again' },
      ],
    })
    const r = call(sandbox, 'GET', v('/tenants', '2022-12-01'))
    expect(r.status).toBe(200)
    expect(r.json.value).toEqual([
      {
        id: '/tenants/22222222-2222-2222-2222-222222222222',
        tenantId: '22222222-2222-2222-2222-222222222222',
        tenantCategory: 'Home',
        displayName: 'Sandbox',
        defaultDomain: 'sandbox.example',
        domains: ['sandbox.example'],
        tenantType: 'AAD',
      },
      {
        id: '/tenants/3f3f0000-0000-4000-8000-00000000fab1',
        tenantId: '3f3f0000-0000-4000-8000-00000000fab1',
        tenantCategory: 'Home',
        displayName: 'Fabrikam',
        defaultDomain: '3f3f0000-0000-4000-8000-00000000fab1.onmicrosoft.com',
        domains: ['3f3f0000-0000-4000-8000-00000000fab1.onmicrosoft.com'],
        tenantType: 'AAD',
      },
    ])
    expect(call(sandbox, 'PUT', v('/tenants', '2022-12-01'), {}).status).toBe(405)
  })

  it('lists only the token’s tenant’s subscriptions, and answers 401 InvalidAuthenticationTokenTenant under another’s', () => {
    const { sandbox } = testSandbox()
    const fabrikam = '3f3f0000-0000-4000-8000-00000000fab1'
    const theirs = '33333333-3333-4333-8333-333333333333'
    sandbox.seed({ subscriptions: [{ subscriptionId: theirs, tenantId: fabrikam }] })
    const listed = call(sandbox, 'GET', v('/subscriptions', '2022-12-01'))
    expect(listed.json.value.map((s: { subscriptionId: string }) => s.subscriptionId)).toEqual([
      '11111111-1111-1111-1111-111111111111',
    ])
    const r = call(sandbox, 'GET', v(`/subscriptions/${theirs}/resourcegroups`, '2022-12-01'))
    expect(r.status).toBe(401)
    expect(r.json.error).toEqual({
      code: 'InvalidAuthenticationTokenTenant',
      message: `The access token is from the wrong issuer 'https://sts.windows.net/22222222-2222-2222-2222-222222222222/'. It must match the tenant 'https://sts.windows.net/${fabrikam}/' associated with this subscription. Please use the authority (URL) 'https://login.windows.net/${fabrikam}' to get the token. Note, if the subscription is transferred to another tenant there is no impact to the services, but information about new tenant could take time to propagate (up to an hour). If you just transferred your subscription and see this error message, please try back later.`,
    })
    // A token for that tenant (its tid claim) reaches it.
    const payload = btoa(JSON.stringify({ tid: fabrikam, oid: fabrikam }))
    const theirToken = { authorization: `Bearer h.${payload}.s`, host: 'sandbox.test' }
    const ok = call(
      sandbox,
      'GET',
      v(`/subscriptions/${theirs}`, '2022-12-01'),
      undefined,
      theirToken,
    )
    expect([ok.status, ok.json.tenantId]).toEqual([200, fabrikam])
  })

  it('requires api-version: 400 MissingApiVersionParameter, and rejects a malformed one', () => {
    const { sandbox } = testSandbox()
    const r = call(sandbox, 'GET', SUB_ID)
    expect(r.status).toBe(400)
    expect(r.json.error.code).toBe('MissingApiVersionParameter')
    expect(call(sandbox, 'GET', `${SUB_ID}?api-version=latest`).json.error.code).toBe(
      'InvalidApiVersionParameter',
    )
  })

  it('collapses // and compares ids without case', () => {
    const { sandbox } = testSandbox()
    const id = resourceId(STORAGE, 'contosoassets')
    const plain = call(sandbox, 'GET', v(id, '2023-01-01'))
    const odd = call(
      sandbox,
      'GET',
      v(`//${id.toUpperCase().slice(1)}`.replace('//', '//'), '2023-01-01'),
    )
    expect(plain.status).toBe(200)
    expect(odd.status).toBe(200)
    expect(odd.json).toEqual(plain.json)
    expect(plain.json.type).toBe(STORAGE)
  })

  it('answers every response with x-ms-request-id and the client request id as correlation id', () => {
    const { sandbox } = testSandbox()
    const r = call(sandbox, 'GET', v(SUB_ID), undefined, {
      authorization: 'Bearer t',
      'x-ms-client-request-id': 'abc',
    })
    expect(r.headers['x-ms-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(r.headers['x-ms-correlation-request-id']).toBe('abc')
  })

  it('serves subscriptions (list and get) and 404 SubscriptionNotFound', () => {
    const { sandbox } = testSandbox()
    const list = call(sandbox, 'GET', v('/subscriptions', '2022-12-01'))
    expect(list.json.value).toHaveLength(1)
    expect(list.json.value[0]).toMatchObject({ id: SUB_ID, subscriptionId: SUB, state: 'Enabled' })
    expect(call(sandbox, 'GET', v(SUB_ID, '2022-12-01')).json.subscriptionId).toBe(SUB)
    const missing = call(sandbox, 'GET', v('/subscriptions/99999999-9999-9999-9999-999999999999'))
    expect(missing.status).toBe(404)
    expect(missing.json.error.code).toBe('SubscriptionNotFound')
  })
})

describe('resource groups', () => {
  it('PUT 201 then 200, GET, LIST, HEAD; location required and fixed', () => {
    const { sandbox } = testSandbox()
    const id = `${SUB_ID}/resourceGroups/rg-two`
    expect(call(sandbox, 'PUT', v(id, '2021-04-01'), {}).json.error.code).toBe('LocationRequired')
    const first = call(sandbox, 'PUT', v(id, '2021-04-01'), {
      location: 'West Europe',
      tags: { a: 'b' },
    })
    expect(first.status).toBe(201)
    expect(first.json).toEqual({
      id,
      name: 'rg-two',
      type: 'Microsoft.Resources/resourceGroups',
      location: 'westeurope',
      tags: { a: 'b' },
      properties: { provisioningState: 'Succeeded' },
    })
    expect(call(sandbox, 'PUT', v(id, '2021-04-01'), { location: 'westeurope' }).status).toBe(200)
    expect(call(sandbox, 'PUT', v(id, '2021-04-01'), { location: 'eastus' }).json.error.code).toBe(
      'InvalidResourceGroupLocation',
    )
    expect(call(sandbox, 'GET', v(id.toUpperCase(), '2021-04-01')).json.name).toBe('rg-two')
    const names = call(sandbox, 'GET', v(`${SUB_ID}/resourcegroups`, '2021-04-01')).json.value.map(
      (g: { name: string }) => g.name,
    )
    expect(names).toEqual(['sandbox-rg', 'rg-two'])
    expect(call(sandbox, 'HEAD', v(id, '2021-04-01')).status).toBe(204)
    expect(call(sandbox, 'HEAD', v(`${SUB_ID}/resourceGroups/nope`, '2021-04-01')).status).toBe(404)
  })

  it('deletes a group asynchronously (202 + Location, 202 with Retry-After while it runs) with everything in it', () => {
    const { sandbox } = testSandbox()
    const r = call(sandbox, 'DELETE', v(RG_ID, '2021-04-01'))
    expect(r.status).toBe(202)
    expect(r.headers.location).toMatch(
      /^https:\/\/sandbox\.test\/subscriptions\/.+\/operationresults\/.+api-version=2021-04-01$/,
    )
    const poll = () =>
      call(
        sandbox,
        'GET',
        new URL(r.headers.location ?? '').pathname + new URL(r.headers.location ?? '').search,
      )
    const running = poll()
    expect([running.status, running.json, running.headers['retry-after']]).toEqual([
      202,
      undefined,
      '1',
    ])
    sandbox.advanceClock(1000)
    expect(poll().status).toBe(200)
    expect(call(sandbox, 'GET', v(RG_ID, '2021-04-01')).json.error.code).toBe(
      'ResourceGroupNotFound',
    )
    expect(call(sandbox, 'GET', v(`${SUB_ID}/resources`, '2021-04-01')).json.value).toEqual([])
  })
})
