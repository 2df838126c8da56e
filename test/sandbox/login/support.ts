import { createHash, randomBytes } from 'node:crypto'
import { request as httpsRequest } from 'node:https'
import type { SandboxServer } from '@/sandbox/server/https-server.ts'

export interface Reply {
  readonly status: number
  readonly headers: Readonly<Record<string, string | string[] | undefined>>
  readonly text: string
}

/** One HTTPS request trusting only the sandbox's certificate; cookies kept in `jar`. */
export function fetchPinned(
  server: SandboxServer,
  url: string,
  init: {
    method?: string
    headers?: Record<string, string>
    body?: string
    jar?: Map<string, string>
  } = {},
): Promise<Reply> {
  const jar = init.jar
  const cookie =
    jar && jar.size > 0 ? { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } : {}
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      new URL(url, server.url),
      {
        method: init.method ?? 'GET',
        headers: { ...init.headers, ...cookie },
        ca: server.certificatePem,
      },
      (res) => {
        for (const set of res.headers['set-cookie'] ?? []) {
          const [pair = ''] = set.split(';')
          const at = pair.indexOf('=')
          jar?.set(pair.slice(0, at), pair.slice(at + 1))
        }
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (text += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }))
      },
    )
    req.on('error', reject)
    req.end(init.body)
  })
}

export const APP_REDIRECT = 'http://127.0.0.1:5173/redirect.html'
export const APP_ORIGIN = 'http://127.0.0.1:5173'
export const ARM_REQUEST_SCOPE =
  'https://management.azure.com/user_impersonation openid profile offline_access'

export interface CodeFlow {
  readonly jar: Map<string, string>
  readonly verifier: string
  /** The login page's URL (where the form posts). */
  readonly loginUrl: string
}

/** Starts an authorization code + PKCE request as MSAL does, up to the login page. */
export async function startCodeFlow(
  server: SandboxServer,
  extra: Record<string, string> = {},
): Promise<CodeFlow> {
  const signIn = server.signIn
  if (!signIn) throw new Error('the sandbox runs without sign-in')
  const jar = new Map<string, string>()
  const verifier = randomBytes(32).toString('base64url')
  const query = new URLSearchParams({
    client_id: signIn.spaClientId,
    response_type: 'code',
    redirect_uri: APP_REDIRECT,
    scope: ARM_REQUEST_SCOPE,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    state: 'state-1',
    nonce: 'nonce-1',
    response_mode: 'fragment',
    client_info: '1',
    ...extra,
  })
  const authorize = await fetchPinned(
    server,
    `${signIn.authority}/oauth2/v2.0/authorize?${query}`,
    { jar },
  )
  const location = String(authorize.headers.location ?? '')
  if (authorize.status !== 303 || !location)
    throw new Error(`authorize answered ${authorize.status}`)
  return { jar, verifier, loginUrl: new URL(location, server.url).href }
}

/** Posts the login form, follows the provider's redirects, and returns the redirect URI reached. */
export async function submitLogin(
  server: SandboxServer,
  flow: CodeFlow,
  form: Record<string, string>,
): Promise<{ page?: Reply; redirect?: URL }> {
  let reply = await fetchPinned(server, flow.loginUrl, {
    method: 'POST',
    jar: flow.jar,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  })
  for (let hops = 0; hops < 5; hops++) {
    if (reply.status !== 303) return { page: reply }
    const next = new URL(String(reply.headers.location), server.url)
    if (next.origin !== server.url) return { redirect: next }
    reply = await fetchPinned(server, next.href, { jar: flow.jar })
  }
  throw new Error('too many redirects')
}

export async function redeem(
  server: SandboxServer,
  body: Record<string, string>,
): Promise<{ status: number; json: Record<string, string> }> {
  const reply = await fetchPinned(server, `${server.signIn?.authority}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: APP_ORIGIN },
    body: new URLSearchParams({ client_id: server.signIn?.spaClientId ?? '', ...body }).toString(),
  })
  return { status: reply.status, json: JSON.parse(reply.text) as Record<string, string> }
}

/** Signs a user in through the login page and redeems the code: the tokens MSAL would get. */
export async function signInAs(
  server: SandboxServer,
  username: string,
): Promise<Record<string, string>> {
  const flow = await startCodeFlow(server)
  const { redirect } = await submitLogin(server, flow, {
    username,
    password: 'sandbox-password',
    action: 'sign-in',
  })
  const code = new URLSearchParams(redirect?.hash.slice(1)).get('code')
  if (!code) throw new Error('no code came back')
  const tokens = await redeem(server, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: APP_REDIRECT,
    code_verifier: flow.verifier,
    scope: ARM_REQUEST_SCOPE,
    client_info: '1',
  })
  if (tokens.status !== 200) throw new Error(`token endpoint answered ${tokens.status}`)
  return tokens.json
}

export const claimsOf = (jwt: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >
