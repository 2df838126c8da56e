import { get } from 'node:https'
import type { TokenCredential } from '@azure/core-auth'
import type { SdkGatewayOptions } from './sdk-gateway.ts'

/** Where the HTTPS sandbox serves its self-signed certificate (see the README's Sandbox section). */
export const SANDBOX_CERTIFICATE_PATH = '/_sandbox/certificate'

/** The sandbox accepts any bearer token; the SDK still needs one, and only over https. */
export const sandboxCredential: TokenCredential = {
  getToken: async () => ({ token: 'sandbox-token', expiresOnTimestamp: Date.now() + 3_600_000 }),
}

/**
 * Gateway options for the HTTPS sandbox in Node: its certificate is fetched once (trust on first
 * use, fine for a local emulator) and then pinned as the only CA of these clients; the rest of the
 * process keeps normal TLS verification.
 */
export async function connectHttpsSandbox(
  origin: string,
): Promise<Pick<SdkGatewayOptions, 'credential' | 'clientOptions'>> {
  const ca = await fetchCertificate(`${origin}${SANDBOX_CERTIFICATE_PATH}`)
  return { credential: sandboxCredential, clientOptions: { endpoint: origin, tlsOptions: { ca } } }
}

function fetchCertificate(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = get(url, { rejectUnauthorized: false, timeout: 5000 }, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () => {
        if (response.statusCode === 200 && body.includes('BEGIN CERTIFICATE')) resolve(body)
        else reject(new Error(`${url} answered ${response.statusCode} without a certificate`))
      })
    })
    request.on('timeout', () => request.destroy(new Error('timed out')))
    request.on('error', reject)
  })
}
