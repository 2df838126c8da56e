import type { JWK } from 'jose'
import { errors, interactionPolicy, Provider, type KoaContextWithOIDC } from 'oidc-provider'
import {
  applicationOf,
  ARM_AUDIENCE,
  CLIENT_SECRET,
  LOGIN_TENANT_ID,
  SANDBOX_APPLICATIONS,
  SPA_CLIENT_ID,
  userById,
} from './directory.ts'
import { memoryAdapter } from './memory-adapter.ts'
import { entraPaths } from './paths.ts'
import { errorPage, LOGOUT_SCRIPT, logoutPage, pagePolicy, signedOutPage } from './pages.ts'

/** Scopes of the ARM resource, written as Entra's v2 endpoint takes them (resource URI + scope). */
export const ARM_SCOPES = [`${ARM_AUDIENCE}/user_impersonation`, `${ARM_AUDIENCE}/.default`]
const OIDC_SCOPES = 'openid profile offline_access'

export interface LoginProviderOptions {
  /** `https://127.0.0.1:N`: the issuer is `{origin}/{tenant}/v2.0`. */
  readonly origin: string
  /** The private signing key (RS256) its tokens are signed with. */
  readonly signingKey: JWK
  readonly cookieKey: string
  readonly accessTokenTtlSeconds: number
  /** Redirect URIs of the web app beyond the loopback ones (a deployed copy, say). */
  readonly redirectUris: readonly string[]
}

/**
 * A standards-compliant OpenID Connect provider (oidc-provider) shaped like Microsoft Entra ID's v2
 * endpoints: `/{tenant}/oauth2/v2.0/authorize|token|logout`, `/{tenant}/discovery/v2.0/keys`, the
 * issuer `/{tenant}/v2.0`; access tokens are JWTs for `https://management.azure.com` with Entra's
 * claims (`oid`, `tid`, `name`, `preferred_username`, `scp` or `idtyp: app`).
 */
export function createLoginProvider(options: LoginProviderOptions): Provider {
  const paths = entraPaths(LOGIN_TENANT_ID)
  const issuer = `${options.origin}${paths.issuer}`
  const loopbacks = ['http://127.0.0.1', 'http://localhost', 'http://[::1]']
  const redirectUris = [...loopbacks.map((o) => `${o}/redirect.html`), ...options.redirectUris]
  const policy = interactionPolicy.base()
  // Entra's `prompt=select_account` (MSAL's account switch): the login page, whatever the session.
  policy.add(new interactionPolicy.Prompt({ name: 'select_account', requestable: true }), 0)
  // The client is "native" only so loopback ports match; like an admin-consented Entra app it
  // needs no consent screen (which would also break MSAL's silent `prompt=none` renewal).
  policy.get('consent')?.checks.remove('native_client_prompt')

  const provider = new Provider(issuer, {
    adapter: memoryAdapter(),
    clients: [
      {
        client_id: SPA_CLIENT_ID,
        client_name: 'Identity Topology Designer (sandbox registration)',
        // "native" lets a loopback redirect URI match on any port (RFC 8252 §7.3): the web app
        // runs on whatever port Vite or a test picked.
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: redirectUris,
        post_logout_redirect_uris: redirectUris,
      },
      ...SANDBOX_APPLICATIONS.map((app) => ({
        client_id: app.clientId,
        client_name: app.name,
        client_secret: CLIENT_SECRET,
        token_endpoint_auth_method: 'client_secret_post',
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
      })),
    ],
    jwks: { keys: [options.signingKey] },
    cookies: { keys: [options.cookieKey] },
    routes: {
      authorization: paths.authorize,
      token: paths.token,
      jwks: paths.keys,
      end_session: paths.logout,
      userinfo: paths.userinfo,
    },
    interactions: {
      policy,
      url: (_ctx: unknown, interaction: { uid: string }) => `${paths.login}/${interaction.uid}`,
    },
    scopes: ['openid', 'profile', 'offline_access'],
    claims: { openid: ['sub', 'oid', 'tid', 'ver'], profile: ['name', 'preferred_username'] },
    // Entra puts the profile claims in the ID token, where MSAL reads the account from.
    conformIdTokenClaims: false,
    responseTypes: ['code'],
    clientAuthMethods: ['none', 'client_secret_post'],
    ttl: {
      AccessToken: options.accessTokenTtlSeconds,
      ClientCredentials: options.accessTokenTtlSeconds,
      AuthorizationCode: 600,
      IdToken: 3600,
      Interaction: 600,
      Session: 24 * 3600,
      Grant: 24 * 3600,
      // Entra gives single-page applications 24-hour refresh tokens.
      RefreshToken: 24 * 3600,
    },
    features: {
      devInteractions: { enabled: false },
      // Entra's v2 endpoint has neither: keep the discovery document to what it offers.
      pushedAuthorizationRequests: { enabled: false },
      dPoP: { enabled: false },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: KoaContextWithOIDC, form: string) => {
          ctx.set('content-security-policy', pagePolicy(LOGOUT_SCRIPT))
          ctx.type = 'html'
          ctx.body = logoutPage(form)
        },
        postLogoutSuccessSource: (ctx: KoaContextWithOIDC) => {
          ctx.set('content-security-policy', pagePolicy())
          ctx.type = 'html'
          ctx.body = signedOutPage()
        },
      },
      resourceIndicators: {
        enabled: true,
        // MSAL and @azure/identity name the resource through the scope (`{resource}/{scope}`), as
        // Entra's v2 endpoint expects, not through RFC 8707's `resource` parameter.
        defaultResource: (ctx: KoaContextWithOIDC, _client: unknown, oneOf?: string[]) =>
          oneOf ?? (asksForArm(ctx) ? ARM_AUDIENCE : undefined),
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => {
          if (resource !== ARM_AUDIENCE)
            throw new errors.InvalidTarget(`the sandbox issues tokens for ${ARM_AUDIENCE} only`)
          return {
            scope: ARM_SCOPES.join(' '),
            audience: ARM_AUDIENCE,
            accessTokenTTL: options.accessTokenTtlSeconds,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          }
        },
      },
    },
    findAccount: (_ctx: unknown, sub: string) => {
      const user = userById(sub)
      if (!user) return undefined
      return {
        accountId: user.objectId,
        claims: () => ({
          sub: user.objectId,
          oid: user.objectId,
          tid: LOGIN_TENANT_ID,
          ver: '2.0',
          name: user.name,
          preferred_username: user.username,
        }),
      }
    },
    // The registration is admin-consented, as a tenant's own app would be: no consent prompt.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const oidc = ctx.oidc
      if (!oidc?.client || !oidc.session?.accountId) return undefined
      const grantId = oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId)
      if (grantId) return oidc.provider.Grant.find(grantId)
      const grant = new oidc.provider.Grant({
        clientId: oidc.client.clientId,
        accountId: oidc.session.accountId,
      })
      grant.addOIDCScope(OIDC_SCOPES)
      grant.addResourceScope(ARM_AUDIENCE, ARM_SCOPES.join(' '))
      await grant.save()
      return grant
    },
    // As Entra: a refresh token whenever the app may use one. OpenID Connect Core §11 grants
    // `offline_access` only with `prompt=consent`, so oidc-provider drops it from the code; Entra
    // grants it whenever asked, and MSAL names it again in every refresh request. Give it back.
    issueRefreshToken: (
      _ctx: unknown,
      client: { grantTypeAllowed(t: string): boolean },
      source: { scope?: string },
    ) => {
      if (!client.grantTypeAllowed('refresh_token')) return false
      const scopes = new Set((source.scope ?? '').split(' ').filter(Boolean)).add('offline_access')
      source.scope = [...scopes].join(' ')
      return true
    },
    expiresWithSession: () => false,
    extraTokenClaims: (_ctx: unknown, token: TokenLike) => entraClaims(token),
    clientBasedCORS: (_ctx: unknown, origin: string, client: { clientAuthMethod: string }) =>
      client.clientAuthMethod === 'none' && allowedOrigin(origin, redirectUris),
    renderError: (ctx: KoaContextWithOIDC, out: Record<string, string>) => {
      ctx.set('content-security-policy', pagePolicy())
      ctx.type = 'html'
      ctx.body = errorPage(out.error ?? 'error', out.error_description ?? '')
    },
  })
  provider.use(addClientInfo)
  return provider
}

