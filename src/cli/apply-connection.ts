import type { TokenCredential } from '@azure/core-auth'
import { armTokenScope, AZURE_CLOUDS, PUBLIC_CLOUD, type AzureCloud } from '../apply/clouds.ts'
import { isArmFailure } from '../apply/failure.ts'
import { CHAINED_FAILURE, CREDENTIAL_UNAVAILABLE, isCredentialError } from '../azure/arm-failure.ts'
import type { ArmGateway } from '../apply/gateway.ts'
import type { RemainingCalls } from '../apply/pacer.ts'
import type { ClientSecretAuth } from '../azure/https-sandbox.ts'
import { terminalText as t } from '../lib/encode/terminal.ts'
import { CliError, EXIT } from './io.ts'

export interface Connection {
  readonly gateway: ArmGateway
  readonly endpoint: string
  readonly sandbox: boolean
}

/** How to sign in: client credentials (a sandbox with sign-in), and the tenant asked for. */
export interface SignIn {
  readonly client?: ClientSecretAuth
  /** --tenant: for Azure, the tenant DefaultAzureCredential signs in to (az login --tenant …). */
  readonly tenantId?: string
  /** --cloud: for Azure, the cloud whose ARM and sign-in to use (default: the public cloud). */
  readonly cloud?: AzureCloud
}

export interface ConnectOptions {
  /** The command, as its messages name it (default apply). */
  readonly command?: string
  /**
   * The exit code when the sandbox does not answer or Azure's sign-in fails: import and drift say
   * 1, "ARM failed"; apply 2, a setup failure (the default).
   */
  readonly unreachableExit?: number
  /** A progress line for stderr (signing in to Azure). */
  readonly progress?: (line: string) => void
}

/**
 * Azure through DefaultAzureCredential (az login, environment, managed identity; in the tenant
 * given, else the credential's own), or the HTTPS sandbox at a URL, whose self-signed certificate
 * is fetched from it and trusted for that connection only (the process-wide TLS check stays on);
 * a sandbox with sign-in is reached with the client credentials given.
 */
export async function connectTarget(
  sandboxUrl: string | undefined,
  onRemainingCalls: RemainingCalls,
  signIn: SignIn = {},
  connect: ConnectOptions = {},
): Promise<Connection> {
  const { command = 'apply', unreachableExit = EXIT.invalid } = connect
  // The Azure SDK loads only for commands that talk to Azure: every other command starts without it.
  const { createSdkGateway } = await import('../azure/sdk-gateway.ts')
  if (sandboxUrl === undefined) {
    const { DefaultAzureCredential } = await import('@azure/identity')
    const cloud = signIn.cloud ?? PUBLIC_CLOUD
    const credential = new DefaultAzureCredential({
      ...(signIn.tenantId ? { tenantId: signIn.tenantId } : {}),
      ...(signIn.cloud ? { authorityHost: cloud.authorityHost } : {}),
    })
    // Trying each credential in turn takes seconds: say what is going on meanwhile.
    connect.progress?.(
      'Signing in to Azure (DefaultAzureCredential: environment, workload identity, managed identity, Azure CLI, …)…\n',
    )
    await signInFirst(
      credential,
      armTokenScope(cloud.armEndpoint, '.default'),
      command,
      unreachableExit,
    )
    return {
      gateway: createSdkGateway({
        credential,
        clientOptions: { endpoint: cloud.armEndpoint },
        onRemainingCalls,
      }),
      endpoint: cloud.armEndpoint,
      sandbox: false,
    }
  }
  let url: URL
  try {
    url = new URL(sandboxUrl)
  } catch {
    throw new CliError(
      `idtopo ${command}: --sandbox expects a URL such as https://127.0.0.1:8443, got ${JSON.stringify(sandboxUrl)}`,
    )
  }
  const { connectHttpsSandbox } = await import('../azure/https-sandbox.ts')
  const options = await connectHttpsSandbox(url.origin, signIn.client).catch((e: unknown) => {
    throw new CliError(
      `idtopo ${command}: ${e instanceof Error ? e.message : String(e)}`,
      unreachableExit,
    )
  })
  return {
    gateway: createSdkGateway({ ...options, onRemainingCalls }),
    endpoint: url.origin,
    sandbox: true,
  }
}

/**
 * Asks for an ARM token once, before any ARM call, so that a sign-in that cannot happen is said
 * as such, at once. Left to the first ARM call, the credential's error reaches the gateway as a
 * failure without an HTTP status, which the retry policy takes for a dropped connection (retried
 * for minutes) and whose advice blames the network.
 */
async function signInFirst(
  credential: TokenCredential,
  scope: string,
  command: string,
  exit: number,
): Promise<void> {
  try {
    await credential.getToken(scope)
  } catch (e) {
    throw new CliError(
      signInFailure(command, e) ??
        `idtopo ${command}: cannot sign in to Azure: ${e instanceof Error ? e.message : String(e)}`,
      exit,
    )
  }
}

