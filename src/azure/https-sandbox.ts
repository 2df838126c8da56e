import { get } from 'node:https'
import { ADMIN_PREFIX } from '../sandbox/server/admin.ts'
import { sandboxClientOptions, sandboxCredential } from '../sandbox/client-options.ts'
import type { SdkGatewayOptions } from './sdk-gateway.ts'

/**
 * Gateway options for the HTTPS sandbox in Node: its self-signed certificate is fetched once
 * (trust on first use, fine for a local emulator) and pinned as the only CA of these clients; the
 * rest of the process keeps normal TLS verification.
 */
export async function connectHttpsSandbox(
  origin: string,
): Promise<Pick<SdkGatewayOptions, 'credential' | 'clientOptions'>> {
  const certificatePem = await fetchCertificate(`${origin}${ADMIN_PREFIX}/certificate`)
  return {
    credential: sandboxCredential,
    clientOptions: sandboxClientOptions({ kind: 'https', url: origin, certificatePem }),
  }
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
