import { spawn } from 'node:child_process'
import { request as httpsRequest } from 'node:https'
import { connect } from 'node:tls'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { type SandboxServer, startSandboxServer } from '@/sandbox/server/https-server.ts'
import { SUB_ID } from '../sandbox/support.ts'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** One HTTPS request; `body` may be a generator of chunks, streamed without Content-Length. */
function send(
  server: SandboxServer,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | (() => Generator<Buffer>),
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
    // The server may close the connection after answering: writes after that fail, the answer stands.
    req.on('error', (e) => (req.headersSent ? undefined : reject(e)))
    if (typeof body === 'function') {
      const chunks = body()
      const pump = (): void => {
        for (let next = chunks.next(); !next.done; next = chunks.next())
          if (!req.write(next.value)) return void req.once('drain', pump)
        req.end()
      }
      pump()
    } else req.end(body)
  })
}

const ARM = { authorization: 'Bearer any', 'content-type': 'application/json' }
const GROUP = `${SUB_ID}/resourceGroups/rg-big?api-version=2021-04-01`

function* megabytes(count: number): Generator<Buffer> {
  const chunk = Buffer.alloc(1024 * 1024, 'a')
  for (let i = 0; i < count; i++) yield chunk
}

const answersNormally = async (server: SandboxServer): Promise<void> => {
  const r = await send(server, 'GET', `${SUB_ID}?api-version=2022-12-01`, ARM)
  expect(r.status).toBe(200)
}

describe('sandbox HTTPS server: bounded bodies, never a crash', () => {
  let server: SandboxServer
  beforeAll(async () => {
    server = await startSandboxServer({ port: 0 })
  })
  afterAll(() => server.close())

  it('answers a streamed 600 MB body with ARM’s 413 and keeps serving', async () => {
    const r = await send(server, 'PUT', GROUP, ARM, () => megabytes(600))
    expect(r.status).toBe(413)
    expect(JSON.parse(r.body)).toEqual({
      error: {
        code: 'RequestContentTooLarge',
        message: 'The request content size exceeds the maximum size of 4 MB.',
      },
    })
    await answersNormally(server)
  }, 60_000)

  it('refuses a declared Content-Length over the limit before reading, admin endpoint included', async () => {
    const big = await send(
      server,
      'PUT',
      GROUP,
      { ...ARM, 'content-length': String(600 * 1024 * 1024) },
      () => megabytes(1),
    )
    expect(big.status).toBe(413)
    const admin = await send(server, 'PUT', '/_sandbox/state', {}, () => megabytes(40))
    expect(admin.status).toBe(413)
    expect(JSON.parse(admin.body).error.message).toBe(
      'The request content size exceeds the maximum size of 32 MB.',
    )
    await answersNormally(server)
  }, 60_000)

  it('still takes bodies under the limit', async () => {
    const r = await send(
      server,
      'PUT',
      GROUP,
      ARM,
      JSON.stringify({ location: 'westeurope', tags: { pad: 'x'.repeat(1024 * 1024) } }),
    )
    expect(r.status).toBe(201)
  })

  it.each([
    ['malformed JSON', 'PUT', GROUP, '{"location": "westeu'],
    ['JSON that is not an object', 'PUT', GROUP, '[1,2,3]'],
    ['an odd method', 'PROPFIND', GROUP, undefined],
    ['TRACE', 'TRACE', `${SUB_ID}?api-version=2022-12-01`, undefined],
    ['a path of empty segments', 'GET', '//////?api-version=2022-12-01', undefined],
    [
      'broken percent escapes',
      'GET',
      `${SUB_ID}/resourceGroups/%zz%?api-version=2021-04-01`,
      undefined,
    ],
    [
      'thousands of segments',
      'GET',
      `${SUB_ID}${'/x'.repeat(4000)}?api-version=2021-04-01`,
      undefined,
    ],
    ['an admin body that is not JSON', 'PATCH', '/_sandbox/faults', '{{{'],
    ['an admin state of the wrong shape', 'PUT', '/_sandbox/state', '{"resources": 5}'],
  ])('answers %s with an error status and keeps serving', async (_what, method, path, body) => {
    const r = await send(server, method, path, ARM, body)
    expect(r.status).toBeGreaterThanOrEqual(400)
    expect(r.status).toBeLessThan(500)
    await answersNormally(server)
  })

  it('survives a client that disconnects in the middle of a body', async () => {
    await new Promise<void>((resolve) => {
      const { port } = new URL(server.url)
      const socket = connect(
        { host: '127.0.0.1', port: Number(port), ca: server.certificatePem },
        () => {
          socket.write(
            `PUT ${GROUP} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\r\nContent-Length: 1000\r\n\r\n{"loc`,
          )
          socket.destroy()
          resolve()
        },
      )
    })
    await answersNormally(server)
  })
})

