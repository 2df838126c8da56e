import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Plugin } from 'vite'

/**
 * The web app's Content-Security-Policy and companion headers, one definition for the Vite dev
 * server, `vite preview`, the built `index.html` (as a meta tag) and the end-to-end tests' static
 * server. The page may load only its own files; it may talk only to Azure Resource Manager, the
 * Microsoft Entra authority and a sandbox on this machine; no inline script; nobody may frame it.
 */

/** Azure Resource Manager, public and sovereign clouds (entra-settings.ts lets users pick). */
const ARM = [
  'https://management.azure.com',
  'https://management.usgovcloudapi.net',
  'https://management.chinacloudapi.cn',
]
/** The Microsoft Entra authorities of those clouds. */
const AUTHORITIES = [
  'https://login.microsoftonline.com',
  'https://login.microsoftonline.us',
  'https://login.chinacloudapi.cn',
]
/** The HTTPS sandbox and its sign-in provider (`npm run sandbox -- --login`): loopback, any port. */
const LOOPBACK = ['https://127.0.0.1:*', 'https://localhost:*']

export interface PolicyOptions {
  /** More origins for sign-in and ARM: a build's VITE_AZURE_AUTHORITY / VITE_ARM_ENDPOINT. */
  readonly extraOrigins?: readonly string[]
  /** The Vite dev server: its inline module scripts and styles carry this nonce; HMR uses ws://. */
  readonly devNonce?: string
}

/**
 * The policy as directives. `frame-ancestors` only works as a header, so `forMeta` leaves it out
 * (browsers ignore it in a meta tag and say so on the console).
 */
export function contentSecurityPolicy(options: PolicyOptions = {}, forMeta = false): string {
  const extra = options.extraOrigins ?? []
  const signIn = [...AUTHORITIES, ...LOOPBACK, ...extra]
  const nonce = options.devNonce ? [`'nonce-${options.devNonce}'`] : []
  const directives: [string, string[]][] = [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'", ...nonce]],
    // React and React Flow set element styles through the CSSOM (allowed); the dev server injects
    // <style> elements with the nonce. The built app's styles are files.
    ['style-src', ["'self'", ...nonce]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    [
      'connect-src',
      [
        "'self'",
        ...ARM,
        ...signIn,
        ...(options.devNonce ? ['ws://127.0.0.1:*', 'ws://localhost:*'] : []),
      ],
    ],
    // MSAL's silent renewal loads the authority in a hidden iframe, which ends on redirect.html.
    ['frame-src', ["'self'", ...signIn]],
    ['worker-src', ["'self'", 'blob:']],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'"]],
    ...(forMeta ? [] : ([['frame-ancestors', ["'none'"]]] as [string, string[]][])),
  ]
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ')
}

/**
 * Headers for every response of the app. MSAL's redirect bridge (redirect.html) is framed by the
 * app itself during silent sign-in renewal, so it alone may be framed — by its own origin.
 */
export function securityHeaders(path: string, options: PolicyOptions = {}): Record<string, string> {
  const bridge = path.split('?')[0]?.endsWith('/redirect.html') ?? false
  const policy = contentSecurityPolicy(options)
  return {
    'content-security-policy': bridge
      ? policy.replace("frame-ancestors 'none'", "frame-ancestors 'self'")
      : policy,
    'x-frame-options': bridge ? 'SAMEORIGIN' : 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  }
}

/** Origins of the sign-in and ARM endpoints a build was configured with. */
export function configuredOrigins(env: Record<string, string | undefined>): string[] {
  return [env.VITE_AZURE_AUTHORITY, env.VITE_ARM_ENDPOINT].flatMap((value) =>
    value && URL.canParse(value) && new URL(value).protocol === 'https:'
      ? [new URL(value).origin]
      : [],
  )
}

const withHeaders =
  (options: PolicyOptions) =>
  (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    for (const [name, value] of Object.entries(securityHeaders(request.url ?? '/', options)))
      response.setHeader(name, value)
    next()
  }

/**
 * The Vite plugin: headers on the dev server and `vite preview`, and the policy as a meta tag in
 * the built pages (for hosts that serve files as they are). The dev server needs inline module
 * scripts (React's refresh preamble) and injected styles: Vite stamps them with a nonce made once
 * per dev-server start (`html.cspNonce`), and the dev policy allows that nonce only.
 */
export function securityHeadersPlugin(env: Record<string, string | undefined>): Plugin {
  const extraOrigins = configuredOrigins(env)
  const devNonce = randomBytes(18).toString('base64url')
  return {
    name: 'idtopo:security-headers',
    config: (_config, { command }) => (command === 'serve' ? { html: { cspNonce: devNonce } } : {}),
    configureServer(server) {
      server.middlewares.use(withHeaders({ extraOrigins, devNonce }))
    },
    configurePreviewServer(server) {
      server.middlewares.use(withHeaders({ extraOrigins }))
    },
    // Right after <meta charset> (which must stay in the first 1024 bytes) and before any script.
    transformIndexHtml: {
      order: 'post',
      handler: (html, context) =>
        context.server
          ? html
          : html.replace(
              /(<meta charset="[^"]*"\s*\/?>)/i,
              `$1\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy({ extraOrigins }, true)}" />`,
            ),
    },
  }
}
