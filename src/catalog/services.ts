import type { ServiceKind } from '../model/kinds.ts'

export interface ServiceFact {
  readonly label: string
  /** ARM resource type, spelled as the provider spells it. */
  readonly armType: string
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
    defaultRole: 'Storage Blob Data Reader',
    endpoint: 'https://{name}.blob.core.windows.net',
    settingWord: 'STORAGE',
  },
  keyVault: {
    label: 'Key Vault',
    armType: 'Microsoft.KeyVault/vaults',
    defaultRole: 'Key Vault Secrets User',
    endpoint: 'https://{name}.vault.azure.net',
    settingWord: 'KEYVAULT',
  },
  serviceBus: {
    label: 'Service Bus',
    armType: 'Microsoft.ServiceBus/namespaces',
    defaultRole: 'Azure Service Bus Data Receiver',
    endpoint: '{name}.servicebus.windows.net',
    settingWord: 'SERVICEBUS',
  },
  eventHubs: {
    label: 'Event Hubs',
    armType: 'Microsoft.EventHub/namespaces',
    defaultRole: 'Azure Event Hubs Data Receiver',
    endpoint: '{name}.servicebus.windows.net',
    settingWord: 'EVENTHUBS',
  },
  eventGrid: {
    label: 'Event Grid topic',
    armType: 'Microsoft.EventGrid/topics',
    defaultRole: 'EventGrid Data Sender',
    endpoint: 'https://{name}.<region>-1.eventgrid.azure.net/api/events',
    settingWord: 'EVENTGRID',
  },
  cosmosDb: {
    label: 'Cosmos DB',
    armType: 'Microsoft.DocumentDB/databaseAccounts',
    defaultRole: 'Cosmos DB Built-in Data Reader',
    endpoint: 'https://{name}.documents.azure.com:443/',
    settingWord: 'COSMOS',
  },
  sql: {
    label: 'Azure SQL database',
    armType: 'Microsoft.Sql/servers/databases',
    defaultRole: 'db_datareader',
    endpoint: '<server>.database.windows.net',
    settingWord: 'SQL',
  },
  appConfiguration: {
    label: 'App Configuration',
    armType: 'Microsoft.AppConfiguration/configurationStores',
    defaultRole: 'App Configuration Data Reader',
    endpoint: 'https://{name}.azconfig.io',
    settingWord: 'APPCONFIG',
  },
  containerRegistry: {
    label: 'Container Registry',
    armType: 'Microsoft.ContainerRegistry/registries',
    defaultRole: 'AcrPull',
    endpoint: '{name}.azurecr.io',
    settingWord: 'ACR',
  },
  openAI: {
    label: 'Azure OpenAI',
    armType: 'Microsoft.CognitiveServices/accounts',
    defaultRole: 'Cognitive Services OpenAI User',
    endpoint: 'https://{name}.openai.azure.com/',
    settingWord: 'OPENAI',
  },
  search: {
    label: 'AI Search',
    armType: 'Microsoft.Search/searchServices',
    defaultRole: 'Search Index Data Reader',
    endpoint: 'https://{name}.search.windows.net',
    settingWord: 'SEARCH',
  },
  signalR: {
    label: 'SignalR',
    armType: 'Microsoft.SignalRService/SignalR',
    defaultRole: 'SignalR App Server',
    endpoint: 'https://{name}.service.signalr.net',
    settingWord: 'SIGNALR',
  },
}

export function serviceEndpoint(service: ServiceKind, name: string): string {
  return SERVICES[service].endpoint.replace('{name}', name)
}
