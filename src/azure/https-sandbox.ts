import { get } from 'node:https'
import type { TokenCredential } from '@azure/core-auth'
import { ADMIN_PREFIX } from '../sandbox/server/admin.ts'
import { sandboxClientOptions, sandboxCredential } from '../sandbox/client-options.ts'
import { SANDBOX_TENANT_ID } from '../sandbox/core/seed.ts'
import type { SdkGatewayOptions } from './sdk-gateway.ts'

/** A confidential client of the sign-in sandbox (or any Entra-shaped issuer on the same host). */
export interface ClientSecretAuth {
  readonly clientId: string
  readonly clientSecret: string
  readonly tenantId?: string
}

const ARM_DEFAULT_SCOPE = 'https://management.azure.com/.default'

/**
 * Gateway options for the HTTPS sandbox in Node: its self-signed certificate is fetched once
 * (trust on first use, fine for a local emulator) and pinned as the only CA of these clients; the
 * rest of the process keeps normal TLS verification. When the sandbox runs with sign-in
 * (`--login`), a pipeline's client credentials get a token from its provider with
 * @azure/identity's ClientSecretCredential, the host as `authorityHost` — as for a sovereign cloud.
 */
export async function connectHttpsSandbox(
  origin: string,
  auth?: ClientSecretAuth,
): Promise<Pick<SdkGatewayOptions, 'credential' | 'clientOptions'>> {
  const certificatePem = await fetchText(`${origin}${ADMIN_PREFIX}/certificate`).catch(
    (e: unknown) => {
      throw new Error(
        `cannot reach the sandbox at ${origin}: ${e instanceof Error ? e.message : String(e)}`,
      )
    },
  )
  if (!certificatePem.includes('BEGIN CERTIFICATE'))
    throw new Error(
      `cannot reach the sandbox at ${origin}: no certificate at ${ADMIN_PREFIX}/certificate`,
    )
  const clientOptions = sandboxClientOptions({ kind: 'https', url: origin, certificatePem })
  const tenantId = auth?.tenantId ?? SANDBOX_TENANT_ID
  const discovery = `${origin}/${tenantId}/v2.0/.well-known/openid-configuration`
  const signIn = await fetchText(discovery, certificatePem).then(
    () => true,
    () => false,
  )
  if (!signIn) return { credential: sandboxCredential, clientOptions }
  if (!auth)
    throw new Error(
      `the sandbox at ${origin} requires sign-in: pass --client-id and --client-secret (or set AZURE_CLIENT_ID and AZURE_CLIENT_SECRET), e.g. sandbox-pipeline`,
    )
  const { ClientSecretCredential } = await import('@azure/identity')
  const credential: TokenCredential = new ClientSecretCredential(
    tenantId,
    auth.clientId,
    auth.clientSecret,
    { authorityHost: origin, disableInstanceDiscovery: true, tlsOptions: { ca: certificatePem } },
  )
  // Ask once now, so a wrong secret is one clear message rather than a failure per step.
  await credential.getToken(ARM_DEFAULT_SCOPE).catch((e: unknown) => {
    throw new Error(
      `sign-in as ${auth.clientId} failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
    )
  })
  return { credential, clientOptions }
}

/** GET over TLS; `ca` pins the sandbox's certificate (without it, the certificate is fetched unchecked). */
function fetchText(url: string, ca?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = get(
      url,
      { ...(ca ? { ca } : { rejectUnauthorized: false }), timeout: 5000 },
      (response) => {
        let body = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (body += chunk))
        response.on('end', () => {
          if (response.statusCode === 200) resolve(body)
          else reject(new Error(`${url} answered ${response.statusCode}`))
        })
      },
    )
    request.on('timeout', () => request.destroy(new Error('timed out')))
    request.on('error', reject)
  })
}
