import { CLOUD_DATA_PLANES, PUBLIC_CLOUD_NAME, type CloudName } from './clouds.ts'
import { SERVICE_ARM_TYPES } from '../model/bindings.ts'
import type { ServiceKind } from '../model/kinds.ts'

export interface ServiceFact {
  readonly label: string
  /** ARM resource type (the model's, which validates bindings against it). */
  readonly armType: string
  /** api-version for a generic GET of the resource. */
  readonly apiVersion: string
  /** Least-privilege data role a new connection starts with. */
  readonly defaultRole: string
  /** Word used in generated setting names, e.g. MANAGED_IDENTITY_CLIENT_ID_STORAGE. */
  readonly settingWord: string
  /**
   * Where the ARM type holds other services too, the `kind`s that are this one (the first is what
   * a new one is created as); absent, every resource of the type is.
   */
  readonly armKinds?: readonly string[]
}

export const SERVICES: Readonly<Record<ServiceKind, ServiceFact>> = {
  storage: {
    label: 'Storage account',
    armType: SERVICE_ARM_TYPES.storage,
    apiVersion: '2023-05-01',
    defaultRole: 'Storage Blob Data Reader',
    settingWord: 'STORAGE',
  },
  keyVault: {
    label: 'Key Vault',
    armType: SERVICE_ARM_TYPES.keyVault,
    apiVersion: '2023-07-01',
    defaultRole: 'Key Vault Secrets User',
    settingWord: 'KEYVAULT',
  },
  serviceBus: {
    label: 'Service Bus',
    armType: SERVICE_ARM_TYPES.serviceBus,
    apiVersion: '2021-11-01',
    defaultRole: 'Azure Service Bus Data Receiver',
    settingWord: 'SERVICEBUS',
  },
  eventHubs: {
    label: 'Event Hubs',
    armType: SERVICE_ARM_TYPES.eventHubs,
    apiVersion: '2024-01-01',
    defaultRole: 'Azure Event Hubs Data Receiver',
    settingWord: 'EVENTHUBS',
  },
  eventGrid: {
    label: 'Event Grid topic',
    armType: SERVICE_ARM_TYPES.eventGrid,
    apiVersion: '2022-06-15',
    defaultRole: 'EventGrid Data Sender',
    settingWord: 'EVENTGRID',
  },
  cosmosDb: {
    label: 'Cosmos DB',
    armType: SERVICE_ARM_TYPES.cosmosDb,
    apiVersion: '2024-05-15',
    defaultRole: 'Cosmos DB Built-in Data Reader',
    settingWord: 'COSMOS',
  },
  sql: {
    label: 'Azure SQL database',
    armType: SERVICE_ARM_TYPES.sql,
    apiVersion: '2021-11-01',
    defaultRole: 'db_datareader',
    settingWord: 'SQL',
  },
  appConfiguration: {
    label: 'App Configuration',
    armType: SERVICE_ARM_TYPES.appConfiguration,
    apiVersion: '2023-03-01',
    defaultRole: 'App Configuration Data Reader',
    settingWord: 'APPCONFIG',
  },
  containerRegistry: {
    label: 'Container Registry',
    armType: SERVICE_ARM_TYPES.containerRegistry,
    apiVersion: '2023-07-01',
    defaultRole: 'AcrPull',
    settingWord: 'ACR',
  },
  openAI: {
    label: 'Azure OpenAI',
    armType: SERVICE_ARM_TYPES.openAI,
    apiVersion: '2023-05-01',
    defaultRole: 'Cognitive Services OpenAI User',
    settingWord: 'OPENAI',
    // A Cognitive Services account is Speech, Language, Vision, Content Safety… by its kind. Azure
    // OpenAI is served by `OpenAI` accounts and by `AIServices` ones (Foundry, formerly Azure AI
    // Services: an Azure OpenAI endpoint besides the others). The OpenAI roles' data actions are
    // all `accounts/OpenAI/…`: ARM takes an assignment on another kind, which serves no models.
    armKinds: ['OpenAI', 'AIServices'],
  },
  search: {
    label: 'AI Search',
    armType: SERVICE_ARM_TYPES.search,
    apiVersion: '2023-11-01',
    defaultRole: 'Search Index Data Reader',
    settingWord: 'SEARCH',
  },
  signalR: {
    label: 'SignalR',
    armType: SERVICE_ARM_TYPES.signalR,
    apiVersion: '2023-02-01',
    defaultRole: 'SignalR App Server',
    settingWord: 'SIGNALR',
  },
  postgresql: {
    label: 'PostgreSQL flexible server',
    armType: SERVICE_ARM_TYPES.postgresql,
    apiVersion: '2024-08-01',
    defaultRole: 'pg_read_all_data',
    settingWord: 'POSTGRES',
  },
  mysql: {
    label: 'MySQL flexible server',
    armType: SERVICE_ARM_TYPES.mysql,
    apiVersion: '2023-12-30',
    defaultRole: 'SELECT',
    settingWord: 'MYSQL',
  },
  redis: {
    label: 'Azure Cache for Redis',
    armType: SERVICE_ARM_TYPES.redis,
    apiVersion: '2024-11-01',
    defaultRole: 'Data Reader',
    settingWord: 'REDIS',
  },
}

/** Is a resource of this ARM type and `kind` (compared case-insensitively) the service? */
export function matchesService(
  service: ServiceKind,
  type: string,
  kind: string | undefined,
): boolean {
  const fact = SERVICES[service]
  if (type.toLowerCase() !== fact.armType.toLowerCase()) return false
  const wanted = kind?.toLowerCase()
  return !fact.armKinds || fact.armKinds.some((k) => k.toLowerCase() === wanted)
}

/**
 * What a resource of the service's ARM type is when its kind is another service's, for messages
 * (`a Microsoft.CognitiveServices/accounts of kind SpeechServices, not Azure OpenAI (kind OpenAI
 * or AIServices)`); undefined when it is the service, or of another type.
 */
export function otherKindOf(
  service: ServiceKind,
  r: { readonly type: string; readonly kind?: string },
): string | undefined {
  const fact = SERVICES[service]
  if (!fact.armKinds || r.type.toLowerCase() !== fact.armType.toLowerCase()) return undefined
  if (matchesService(service, r.type, r.kind)) return undefined
  const kind = r.kind === undefined ? 'without a kind' : `of kind ${r.kind}`
  return `a ${fact.armType} ${kind}, not ${fact.label} (kind ${fact.armKinds.join(' or ')})`
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

/** The data endpoint of the service of this kind and name, in the public cloud or the one given. */
export function serviceEndpoint(
  service: ServiceKind,
  name: string,
  cloud: CloudName = PUBLIC_CLOUD_NAME,
): string {
  return (
    CLOUD_DATA_PLANES[cloud].endpoints[service]
      // Replacer functions: a name holding `$&` or `$'` must not splice the template into itself.
      .replace('{name}', () => name)
      .replace('{server}', () => sqlServerAndDatabase(name).server)
  )
}
