import { request as httpsRequest } from 'node:https'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type SandboxServer, startSandboxServer } from '@/sandbox/server/https-server.ts'
import { SUB_ID } from '../support.ts'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

function send(
  server: SandboxServer,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: unknown,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      `${server.url}${path}`,
      { method, headers, ca: server.certificatePem },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (text += c))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
        )
      },
    )
    req.on('error', reject)
    req.end(body === undefined ? undefined : JSON.stringify(body))
  })
}

describe('the HTTPS sandbox server', () => {
  let server: SandboxServer
  beforeAll(async () => {
    server = await startSandboxServer({ port: 0 })
  })
  afterAll(() => server.close())

  it('listens on 127.0.0.1 with a certificate that verifies when pinned', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    expect(server.certificatePem).toContain('BEGIN CERTIFICATE')
    const pem = await send(server, 'GET', '/_sandbox/certificate')
    expect(pem.body).toBe(server.certificatePem)
    await expect(
      new Promise((resolve, reject) =>
        httpsRequest(`${server.url}/_sandbox`, resolve).on('error', reject).end(),
      ),
    ).rejects.toThrow(/self-signed/)
  })

  it('answers CORS preflights by echoing origin and requested headers', async () => {
    const r = await send(server, 'OPTIONS', `${SUB_ID}?api-version=2022-12-01`, {
      origin: 'http://localhost:5173',
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'authorization,content-type,x-ms-client-request-id',
      'access-control-request-private-network': 'true',
    })
    expect(r.status).toBe(204)
    expect(r.headers['access-control-allow-origin']).toBe('http://localhost:5173')
    expect(r.headers['access-control-allow-headers']).toBe(
      'authorization,content-type,x-ms-client-request-id',
    )
    expect(r.headers['access-control-allow-methods']).toContain('PUT')
    expect(r.headers['access-control-allow-private-network']).toBe('true')
  })

  it('exposes Retry-After and the rate-limit headers to the page', async () => {
    const r = await send(server, 'GET', `${SUB_ID}?api-version=2022-12-01`, {
      origin: 'http://127.0.0.1:4173',
      authorization: 'Bearer x',
    })
    expect(r.status).toBe(200)
    expect(r.headers['access-control-allow-origin']).toBe('http://127.0.0.1:4173')
    const exposed = String(r.headers['access-control-expose-headers'])
    for (const h of [
      'retry-after',
      'x-ms-ratelimit-remaining-subscription-writes',
      'x-ms-ratelimit-remaining-subscription-global-writes',
      'x-ms-ratelimit-remaining-subscription-deletes',
      'x-ms-ratelimit-remaining-subscription-global-deletes',
      'x-ms-request-id',
    ])
      expect(exposed).toContain(h)
  })

  it('admin: lists its endpoints, sets and clears faults, advances the clock, seeds, reads and reloads state', async () => {
    const index = JSON.parse((await send(server, 'GET', '/_sandbox')).body)
    expect(Object.keys(index.endpoints)).toContain('PATCH /_sandbox/faults')
    const set = JSON.parse(
      (await send(server, 'PATCH', '/_sandbox/faults', {}, { serverErrors: { rate: 1 } })).body,
    )
    expect(set.serverErrors.rate).toBe(1)
    expect(
      (await send(server, 'GET', `${SUB_ID}?api-version=2022-12-01`, { authorization: 'Bearer x' }))
        .status,
    ).toBeGreaterThanOrEqual(500)
    expect(
      (await send(server, 'PATCH', '/_sandbox/faults', {}, { serverErrors: { rate: 3 } })).status,
    ).toBe(400)
    expect(
      JSON.parse((await send(server, 'DELETE', '/_sandbox/faults')).body).serverErrors.rate,
    ).toBe(0)
    const before = JSON.parse((await send(server, 'GET', '/_sandbox/clock')).body).epochMs
    const after = JSON.parse(
      (await send(server, 'POST', '/_sandbox/clock', {}, { advanceMs: 3_600_000 })).body,
    ).epochMs
    expect(after - before).toBeGreaterThanOrEqual(3_600_000)
    expect(
      (await send(server, 'POST', '/_sandbox/seed', {}, { resourceGroups: [{ name: 'rg-admin' }] }))
        .status,
    ).toBe(200)
    expect(
      (
        await send(server, 'GET', `${SUB_ID}/resourceGroups/rg-admin?api-version=2021-04-01`, {
          authorization: 'Bearer x',
        })
      ).status,
    ).toBe(200)
    const state = (await send(server, 'GET', '/_sandbox/state')).body
    expect((await send(server, 'POST', '/_sandbox/reset')).status).toBe(200)
    expect(
      (
        await send(server, 'GET', `${SUB_ID}/resourceGroups/rg-admin?api-version=2021-04-01`, {
          authorization: 'Bearer x',
        })
      ).status,
    ).toBe(404)
    expect((await send(server, 'PUT', '/_sandbox/state', {}, JSON.parse(state))).status).toBe(200)
    expect(
      (
        await send(server, 'GET', `${SUB_ID}/resourceGroups/rg-admin?api-version=2021-04-01`, {
          authorization: 'Bearer x',
        })
      ).status,
    ).toBe(200)
    expect((await send(server, 'GET', '/_sandbox/nothing')).status).toBe(404)
    expect((await send(server, 'PUT', '/_sandbox/state', {}, { format: 'x' })).status).toBe(400)
  })

  it('admin: writes the demo estate the README names, and says what is wrong with a bad body', async () => {
    const demo = await send(server, 'POST', '/_sandbox/estate', {}, { name: 'demo' })
    expect(demo.status).toBe(200)
    expect(JSON.parse(demo.body)).toMatchObject({ resourceGroup: 'contoso-prod' })
    const group = await send(
      server,
      'GET',
      `${SUB_ID}/resourceGroups/contoso-prod?api-version=2021-04-01`,
      { authorization: 'Bearer x' },
    )
    expect(group.status).toBe(200)
    const bad = await send(server, 'POST', '/_sandbox/estate', {}, { name: 'nope' })
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.body).error.message).toMatch(/^give \{"name":"demo"\}/)
  })
})
