import type { ServiceKind } from '../model/kinds.ts'

/** The Azure clouds, as `az cloud set --name` names them. */
export const CLOUD_NAMES = ['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud'] as const
export type CloudName = (typeof CLOUD_NAMES)[number]

/** The public cloud, which a design is written for unless told otherwise. */
export const PUBLIC_CLOUD_NAME: CloudName = 'AzureCloud'

/**
 * What code needs to reach a cloud's data planes: each service's endpoint (`{name}`, or SQL's
 * `{server}`, is replaced) and the audience of its Microsoft Entra tokens.
 */
export interface CloudDataPlanes {
  readonly label: string
  readonly endpoints: Readonly<Record<ServiceKind, string>>
  /** Storage's host suffix: `{name}.blob.{suffix}`, `.queue.`, `.table.`. */
  readonly storageSuffix: string
  /** The `.default` scope of each service's data-plane tokens. */
  readonly scopes: Readonly<Record<ServiceKind, string>>
  /** The `.default` scope of ARM tokens (control-plane roles). */
  readonly management: string
}

// Hosts and audiences as hashicorp/go-azure-sdk `sdk/environments/azure_{public,gov,china}.go`,
// azure-cli `cloud.py` (storage_endpoint, keyvault_dns, sql_server_hostname,
// acr_login_server_endpoint) and the MicrosoftDocs pages on Azure Government and Azure in
// China endpoints have them; SDK audiences as the SDKs' own constants (azure-sdk-for-net
// SearchAudience, AzureOpenAIAudience, AppConfigurationAudience). Storage, Service Bus, Event
// Hubs, SignalR and Redis keep one audience in every cloud: Microsoft's managed-identity page
// lists https://storage.azure.com, servicebus.azure.net and eventhubs.azure.net for all three,
// and the SignalR, Event Grid and Redis client libraries change only the sign-in authority.

/** Where no Microsoft source names a cloud's host, the code says to copy it from the resource. */
const copyHost = (service: string, cloud: string): string =>
  `https://<the ${service} host name in ${cloud}: copy it from the resource's Overview page>`

