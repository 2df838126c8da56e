import { v5 as uuidv5 } from 'uuid'
import type { ArmGateway } from '../apply/gateway.ts'
import type { Design } from '../model/types.ts'
import { createSdkGateway } from '../azure/sdk-gateway.ts'
import { CliError } from './io.ts'

export interface Connection {
  readonly gateway: ArmGateway
  readonly endpoint: string
  readonly sandbox: boolean
}

/**
 * Azure through DefaultAzureCredential (az login, environment, managed identity), or the HTTPS
 * sandbox at a URL, whose self-signed certificate is fetched from it and trusted for that
 * connection only (the process-wide TLS check stays on).
 */
export async function connectTarget(
  sandboxUrl: string | undefined,
  onRemainingWrites: (n: number) => void,
): Promise<Connection> {
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
  const options = await connectHttpsSandbox(url.origin).catch((e: unknown) => {
    throw new CliError(
      `idtopo apply: cannot reach the sandbox at ${url.origin}: ${e instanceof Error ? e.message : String(e)}`,
    )
  })
  return {
    gateway: createSdkGateway({ ...options, onRemainingWrites }),
    endpoint: url.origin,
    sandbox: true,
  }
}

const SANDBOX_DEVELOPERS = '3f0c6f7e-5a8b-4d2e-9c1a-7b6e2d4f8a90'

/**
 * The sandbox has no directory of users and groups; developers without an object id get a stable
 * made-up one, so a whole design can be tried end to end.
 */
export function sandboxDeveloperIds(design: Design): Record<string, string> {
  return Object.fromEntries(
    design.nodes
      .filter((n) => n.kind === 'developer' && !n.azure?.principalId)
      .map((n) => [n.id, uuidv5(`${design.name}|${n.id}`, SANDBOX_DEVELOPERS)]),
  )
}