describe('sandbox HTTPS server: CORS only for configured origins', () => {
  let server: SandboxServer
  beforeAll(async () => {
    server = await startSandboxServer({
      port: 0,
      allowOrigins: ['https://designer.contoso.example'],
    })
  })
  afterAll(() => server.close())

  const preflight = (origin: string, path: string) =>
    send(server, 'OPTIONS', path, {
      origin,
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'authorization,content-type',
      'access-control-request-private-network': 'true',
    })

  it('gives a page of another origin nothing to read: no CORS headers, preflight refused', async () => {
    const r = await send(server, 'GET', `${SUB_ID}?api-version=2022-12-01`, {
      ...ARM,
      origin: 'https://evil.example',
    })
    expect(r.headers['access-control-allow-origin']).toBeUndefined()
    const p = await preflight('https://evil.example', GROUP)
    expect(p.status).toBe(403)
    expect(Object.keys(p.headers).filter((h) => h.startsWith('access-control-'))).toEqual([])
    // The app's own dev origin is not allowed either once origins are configured.
    expect((await preflight('http://127.0.0.1:5173', GROUP)).status).toBe(403)
  })

  it('answers the configured origin, with private-network access for ARM paths only', async () => {
    const arm = await preflight('https://designer.contoso.example', GROUP)
    expect(arm.status).toBe(204)
    expect(arm.headers['access-control-allow-origin']).toBe('https://designer.contoso.example')
    expect(arm.headers['access-control-allow-private-network']).toBe('true')
    const admin = await preflight('https://designer.contoso.example', '/_sandbox/state')
    expect(admin.status).toBe(204)
    expect(admin.headers['access-control-allow-private-network']).toBeUndefined()
  })

  it('allows the web app’s own dev and preview origins by default', async () => {
    const byDefault = await startSandboxServer({ port: 0 })
    try {
      for (const origin of ['http://127.0.0.1:5173', 'http://localhost:4173']) {
        const r = await send(byDefault, 'GET', `${SUB_ID}?api-version=2022-12-01`, {
          ...ARM,
          origin,
        })
        expect(r.headers['access-control-allow-origin']).toBe(origin)
      }
      const other = await send(byDefault, 'GET', `${SUB_ID}?api-version=2022-12-01`, {
        ...ARM,
        origin: 'https://app.example',
      })
      expect(other.headers['access-control-allow-origin']).toBeUndefined()
    } finally {
      await byDefault.close()
    }
  })
})

describe('sandbox HTTPS server: who can reach the admin endpoint', () => {
  const TOKEN = 'a-long-admin-token-for-tests'

  it('refuses a non-loopback host without an admin token, and a short token', async () => {
    await expect(startSandboxServer({ port: 0, host: '0.0.0.0' })).rejects.toThrow(
      'refusing to listen on 0.0.0.0: anyone who can reach it could use the admin endpoint (/_sandbox); set an admin token (--admin-token or SANDBOX_ADMIN_TOKEN) to listen beyond loopback',
    )
    await expect(
      startSandboxServer({ port: 0, host: '0.0.0.0', adminToken: 'short' }),
    ).rejects.toThrow('the admin token must be at least 16 characters')
  })

  it('with a token, listens beyond loopback and the admin endpoint requires the token', async () => {
    const server = await startSandboxServer({ port: 0, host: '0.0.0.0', adminToken: TOKEN })
    const local = { ...server, url: server.url.replace('0.0.0.0', '127.0.0.1') }
    try {
      const denied = await send(local, 'GET', '/_sandbox/state')
      expect(denied.status).toBe(401)
      expect(JSON.parse(denied.body).error.code).toBe('AuthenticationFailed')
      expect(
        (
          await send(local, 'POST', '/_sandbox/reset', {
            authorization: 'Bearer wrong-token-of-any-length',
          })
        ).status,
      ).toBe(401)
      expect(
        (await send(local, 'GET', '/_sandbox/state', { authorization: `Bearer ${TOKEN}` })).status,
      ).toBe(200)
      expect((await send(local, 'GET', '/_sandbox/certificate')).status).toBe(200)
      await answersNormally(local)
    } finally {
      await server.close()
    }
  })

  it('npm run sandbox -- --host 0.0.0.0 exits with the reason', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/sandbox/server/main.ts', '--port', '0', '--host', '0.0.0.0'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, SANDBOX_ADMIN_TOKEN: '' },
      },
    )
    onTestFinished(() => void child.kill('SIGKILL'))
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c))
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    expect(code).toBe(1)
    expect(stderr).toContain('sandbox: refusing to listen on 0.0.0.0')
  }, 30_000)
})
