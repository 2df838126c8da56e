import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { type CreateSandboxInput, createSandbox, type Sandbox } from '../core/sandbox.ts'
import { DIRECTORY_ASSIGNMENTS } from '../login/directory.ts'
import type { SignIn, SignInOptions } from '../login/sign-in.ts'
import { ADMIN_PREFIX, adminDenied, handleAdmin } from './admin.ts'
import { makeCertificate } from './certificate.ts'
import { ADMIN_BODY_LIMIT, ARM_BODY_LIMIT, BodyTooLarge, readBody, refuseBody } from './body.ts'
import { corsHeaders, corsPolicy, preflightHeaders, type CorsPolicy } from './cors.ts'
import { exposureProblem, hasAdminToken } from './exposure.ts'

export interface SandboxServerOptions extends Partial<CreateSandboxInput> {
  /**
   * Waits the latency the core drew (default: a timer). With `now`, the server's whole clock:
   * throttle buckets, latency, operations and sign-in all read the injected time.
   */
  readonly sleep?: (ms: number) => Promise<void>
  /** 0 (the default) picks a free port. */
  readonly port?: number
  readonly host?: string
  /** A sandbox to serve (else one is made from seed, now, state and options). */
  readonly sandbox?: Sandbox
  /** Origins whose pages may call the sandbox (CORS); the web app's dev and preview origins by default. */
  readonly allowOrigins?: readonly string[]
  /** Required (as `Authorization: Bearer …`) by the admin endpoint when set; needed off loopback. */
  readonly adminToken?: string
  /**
   * Sign-in mode (`--login`): an Entra-shaped OpenID Connect provider on the same origin, and the
   * emulator accepts only its tokens and authorizes each call by the caller's role assignments.
   */
  readonly login?: SignInOptions | boolean
}

interface Policy {
  readonly cors: CorsPolicy
  readonly adminToken: string | undefined
}

export interface SandboxServer {
  readonly url: string
  readonly certificatePem: string
  readonly sandbox: Sandbox
  /** In sign-in mode: the issuer, MSAL's authority, the tenant and the web app's client id. */
  readonly signIn?: Pick<SignIn, 'issuer' | 'authority' | 'tenantId' | 'spaClientId'>
  close(): Promise<void>
}

const timerDelay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

function headersOf(request: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers))
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value
  return out
}

async function serve(
  sandbox: Sandbox,
  delay: (ms: number) => Promise<void>,
  pem: string,
  policy: Policy,
  signIn: SignIn | undefined,
  request: IncomingMessage,
  response: ServerResponse,
) {
  const url = request.url ?? '/'
  const method = request.method ?? 'GET'
  const path = url.split('?')[0] ?? '/'
  if (signIn?.owns(path)) {
    await signIn.serve(request, response)
    return
  }
  const admin = path === ADMIN_PREFIX || path.startsWith(`${ADMIN_PREFIX}/`)
  const cors = corsHeaders(policy.cors, request)
  if (method === 'OPTIONS') {
    const allowed = preflightHeaders(policy.cors, request, admin)
    response.writeHead(allowed ? 204 : 403, allowed ?? cors).end()
    return
  }
  if (admin && !adminAllowed(policy, path, request)) {
    request.resume()
    const denied = adminDenied()
    response.writeHead(denied.status, { ...denied.headers, ...cors }).end(denied.body)
    return
  }
  let body: string | undefined
  try {
    body = await readBody(request, admin ? ADMIN_BODY_LIMIT : ARM_BODY_LIMIT)
  } catch (e) {
    if (!(e instanceof BodyTooLarge)) throw e
    refuseBody(request, response, e, cors)
    return
  }
  if (admin) {
    const answer = handleAdmin(sandbox, pem, method, path, body)
    response.writeHead(answer.status, { ...answer.headers, ...cors }).end(answer.body)
    return
  }
  const refusal = await signIn?.verify(request.headers.authorization)
  if (refusal) {
    response.writeHead(refusal.status, { ...refusal.headers, ...cors }).end(refusal.body)
    return
  }
  const outcome = sandbox.handle({
    method,
    url,
    headers: headersOf(request),
    ...(body !== undefined ? { body } : {}),
  })
  if (outcome.delayMs > 0) await delay(outcome.delayMs)
  if (outcome.kind === 'reset') {
    // Drop the connection mid-request: Node clients see ECONNRESET ("socket hang up"), browsers a
    // network error. (A TCP RST via resetAndDestroy() is not available on TLS sockets.)
    request.socket.destroy()
    return
  }
  const { status, headers, body: text } = outcome.response
  response.writeHead(status, { ...headers, ...cors }).end(method === 'HEAD' ? undefined : text)
}

/** The certificate is public (every TLS handshake sends it); the rest needs the token when one is set. */
function adminAllowed(policy: Policy, path: string, request: IncomingMessage): boolean {
  if (policy.adminToken === undefined || path === `${ADMIN_PREFIX}/certificate`) return true
  return hasAdminToken(request.headers.authorization, policy.adminToken)
}

/**
 * The sandbox as an HTTPS server with a certificate made at start, CORS for the configured origins
 * and the admin endpoint under `/_sandbox/`; state lives as long as the server. It listens on
 * loopback unless an admin token guards the admin endpoint (exposure.ts); request bodies are
 * bounded (body.ts); no request can make it throw.
 */
export async function startSandboxServer(
  options: SandboxServerOptions = {},
): Promise<SandboxServer> {
  const host = options.host ?? '127.0.0.1'
  const exposed = exposureProblem(host, options.adminToken)
  if (exposed) throw new Error(exposed)
  const policy: Policy = { cors: corsPolicy(options.allowOrigins), adminToken: options.adminToken }
  const sandbox =
    options.sandbox ??
    createSandbox({
      now: options.now ?? Date.now,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.state ? { state: options.state } : {}),
      ...(options.options || options.login
        ? {
            options: {
              ...options.options,
              ...(options.login ? { directory: DIRECTORY_ASSIGNMENTS } : {}),
            },
          }
        : {}),
    })
  const certificate = await makeCertificate()
  // Made once the port is known: the issuer names it.
  let signIn: SignIn | undefined
  const server = createServer(
    { key: certificate.key, cert: certificate.cert },
    (request, response) => {
      serve(
        sandbox,
        options.sleep ?? timerDelay,
        certificate.cert,
        policy,
        signIn,
        request,
        response,
      ).catch((e: unknown) => {
        if (response.writableEnded) return
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
  const url = `https://${host.includes(':') ? `[${host}]` : host}:${port}`
  if (options.login) {
    // Loaded only in sign-in mode: oidc-provider is a server of its own.
    const { startSignIn } = await import('../login/sign-in.ts')
    signIn = await startSignIn(
      url,
      () => sandbox.now(),
      options.login === true ? {} : options.login,
    )
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
