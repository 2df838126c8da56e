import type { RoleRef } from '../catalog/roles.ts'
import {
  audienceOf,
  CLOUD_DATA_PLANES,
  isManagementScope,
  PUBLIC_CLOUD_NAME,
  storageEndpoint,
  type CloudName,
} from '../catalog/clouds.ts'
import { serviceEndpoint } from '../catalog/services.ts'
import type { ServiceKind } from '../model/kinds.ts'
import type { ClientUse, SdkKind } from './types.ts'

/**
 * The words of a token's variable: a connection can hold a data role and a control-plane one, so
 * the ARM token is `managementToken` beside the service's `token` (one name twice would not compile).
 */
export function tokenWords(use: { readonly scope: string }): string[] {
  return isManagementScope(use.scope) ? ['management', 'token'] : ['token']
}

/**
 * The audience of Azure Cache for Redis tokens ("Use Microsoft Entra for cache authentication"),
 * one in every cloud (see catalog/clouds.ts).
 */
export const REDIS_SCOPE = CLOUD_DATA_PLANES[PUBLIC_CLOUD_NAME].scopes.redis

/** Azure Cache for Redis takes Microsoft Entra sign-ins on its TLS port only. */
export const REDIS_TLS_PORT = 6380

/** The servers' ports: PostgreSQL's and MySQL's defaults, which flexible servers listen on. */
export const POSTGRESQL_PORT = 5432
export const MYSQL_PORT = 3306

/** A cache's host name: its catalog endpoint (`<name>.redis.cache.windows.net:6380`) less the port. */
function redisHost(name: string, cloud: CloudName): string {
  const endpoint = serviceEndpoint('redis', name, cloud)
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

function clientOf(sdk: SdkKind, service: ServiceKind, name: string, cloud: CloudName): ClientUse {
  const scope = CLOUD_DATA_PLANES[cloud].scopes[service]
  // Outside the public cloud, a library that assumes the public cloud's audience is told this one.
  const sovereign = cloud !== PUBLIC_CLOUD_NAME
  switch (sdk) {
    case 'blob':
    case 'queue':
    case 'table':
      return { sdk, endpoint: storageEndpoint(name, sdk, cloud) }
    case 'token':
      return { sdk, scope }
    case 'redis':
      return { sdk, endpoint: redisHost(name, cloud) }
    // Code that asks for the token itself (SQL in Python and Java, the databases' passwords,
    // the OpenAI token providers) names the scope; the .NET OpenAI client takes an audience
    // (azure-sdk-for-net AzureOpenAIClientOptions.Audience: "by default, the public Azure cloud"),
    // and Java's JDBC plugins (azure-identity-extensions) assume the public cloud's scope too.
    case 'sql':
      return { sdk, endpoint: serviceEndpoint(service, name, cloud), scope }
    case 'postgresql':
    case 'mysql':
    case 'openAI':
      return {
        sdk,
        endpoint: serviceEndpoint(service, name, cloud),
        scope,
        ...(sovereign ? { audience: scope } : {}),
      }
    // SearchClientOptions.Audience: "if null, SearchAudience.AzurePublicCloud will be assumed".
    case 'search':
      return {
        sdk,
        endpoint: serviceEndpoint(service, name, cloud),
        ...(sovereign ? { audience: audienceOf(scope) } : {}),
      }
    default:
      return { sdk, endpoint: serviceEndpoint(service, name, cloud) }
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
  cloud: CloudName = PUBLIC_CLOUD_NAME,
): ClientUse[] {
  const out: ClientUse[] = []
  const add = (use: ClientUse): void => {
    if (!out.some((u) => JSON.stringify(u) === JSON.stringify(use))) out.push(use)
  }
  for (const role of roles) {
    if (role.kind === 'unknown') continue
    if (role.kind === 'builtin' && role.fact.plane === 'control') {
      add({ sdk: 'token', scope: CLOUD_DATA_PLANES[cloud].management })
      continue
    }
    // The platform pulls (and a pipeline pushes) images with the registry's data roles: no client.
    if (service === 'containerRegistry' && role.kind === 'builtin') continue
    const sdk = role.kind === 'builtin' ? sdkOfRole(service, role.fact.name) : undefined
    add(clientOf(sdk ?? 'token', service, name, cloud))
    // An administrator of the vault works with keys as well as secrets.
    if (role.kind === 'builtin' && role.fact.name === 'Key Vault Administrator')
      add(clientOf('keyVaultKeys', service, name, cloud))
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
