import type { RoleRef } from '../catalog/roles.ts'
import { serviceEndpoint } from '../catalog/services.ts'
import type { ServiceKind } from '../model/kinds.ts'
import type { ClientUse, SdkKind } from './types.ts'

const MANAGEMENT_SCOPE = 'https://management.azure.com/.default'

/**
 * The words of a token's variable: a connection can hold a data role and a control-plane one, so
 * the ARM token is `managementToken` beside the service's `token` (one name twice would not compile).
 */
export function tokenWords(use: { readonly scope: string }): string[] {
  return use.scope === MANAGEMENT_SCOPE ? ['management', 'token'] : ['token']
}

/** Token audiences of the services' data planes (what a bare token or a token provider asks for). */
const DATA_SCOPES: Readonly<Record<ServiceKind, string>> = {
  storage: 'https://storage.azure.com/.default',
  keyVault: 'https://vault.azure.net/.default',
  serviceBus: 'https://servicebus.azure.net/.default',
  eventHubs: 'https://eventhubs.azure.net/.default',
  eventGrid: 'https://eventgrid.azure.net/.default',
  cosmosDb: 'https://cosmos.azure.com/.default',
  sql: 'https://database.windows.net/.default',
  appConfiguration: 'https://azconfig.io/.default',
  containerRegistry: 'https://containerregistry.azure.net/.default',
  openAI: 'https://cognitiveservices.azure.com/.default',
  search: 'https://search.azure.com/.default',
  signalR: 'https://signalr.azure.com/.default',
  postgresql: 'https://ossrdbms-aad.database.windows.net/.default',
  mysql: 'https://ossrdbms-aad.database.windows.net/.default',
  redis: 'https://redis.azure.com/.default',
}

/** Storage has one endpoint per data service. */
const storageEndpoint = (name: string, service: 'blob' | 'queue' | 'table'): string =>
  `https://${name}.${service}.core.windows.net`

/** The audience of Azure OpenAI tokens, which the OpenAI clients' token providers ask for. */
export const OPENAI_SCOPE = DATA_SCOPES.openAI

/**
 * The audience of Azure Database for PostgreSQL and MySQL flexible server tokens, which the code
 * sends as the database user's password (learn.microsoft.com, "Connect with managed identity").
 */
export const OSSRDBMS_SCOPE = DATA_SCOPES.postgresql

/** The audience of Azure Cache for Redis tokens ("Use Microsoft Entra for cache authentication"). */
export const REDIS_SCOPE = DATA_SCOPES.redis

/** Azure Cache for Redis takes Microsoft Entra sign-ins on its TLS port only. */
export const REDIS_TLS_PORT = 6380

/** The servers' ports: PostgreSQL's and MySQL's defaults, which flexible servers listen on. */
export const POSTGRESQL_PORT = 5432
export const MYSQL_PORT = 3306

/** A cache's host name: its catalog endpoint (`<name>.redis.cache.windows.net:6380`) less the port. */
function redisHost(name: string): string {
  const endpoint = serviceEndpoint('redis', name)
  const port = `:${REDIS_TLS_PORT}`
  return endpoint.endsWith(port) ? endpoint.slice(0, -port.length) : endpoint
}

/**
 * The api-version the `AzureOpenAI` clients of the openai packages (TypeScript, Python) send: they
 * require one, and a GA version stays served (learn.microsoft.com, "Azure OpenAI API version
 * lifecycle").
 */
export const OPENAI_API_VERSION = '2024-10-21'

/** Which client library a built-in data role is used through, by role name. */
function sdkOfRole(service: ServiceKind, role: string): SdkKind | undefined {
  switch (service) {
    case 'storage':
      if (role.startsWith('Storage Blob')) return 'blob'
      if (role.startsWith('Storage Queue')) return 'queue'
      if (role.startsWith('Storage Table')) return 'table'
      return undefined
    case 'keyVault':
      if (role.startsWith('Key Vault Secrets')) return 'keyVaultSecrets'
      if (role.startsWith('Key Vault Crypto')) return 'keyVaultKeys'
      if (role.startsWith('Key Vault Certificate')) return 'keyVaultCertificates'
      return role === 'Key Vault Administrator' ? 'keyVaultSecrets' : undefined
    case 'serviceBus':
      return 'serviceBus'
    case 'eventHubs':
      return 'eventHubs'
    case 'cosmosDb':
      return 'cosmos'
    case 'sql':
      return 'sql'
    case 'appConfiguration':
      return 'appConfiguration'
    case 'openAI':
      // Cognitive Services OpenAI User/Contributor and Cognitive Services User: inference.
      return 'openAI'
    case 'eventGrid':
      return 'eventGrid'
    case 'search':
      return 'search'
    // Data access policies (Data Owner/Contributor/Reader): each language's Redis client with
    // Microsoft Entra sign-in. Database roles: a client that signs in with a token as password.
    case 'redis':
      return 'redis'
    case 'postgresql':
      return 'postgresql'
    case 'mysql':
      return 'mysql'
    // SignalR's credential-taking SDK is the ASP.NET Core server's service registration (C#
    // only): the other languages call its REST API with a bearer token for its audience.
    case 'containerRegistry':
    case 'signalR':
      return undefined
  }
}

function clientOf(sdk: SdkKind, service: ServiceKind, name: string): ClientUse {
  switch (sdk) {
    case 'blob':
    case 'queue':
    case 'table':
      return { sdk, endpoint: storageEndpoint(name, sdk) }
    case 'token':
      return { sdk, scope: DATA_SCOPES[service] }
    case 'redis':
      return { sdk, endpoint: redisHost(name) }
    default:
      return { sdk, endpoint: serviceEndpoint(service, name) }
  }
}

/**
 * The clients an identity's code creates for a service, from the roles it holds there: data
 * roles pick the service's SDK (Blob, Key Vault secrets, …); data roles with no SDK snippet, and
 * custom roles, a token for the service's audience; control-plane roles, an ARM token.
 */
export function clientsFor(
  service: ServiceKind,
  name: string,
  roles: readonly RoleRef[],
): ClientUse[] {
  const out: ClientUse[] = []
  const add = (use: ClientUse): void => {
    if (!out.some((u) => JSON.stringify(u) === JSON.stringify(use))) out.push(use)
  }
  for (const role of roles) {
    if (role.kind === 'unknown') continue
    if (role.kind === 'builtin' && role.fact.plane === 'control') {
      add({ sdk: 'token', scope: MANAGEMENT_SCOPE })
      continue
    }
    // The platform pulls (and a pipeline pushes) images with the registry's data roles: no client.
    if (service === 'containerRegistry' && role.kind === 'builtin') continue
    const sdk = role.kind === 'builtin' ? sdkOfRole(service, role.fact.name) : undefined
    add(clientOf(sdk ?? 'token', service, name))
    // An administrator of the vault works with keys as well as secrets.
    if (role.kind === 'builtin' && role.fact.name === 'Key Vault Administrator')
      add(clientOf('keyVaultKeys', service, name))
  }
  return out
}

const SENDING = /(Sender|Owner|Contributor)$/
const RECEIVING = /(Receiver|Owner|Contributor|Reader)$/

/** Messaging roles say which side of the queue the code is on. */
export function sendReceive(roles: readonly string[]): { canSend: boolean; canReceive: boolean } {
  return {
    canSend: roles.some((r) => SENDING.test(r)),
    canReceive: roles.some((r) => RECEIVING.test(r)),
  }
}
