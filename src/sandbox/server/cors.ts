import type { IncomingMessage } from 'node:http'

/**
 * Headers a browser page may read from the sandbox's answers (throttling and tracing): the pacer
 * follows each of ARM's write and delete buckets by its own remaining-count header.
 */
export const EXPOSED_HEADERS = [
  'retry-after',
  'x-ms-ratelimit-remaining-subscription-writes',
  'x-ms-ratelimit-remaining-subscription-global-writes',
  'x-ms-ratelimit-remaining-subscription-deletes',
  'x-ms-ratelimit-remaining-subscription-global-deletes',
  'x-ms-request-id',
  'x-ms-correlation-request-id',
  'azure-asyncoperation',
  'location',
]

/**
 * The origins a page may call the sandbox from by default: the web app itself, as `npm start`
 * (Vite's dev server) and `npm run preview` serve it. Others are added with `--allow-origin`.
 */
export const DEFAULT_ALLOWED_ORIGINS = [
  'http://127.0.0.1:5173',
  'http://localhost:5173',
  'http://127.0.0.1:4173',
  'http://localhost:4173',
]

export interface CorsPolicy {
  readonly origins: ReadonlySet<string>
}

export function corsPolicy(origins: readonly string[] = DEFAULT_ALLOWED_ORIGINS): CorsPolicy {
  return { origins: new Set(origins.map(originOf)) }
}

function originOf(text: string): string {
  const url = URL.canParse(text) ? new URL(text) : undefined
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new Error(
      `--allow-origin expects an origin such as http://127.0.0.1:5173, got ${JSON.stringify(text)}`,
    )
  return url.origin
}

const allowedOrigin = (policy: CorsPolicy, request: IncomingMessage): string | undefined => {
  const origin = request.headers.origin
  return origin !== undefined && policy.origins.has(origin) ? origin : undefined
}

/** CORS for a configured origin only; any other origin gets no CORS headers, so pages cannot read. */
export function corsHeaders(policy: CorsPolicy, request: IncomingMessage): Record<string, string> {
  const origin = allowedOrigin(policy, request)
  if (!origin) return request.headers.origin ? { vary: 'Origin' } : {}
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': EXPOSED_HEADERS.join(', '),
    vary: 'Origin',
  }
}

/**
 * The answer to a preflight: undefined when the origin is not allowed. Echoes the requested
 * headers (the SDK sends several x-ms-* headers). Private-network access (Chrome's preflight for
 * a public page calling loopback) is granted for the ARM endpoints only, never for the admin
 * endpoint, which can replace the sandbox's whole state.
 */
export function preflightHeaders(
  policy: CorsPolicy,
  request: IncomingMessage,
  admin: boolean,
): Record<string, string> | undefined {
  if (!allowedOrigin(policy, request)) return undefined
  const asked = request.headers['access-control-request-headers']
  const privateNetwork =
    !admin && request.headers['access-control-request-private-network'] === 'true'
  return {
    ...corsHeaders(policy, request),
    'access-control-allow-methods': 'GET, PUT, PATCH, POST, DELETE, HEAD, OPTIONS',
    ...(asked ? { 'access-control-allow-headers': asked } : {}),
    ...(privateNetwork ? { 'access-control-allow-private-network': 'true' } : {}),
    'access-control-max-age': '600',
  }
}
