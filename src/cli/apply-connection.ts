import type { ArmGateway } from '../apply/gateway.ts'
import type { ClientSecretAuth } from '../azure/https-sandbox.ts'
import { CliError } from './io.ts'

export interface Connection {
  readonly gateway: ArmGateway
  readonly endpoint: string
  readonly sandbox: boolean
}

/**
 * Azure through DefaultAzureCredential (az login, environment, managed identity), or the HTTPS
 * sandbox at a URL, whose self-signed certificate is fetched from it and trusted for that
 * connection only (the process-wide TLS check stays on); a sandbox with sign-in is reached with
 * the client credentials given.
 */
export async function connectTarget(
  sandboxUrl: string | undefined,
  onRemainingWrites: (n: number) => void,
  auth?: ClientSecretAuth,
): Promise<Connection> {
  // The Azure SDK loads only for commands that talk to Azure: every other command starts without it.
  const { createSdkGateway } = await import('../azure/sdk-gateway.ts')
  if (sandboxUrl === undefined) {
    const { DefaultAzureCredential } = await import('@azure/identity')
    return {
      gateway: createSdkGateway({ credential: new DefaultAzureCredential(), onRemainingWrites }),
      endpoint: 'https://management.azure.com',
      sandbox: false,
    }
  }
  let url: URL
  try {
    url = new URL(sandboxUrl)
  } catch {
    throw new CliError(
      `idtopo apply: --sandbox expects a URL such as https://127.0.0.1:8443, got ${JSON.stringify(sandboxUrl)}`,
    )
  }
  const { connectHttpsSandbox } = await import('../azure/https-sandbox.ts')
  const options = await connectHttpsSandbox(url.origin, auth).catch((e: unknown) => {
    throw new CliError(`idtopo apply: ${e instanceof Error ? e.message : String(e)}`)
  })
  return {
    gateway: createSdkGateway({ ...options, onRemainingWrites }),
    endpoint: url.origin,
    sandbox: true,
  }
}