export const CLOUD_DATA_PLANES: Readonly<Record<CloudName, CloudDataPlanes>> = {
  AzureCloud: {
    label: 'Azure',
    storageSuffix: 'core.windows.net',
    endpoints: {
      storage: 'https://{name}.blob.core.windows.net',
      keyVault: 'https://{name}.vault.azure.net',
      serviceBus: '{name}.servicebus.windows.net',
      eventHubs: '{name}.servicebus.windows.net',
      eventGrid: 'https://{name}.<region>-1.eventgrid.azure.net/api/events',
      cosmosDb: 'https://{name}.documents.azure.com:443/',
      sql: '{server}.database.windows.net',
      appConfiguration: 'https://{name}.azconfig.io',
      containerRegistry: '{name}.azurecr.io',
      openAI: 'https://{name}.openai.azure.com/',
      search: 'https://{name}.search.windows.net',
      signalR: 'https://{name}.service.signalr.net',
      postgresql: '{name}.postgres.database.azure.com',
      mysql: '{name}.mysql.database.azure.com',
      redis: '{name}.redis.cache.windows.net:6380',
    },
    scopes: {
      storage: 'https://storage.azure.com/.default',
      keyVault: 'https://vault.azure.net/.default',
      serviceBus: 'https://servicebus.azure.net/.default',
      eventHubs: 'https://eventhubs.azure.net/.default',
      eventGrid: 'https://eventgrid.azure.net/.default',
      cosmosDb: 'https://cosmos.azure.com/.default',
      sql: 'https://database.windows.net/.default',
      // Learn, "App Configuration REST API: Microsoft Entra authentication": the audience in the
      // global cloud is https://appconfig.azure.com (the SDKs ask for it; https://azconfig.io is older).
      appConfiguration: 'https://appconfig.azure.com/.default',
      containerRegistry: 'https://containerregistry.azure.net/.default',
      openAI: 'https://cognitiveservices.azure.com/.default',
      search: 'https://search.azure.com/.default',
      signalR: 'https://signalr.azure.com/.default',
      postgresql: 'https://ossrdbms-aad.database.windows.net/.default',
      mysql: 'https://ossrdbms-aad.database.windows.net/.default',
      redis: 'https://redis.azure.com/.default',
    },
    management: 'https://management.azure.com/.default',
  },
  AzureUSGovernment: {
    label: 'Azure US Government',
    storageSuffix: 'core.usgovcloudapi.net',
    endpoints: {
      storage: 'https://{name}.blob.core.usgovcloudapi.net',
      keyVault: 'https://{name}.vault.usgovcloudapi.net',
      serviceBus: '{name}.servicebus.usgovcloudapi.net',
      eventHubs: '{name}.servicebus.usgovcloudapi.net',
      eventGrid: 'https://{name}.<region>-1.eventgrid.azure.us/api/events',
      cosmosDb: 'https://{name}.documents.azure.us:443/',
      sql: '{server}.database.usgovcloudapi.net',
      appConfiguration: 'https://{name}.azconfig.azure.us',
      containerRegistry: '{name}.azurecr.us',
      openAI: 'https://{name}.openai.azure.us/',
      search: 'https://{name}.search.azure.us',
      signalR: copyHost('SignalR', 'Azure US Government'),
      postgresql: '{name}.postgres.database.usgovcloudapi.net',
      mysql: '{name}.mysql.database.usgovcloudapi.net',
      redis: '{name}.redis.cache.usgovcloudapi.net:6380',
    },
    scopes: {
      storage: 'https://storage.azure.com/.default',
      keyVault: 'https://vault.usgovcloudapi.net/.default',
      serviceBus: 'https://servicebus.azure.net/.default',
      eventHubs: 'https://eventhubs.azure.net/.default',
      eventGrid: 'https://eventgrid.azure.net/.default',
      cosmosDb: 'https://cosmos.azure.us/.default',
      sql: 'https://database.usgovcloudapi.net/.default',
      appConfiguration: 'https://appconfig.azure.us/.default',
      // The registry's SDKs ask for an ARM token and exchange it at the registry (no Microsoft
      // source names a registry audience in this cloud).
      containerRegistry: 'https://management.usgovcloudapi.net/.default',
      openAI: 'https://cognitiveservices.azure.us/.default',
      search: 'https://search.azure.us/.default',
      signalR: 'https://signalr.azure.com/.default',
      postgresql: 'https://ossrdbms-aad.database.usgovcloudapi.net/.default',
      mysql: 'https://ossrdbms-aad.database.usgovcloudapi.net/.default',
      redis: 'https://redis.azure.com/.default',
    },
    management: 'https://management.usgovcloudapi.net/.default',
  },
  AzureChinaCloud: {
    label: 'Azure China (21Vianet)',
    storageSuffix: 'core.chinacloudapi.cn',
    endpoints: {
      storage: 'https://{name}.blob.core.chinacloudapi.cn',
      keyVault: 'https://{name}.vault.azure.cn',
      serviceBus: '{name}.servicebus.chinacloudapi.cn',
      eventHubs: '{name}.servicebus.chinacloudapi.cn',
      eventGrid: 'https://{name}.<region>-1.eventgrid.azure.cn/api/events',
      cosmosDb: 'https://{name}.documents.azure.cn:443/',
      sql: '{server}.database.chinacloudapi.cn',
      appConfiguration: 'https://{name}.azconfig.azure.cn',
      containerRegistry: '{name}.azurecr.cn',
      openAI: copyHost('Azure OpenAI', 'Azure China'),
      search: 'https://{name}.search.azure.cn',
      signalR: 'https://{name}.service.signalr.azure.cn',
      postgresql: '{name}.postgres.database.chinacloudapi.cn',
      mysql: '{name}.mysql.database.chinacloudapi.cn',
      redis: '{name}.redis.cache.chinacloudapi.cn:6380',
    },
    scopes: {
      storage: 'https://storage.azure.com/.default',
      keyVault: 'https://vault.azure.cn/.default',
      serviceBus: 'https://servicebus.azure.net/.default',
      eventHubs: 'https://eventhubs.azure.net/.default',
      eventGrid: 'https://eventgrid.azure.net/.default',
      cosmosDb: 'https://cosmos.azure.cn/.default',
      sql: 'https://database.chinacloudapi.cn/.default',
      appConfiguration: 'https://appconfig.azure.cn/.default',
      containerRegistry: 'https://management.chinacloudapi.cn/.default',
      openAI: 'https://cognitiveservices.azure.cn/.default',
      search: 'https://search.azure.cn/.default',
      signalR: 'https://signalr.azure.com/.default',
      postgresql: 'https://ossrdbms-aad.database.chinacloudapi.cn/.default',
      mysql: 'https://ossrdbms-aad.database.chinacloudapi.cn/.default',
      redis: 'https://redis.azure.com/.default',
    },
    management: 'https://management.chinacloudapi.cn/.default',
  },
}

/** The cloud `az cloud set --name` calls this (any case), or undefined. */
export function cloudNamed(name: string): CloudName | undefined {
  return CLOUD_NAMES.find((c) => c.toLowerCase() === name.toLowerCase())
}

/** The label of a cloud other than the public one (which goes without saying), else undefined. */
export function sovereignLabel(cloud: CloudName): string | undefined {
  return cloud === PUBLIC_CLOUD_NAME ? undefined : CLOUD_DATA_PLANES[cloud].label
}

/** A storage account's endpoint for one of its data services. */
export function storageEndpoint(
  name: string,
  service: 'blob' | 'queue' | 'table',
  cloud: CloudName,
): string {
  return `https://${name}.${service}.${CLOUD_DATA_PLANES[cloud].storageSuffix}`
}

/** Is this the scope of ARM tokens in some cloud? */
export function isManagementScope(scope: string): boolean {
  return CLOUD_NAMES.some((c) => CLOUD_DATA_PLANES[c].management === scope)
}

/** The audience of a `.default` scope (`https://search.azure.us/.default` → `https://search.azure.us`). */
export function audienceOf(scope: string): string {
  return scope.endsWith('/.default') ? scope.slice(0, -'/.default'.length) : scope
}