interface TokenLike {
  readonly kind: string
  readonly accountId?: string
  readonly clientId?: string
}

/** The claims Entra puts in an ARM access token: who (user or application) and which tenant. */
function entraClaims(token: TokenLike): Record<string, string> | undefined {
  if (token.kind === 'AccessToken' && token.accountId) {
    const user = userById(token.accountId)
    if (!user) return undefined
    return {
      oid: user.objectId,
      tid: LOGIN_TENANT_ID,
      name: user.name,
      preferred_username: user.username,
      upn: user.username,
      scp: 'user_impersonation',
      appid: token.clientId ?? '',
      idtyp: 'user',
    }
  }
  if (token.kind === 'ClientCredentials' && token.clientId) {
    const app = applicationOf(token.clientId)
    if (!app) return undefined
    return { oid: app.objectId, tid: LOGIN_TENANT_ID, appid: app.clientId, idtyp: 'app' }
  }
  return undefined
}

function asksForArm(ctx: KoaContextWithOIDC): boolean {
  const scope = ctx.oidc?.params?.scope
  return typeof scope === 'string' && scope.split(' ').some((s) => s.startsWith(`${ARM_AUDIENCE}/`))
}

/** A public client's origin: any port of a loopback host (as its redirect URIs), or a listed URI's. */
function allowedOrigin(origin: string, redirectUris: readonly string[]): boolean {
  try {
    const url = new URL(origin)
    if (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
      return true
    return redirectUris.some((uri) => new URL(uri).origin === url.origin)
  } catch {
    return false
  }
}

/**
 * Entra answers a token request with `client_info` (base64url of `{uid, utid}`), from which MSAL
 * builds the account's home id; without it MSAL warns and falls back to `sub`.
 */
async function addClientInfo(ctx: KoaContextWithOIDC, next: () => Promise<void>): Promise<void> {
  await next()
  if (ctx.oidc?.route !== 'token' || ctx.status !== 200) return
  const body = ctx.body as Record<string, unknown> | undefined
  const accountId = ctx.oidc.entities.Account?.accountId
  if (!body || typeof body !== 'object' || !body.id_token || !accountId) return
  const info = JSON.stringify({ uid: accountId, utid: LOGIN_TENANT_ID })
  body.client_info = Buffer.from(info).toString('base64url')
}
