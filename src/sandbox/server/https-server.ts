import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { type CreateSandboxInput, createSandbox, type Sandbox } from '../core/sandbox.ts'
import { DIRECTORY_ASSIGNMENTS } from '../login/directory.ts'
import type { SignIn, SignInOptions } from '../login/sign-in.ts'
import { ADMIN_PREFIX, handleAdmin } from './admin.ts'
import { makeCertificate } from './certificate.ts'
import { corsHeaders, preflightHeaders } from './cors.ts'

export interface SandboxServerOptions extends Partial<CreateSandboxInput> {
  /** 0 (the default) picks a free port. */
  readonly port?: number
  readonly host?: string
  /** A sandbox to serve (else one is made from seed, now, state and options). */
  readonly sandbox?: Sandbox
  /**
   * Sign-in mode (`--login`): an Entra-shaped OpenID Connect provider on the same origin, and the
   * emulator accepts only its tokens and authorizes each call by the caller's role assignments.
   */
  readonly login?: SignInOptions | boolean
}

export interface SandboxServer {
  readonly url: string
  readonly certificatePem: string
  readonly sandbox: Sandbox
  /** In sign-in mode: the issuer, MSAL's authority, the tenant and the web app's client id. */
  readonly signIn?: Pick<SignIn, 'issuer' | 'authority' | 'tenantId' | 'spaClientId'>
  close(): Promise<void>
}

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    request.on('data', (c: Buffer) => chunks.push(c))
    request.on('end', () =>
      resolve(chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined),
    )
    request.on('error', reject)
  })
}

const delay = (ms: number): Promise<void> =>
  ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve()

function headersOf(request: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers))
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value
  return out
}

async function serve(
  sandbox: Sandbox,
  pem: string,
  signIn: SignIn | undefined,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const url = request.url ?? '/'
  const method = request.method ?? 'GET'
  if (signIn?.owns(url.split('?')[0] ?? '/')) {
    await signIn.serve(request, response)
    return
  }
  if (method === 'OPTIONS') {
    response.writeHead(204, preflightHeaders(request)).end()
    return
  }
  const body = await readBody(request)
  const path = url.split('?')[0] ?? '/'
  if (path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`)) {
    const answer = handleAdmin(sandbox, pem, method, path, body)
    response
      .writeHead(answer.status, { ...answer.headers, ...corsHeaders(request) })
      .end(answer.body)
    return
  }
  const refusal = await signIn?.verify(request.headers.authorization)
  if (refusal) {
    response.writeHead(refusal.status, { ...refusal.headers, ...corsHeaders(request) }).end(refusal.body)
    return
  }
  const outcome = sandbox.handle({
    method,
    url,
    headers: headersOf(request),
    ...(body !== undefined ? { body } : {}),
  })
  await delay(outcome.delayMs)
  if (outcome.kind === 'reset') {
    // Drop the connection mid-request: Node clients see ECONNRESET ("socket hang up"), browsers a
    // network error. (A TCP RST via resetAndDestroy() is not available on TLS sockets.)
    request.socket.destroy()
    return
  }
  const { status, headers, body: text } = outcome.response
  response
    .writeHead(status, { ...headers, ...corsHeaders(request) })
    .end(method === 'HEAD' ? undefined : text)
}

/**
 * The sandbox as an HTTPS server on loopback with a certificate made at start, CORS for any
 * origin and the admin endpoint under `/_sandbox/`; state lives as long as the server.
 */
export async function startSandboxServer(
  options: SandboxServerOptions = {},
): Promise<SandboxServer> {
  const host = options.host ?? '127.0.0.1'
  const sandbox =
    options.sandbox ??
    createSandbox({
      now: options.now ?? Date.now,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.state ? { state: options.state } : {}),
      ...(options.options || options.login
        ? { options: { ...options.options, ...(options.login ? { directory: DIRECTORY_ASSIGNMENTS } : {}) } }
        : {}),
    })
  const certificate = await makeCertificate()
  // Made once the port is known: the issuer names it.
  let signIn: SignIn | undefined
  const server = createServer(
    { key: certificate.key, cert: certificate.cert },
    (request, response) => {
      serve(sandbox, certificate.cert, signIn, request, response).catch((e: unknown) => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' })
        response.end(JSON.stringify({ error: { code: 'SandboxFailure', message: String(e) } }))
      })
    },
  )
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const url = `https://${host}:${port}`
  if (options.login) {
    // Loaded only in sign-in mode: oidc-provider is a server of its own.
    const { startSignIn } = await import('../login/sign-in.ts')
    signIn = await startSignIn(url, () => sandbox.now(), options.login === true ? {} : options.login)
  }
  return {
    url,
    certificatePem: certificate.cert,
    sandbox,
    ...(signIn
      ? {
          signIn: {
            issuer: signIn.issuer,
            authority: signIn.authority,
            tenantId: signIn.tenantId,
            spaClientId: signIn.spaClientId,
          },
        }
      : {}),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
