import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { exportJWK, generateKeyPair } from 'jose'
import type { Provider } from 'oidc-provider'
import { findUser, LOGIN_TENANT_ID, SPA_CLIENT_ID, USER_PASSWORD } from './directory.ts'
import { errorPage, loginPage, pagePolicy } from './pages.ts'
import { entraPaths } from './paths.ts'
import { createLoginProvider } from './provider.ts'
import { type TokenCheck, tokenVerifier } from './token-verifier.ts'

export interface SignInOptions {
  /** Lifetime of access tokens (Entra: 60–90 minutes; tests shorten it to see renewal). */
  readonly accessTokenTtlSeconds?: number
  /** Skew allowed when the emulator judges expiry (default 300 s, as token validators allow). */
  readonly clockToleranceSeconds?: number
  /** Redirect URIs of the web app beyond the loopback ones (`…/redirect.html` on any port). */
  readonly redirectUris?: readonly string[]
}

/** The sign-in side of the sandbox: an Entra-shaped OpenID Connect provider and the token check. */
export interface SignIn {
  readonly issuer: string
  /** `https://127.0.0.1:N/{tenant}`: what MSAL takes as `authority`. */
  readonly authority: string
  readonly tenantId: string
  readonly spaClientId: string
  /** Is this path one of the provider's (or its login page's)? */
  owns(path: string): boolean
  serve(request: IncomingMessage, response: ServerResponse): Promise<void>
  readonly verify: TokenCheck
}

const FORM_LIMIT = 16 * 1024

/**
 * Starts the provider for a server at `origin` (known once the server listens): a fresh RS256 key
 * and cookie key each start, so tokens of an earlier sandbox are refused.
 */
export async function startSignIn(
  origin: string,
  now: () => number,
  options: SignInOptions = {},
): Promise<SignIn> {
  const paths = entraPaths(LOGIN_TENANT_ID)
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
  const kid = randomBytes(8).toString('hex')
  const signingKey = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' }
  const verifyKey = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }
  const provider = createLoginProvider({
    origin,
    signingKey,
    cookieKey: randomBytes(32).toString('base64url'),
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
    redirectUris: options.redirectUris ?? [],
  })
  const handle = provider.callback()
  const issuer = `${origin}${paths.issuer}`
  const authority = `${origin}${paths.tenant}`
  return {
    issuer,
    authority,
    tenantId: LOGIN_TENANT_ID,
    spaClientId: SPA_CLIENT_ID,
    owns: (path) => path === paths.tenant || path.startsWith(`${paths.tenant}/`),
    async serve(request, response) {
      const path = (request.url ?? '/').split('?')[0] ?? '/'
      if (path.startsWith(`${paths.login}/`))
        return interaction(provider, request, response, path.slice(paths.login.length + 1))
      // Entra serves discovery under the issuer; oidc-provider at its root.
      if (path === paths.discovery) request.url = '/.well-known/openid-configuration'
      else if (!isProviderPath(path, paths)) {
        html(response, 404, errorPage('not_found', `Nothing is served at ${path}.`))
        return
      }
      await handle(request, response)
    },
    verify: tokenVerifier({
      issuer,
      authority,
      keys: [verifyKey],
      now,
      clockToleranceSeconds: options.clockToleranceSeconds ?? 300,
    }),
  }
}

/** The provider's routes; the authorization and sign-out ones have sub-paths (resume, confirm). */
function isProviderPath(path: string, paths: ReturnType<typeof entraPaths>): boolean {
  const under = (route: string): boolean => path === route || path.startsWith(`${route}/`)
  return (
    [paths.token, paths.keys, paths.userinfo].includes(path) ||
    under(paths.authorize) ||
    under(paths.logout)
  )
}

/** The login page: GET shows it, POST checks the account and hands the result to the provider. */
async function interaction(
  provider: Provider,
  request: IncomingMessage,
  response: ServerResponse,
  uid: string,
): Promise<void> {
  let details
  try {
    details = await provider.interactionDetails(request, response)
  } catch (e) {
    html(
      response,
      400,
      errorPage(
        'session_not_found',
        `${e instanceof Error ? e.message : String(e)}. Start the sign-in again from the app.`,
      ),
    )
    return
  }
  if (details.uid !== uid) {
    html(
      response,
      400,
      errorPage('session_not_found', 'This sign-in page belongs to another sign-in.'),
    )
    return
  }
  const action = `${entraPaths(LOGIN_TENANT_ID).login}/${uid}`
  if (request.method !== 'POST') {
    const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint : ''
    html(response, 200, loginPage(action, { username: hint }))
    return
  }
  const form = new URLSearchParams(await readForm(request))
  if (form.get('action') === 'cancel') {
    await provider.interactionFinished(
      request,
      response,
      { error: 'access_denied', error_description: 'The user cancelled the sign-in.' },
      { mergeWithLastSubmission: false },
    )
    return
  }
  const username = form.get('username') ?? ''
  const user = findUser(username)
  if (!user || form.get('password') !== USER_PASSWORD) {
    html(
      response,
      200,
      loginPage(action, { error: 'Your account or password is incorrect.', username }),
    )
    return
  }
  await provider.interactionFinished(
    request,
    response,
    { login: { accountId: user.objectId }, select_account: {} },
    { mergeWithLastSubmission: false },
  )
}

function readForm(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0
    const chunks: Buffer[] = []
    request.on('data', (c: Buffer) => {
      size += c.length
      if (size > FORM_LIMIT) request.destroy(new Error('form too large'))
      else chunks.push(c)
    })
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

function html(response: ServerResponse, status: number, body: string): void {
  response
    .writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': pagePolicy(),
      'cache-control': 'no-store',
    })
    .end(body)
}