/**
 * A sign-in failure as a message for the user: what happened, each credential's answer on a line
 * of its own and what to do; undefined when `e` is something else. `e` is the credential's own
 * error, or the same met by an ARM call (an ArmFailure that carries its message).
 */
export function signInFailure(command: string, e: unknown): string | undefined {
  const message = e instanceof Error || isArmFailure(e) ? e.message : undefined
  const signIn = isCredentialError(e) || (isArmFailure(e) && e.code === CREDENTIAL_UNAVAILABLE)
  if (message === undefined || !signIn) return undefined
  // AuthenticationError ends its message with a stray comma ("…More details:\n{description},").
  const [first = '', ...rest] = message.replace(/,$/, '').split('\n')
  const chained = first.startsWith(CHAINED_FAILURE)
  const lines = (chained ? rest : [first, ...rest])
    .map((line) => line.replace(/^CredentialUnavailableError: /, '').trim())
    .filter((line) => line !== '')
  const what = chained
    ? 'none of the credentials DefaultAzureCredential tries could sign in:'
    : 'the sign-in failed:'
  return [
    `idtopo ${command}: cannot sign in to Azure: ${what}`,
    ...lines.map((line) => `  ${t(line)}`),
    `Sign in with az login (az login --tenant TENANT for the subscription's tenant), or, in a pipeline, set AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_CLIENT_SECRET (or use a managed or workload identity). Then run idtopo ${command} again.`,
  ].join('\n')
}

/** The flags that reach a sandbox started with --login, as a pipeline signs in. */
export const SIGN_IN_FLAGS = {
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  tenant: { type: 'string' },
  cloud: { type: 'string' },
} as const

const CLOUD_NAMES = AZURE_CLOUDS.map((c) => c.name).join(', ')

export const SIGN_IN_USAGE = `  --tenant T             Azure: the Microsoft Entra tenant to sign in to, the subscription's
                         (as az login --tenant T; ARM answers InvalidAuthenticationTokenTenant
                         to a token of another tenant)
  --cloud NAME           Azure: the cloud, named as az cloud set --name names it (default
                         AzureCloud; AzureUSGovernment, AzureChinaCloud): its ARM endpoint,
                         sign-in and token audience
  --client-id ID, --client-secret S, --tenant T
                         sign in to a sandbox started with --login by client credentials, as a
                         pipeline does (default: AZURE_CLIENT_ID, AZURE_CLIENT_SECRET,
                         AZURE_TENANT_ID; seeded clients: sandbox-pipeline, sandbox-reader)`

/** The sign-in the flags ask for: client credentials (else azure-identity's environment variables) and --tenant. */
export function signInOf(command: string, values: Record<string, unknown>): SignIn {
  const client = clientAuth(command, values)
  const tenantId = typeof values.tenant === 'string' ? values.tenant : undefined
  if (tenantId !== undefined && tenantId.trim() === '')
    throw new CliError(`idtopo ${command}: --tenant expects a tenant id or domain, got ""`)
  // A sandbox is signed in to with client credentials only: a lone --tenant would do nothing.
  if (tenantId !== undefined && values.sandbox !== undefined && !client)
    throw new CliError(
      `idtopo ${command}: --tenant with --sandbox goes with --client-id and --client-secret (a sandbox started with --login)`,
    )
  const cloud = cloudOf(command, values)
  return {
    ...(client ? { client } : {}),
    ...(tenantId ? { tenantId } : {}),
    ...(cloud ? { cloud } : {}),
  }
}

/** --cloud by its `az cloud` name; a sandbox is none of them. */
function cloudOf(command: string, values: Record<string, unknown>): AzureCloud | undefined {
  if (values.cloud === undefined) return undefined
  const name = String(values.cloud)
  if (values.sandbox !== undefined)
    throw new CliError(
      `idtopo ${command}: --cloud goes with Azure, not --sandbox (a sandbox serves its own ARM)`,
    )
  const cloud = AZURE_CLOUDS.find((c) => c.name.toLowerCase() === name.toLowerCase())
  if (!cloud)
    throw new CliError(
      `idtopo ${command}: --cloud expects one of ${CLOUD_NAMES}, got ${JSON.stringify(name)}`,
    )
  return cloud
}

/** Client credentials from the flags, else azure-identity's environment variables. */
function clientAuth(
  command: string,
  values: Record<string, unknown>,
): ClientSecretAuth | undefined {
  const flag = (name: string): string | undefined =>
    typeof values[name] === 'string' ? (values[name] as string) : undefined
  const clientId = flag('client-id') ?? process.env.AZURE_CLIENT_ID
  const clientSecret = flag('client-secret') ?? process.env.AZURE_CLIENT_SECRET
  const tenantId = flag('tenant') ?? process.env.AZURE_TENANT_ID
  if (flag('client-id') && !clientSecret)
    throw new CliError(
      `idtopo ${command}: --client-id needs --client-secret (or AZURE_CLIENT_SECRET)`,
    )
  return clientId && clientSecret
    ? { clientId, clientSecret, ...(tenantId ? { tenantId } : {}) }
    : undefined
}
