import type { IncomingMessage } from 'node:http'

/** Headers a browser page may read from the sandbox's answers (throttling and tracing). */
export const EXPOSED_HEADERS = [
  'retry-after',
  'x-ms-ratelimit-remaining-subscription-writes',
  'x-ms-request-id',
  'x-ms-correlation-request-id',
  'azure-asyncoperation',
  'location',
]

/** CORS for any origin: the web app may be served from anywhere, the sandbox only listens on loopback. */
export function corsHeaders(request: IncomingMessage): Record<string, string> {
  const origin = request.headers.origin
  if (!origin) return {}
  return {
    'access-control-allow-origin': origin,
    'access-control-expose-headers': EXPOSED_HEADERS.join(', '),
    vary: 'Origin',
  }
}

/** The answer to a preflight: echo what the browser asks for (the SDK sends several x-ms-* headers). */
export function preflightHeaders(request: IncomingMessage): Record<string, string> {
  const asked = request.headers['access-control-request-headers']
  const privateNetwork = request.headers['access-control-request-private-network'] === 'true'
  return {
    ...corsHeaders(request),
    'access-control-allow-methods': 'GET, PUT, PATCH, POST, DELETE, HEAD, OPTIONS',
    ...(asked ? { 'access-control-allow-headers': asked } : {}),
    ...(privateNetwork ? { 'access-control-allow-private-network': 'true' } : {}),
    'access-control-max-age': '600',
  }
}
