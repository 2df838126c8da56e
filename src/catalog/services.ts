import type { ServiceKind } from '../model/kinds.ts'

export interface ServiceFact {
  readonly label: string
  /** ARM resource type, spelled as the provider spells it. */
  readonly armType: string
  /** api-version for a generic GET of the resource. */
  readonly apiVersion: string
  /** Least-privilege data role a new connection starts with. */
  readonly defaultRole: string
  /** Data endpoint for an account of this name (`{name}` is replaced). */
  readonly endpoint: string
  /** Word used in generated setting names, e.g. MANAGED_IDENTITY_CLIENT_ID_STORAGE. */
  readonly settingWord: string
}

export const SERVICES: Readonly<Record<ServiceKind, ServiceFact>> = {
  storage: {
    label: 'Storage account',
    armType: 'Microsoft.Storage/storageAccounts',
    apiVersion: '2023-05-01',
    defaultRole: 'Storage Blob Data Reader',
    endpoint: 'https://{name}.blob.core.windows.net',
    settingWord: 'STORAGE',
  },
  keyVault: {
    label: 'Key Vault',
    armType: 'Microsoft.KeyVault/vaults',
    apiVersion: '2023-07-01',
    defaultRole: 'Key Vault Secrets User',
    endpoint: 'https://{name}.vault.azure.net',
    settingWord: 'KEYVAULT',
  },
  serviceBus: {
    label: 'Service Bus',
    armType: 'Microsoft.ServiceBus/namespaces',
    apiVersion: '2021-11-01',
    defaultRole: 'Azure Service Bus Data Receiver',
    endpoint: '{name}.servicebus.windows.net',
    settingWord: 'SERVICEBUS',
  },
  eventHubs: {
    label: 'Event Hubs',
    armType: 'Microsoft.EventHub/namespaces',
    apiVersion: '2024-01-01',
    defaultRole: 'Azure Event Hubs Data Receiver',
    endpoint: '{name}.servicebus.windows.net',
    settingWord: 'EVENTHUBS',
  },
  eventGrid: {
    label: 'Event Grid topic',
    armType: 'Microsoft.EventGrid/topics',
    apiVersion: '2022-06-15',
    defaultRole: 'EventGrid Data Sender',
    endpoint: 'https://{name}.<region>-1.eventgrid.azure.net/api/events',
    settingWord: 'EVENTGRID',
  },
  cosmosDb: {
    label: 'Cosmos DB',
    armType: 'Microsoft.DocumentDB/databaseAccounts',
    apiVersion: '2024-05-15',
    defaultRole: 'Cosmos DB Built-in Data Reader',
    endpoint: 'https://{name}.documents.azure.com:443/',
    settingWord: 'COSMOS',
  },
  sql: {
    label: 'Azure SQL database',
    armType: 'Microsoft.Sql/servers/databases',
    apiVersion: '2021-11-01',
    defaultRole: 'db_datareader',
    endpoint: '{server}.database.windows.net',
    settingWord: 'SQL',
  },
  appConfiguration: {
    label: 'App Configuration',
    armType: 'Microsoft.AppConfiguration/configurationStores',
    apiVersion: '2023-03-01',
    defaultRole: 'App Configuration Data Reader',
    endpoint: 'https://{name}.azconfig.io',
    settingWord: 'APPCONFIG',
  },
  containerRegistry: {
    label: 'Container Registry',
    armType: 'Microsoft.ContainerRegistry/registries',
    apiVersion: '2023-07-01',
    defaultRole: 'AcrPull',
    endpoint: '{name}.azurecr.io',
    settingWord: 'ACR',
  },
  openAI: {
    label: 'Azure OpenAI',
    armType: 'Microsoft.CognitiveServices/accounts',
    apiVersion: '2023-05-01',
    defaultRole: 'Cognitive Services OpenAI User',
    endpoint: 'https://{name}.openai.azure.com/',
    settingWord: 'OPENAI',
  },
  search: {
    label: 'AI Search',
    armType: 'Microsoft.Search/searchServices',
    apiVersion: '2023-11-01',
    defaultRole: 'Search Index Data Reader',
    endpoint: 'https://{name}.search.windows.net',
    settingWord: 'SEARCH',
  },
  signalR: {
    label: 'SignalR',
    armType: 'Microsoft.SignalRService/SignalR',
    apiVersion: '2023-02-01',
    defaultRole: 'SignalR App Server',
    endpoint: 'https://{name}.service.signalr.net',
    settingWord: 'SIGNALR',
  },
}

/**
 * An Azure SQL database node is named `server/database` (its ARM name); the logical server's
 * name alone when the database is left out.
 */
export function sqlServerAndDatabase(name: string): { server: string; database?: string } {
  const slash = name.indexOf('/')
  return slash < 0
    ? { server: name }
    : { server: name.slice(0, slash), database: name.slice(slash + 1) }
}

export function serviceEndpoint(service: ServiceKind, name: string): string {
  return SERVICES[service].endpoint
    .replace('{name}', name)
    .replace('{server}', sqlServerAndDatabase(name).server)
}
