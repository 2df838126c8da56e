import { assertNever } from '../../lib/assert.ts'
import { sqlServerAndDatabase } from '../../catalog/services.ts'
import type { SdkKind } from '../types.ts'
import { OPENAI_API_VERSION, OPENAI_SCOPE, tokenWords } from '../clients.ts'
import type { ClientContext, SnippetRenderer } from './renderer.ts'
import { odbcValue } from '../../lib/encode/connection-string.ts'
import { pythonComment, pythonString } from '../../lib/encode/python.ts'
import { snakeCase } from '../../lib/words.ts'

const PACKAGES: Readonly<Record<SdkKind, string | undefined>> = {
  blob: 'azure-storage-blob',
  queue: 'azure-storage-queue',
  table: 'azure-data-tables',
  keyVaultSecrets: 'azure-keyvault-secrets',
  keyVaultKeys: 'azure-keyvault-keys',
  keyVaultCertificates: 'azure-keyvault-certificates',
  serviceBus: 'azure-servicebus',
  eventHubs: 'azure-eventhub',
  cosmos: 'azure-cosmos',
  appConfiguration: 'azure-appconfiguration',
  sql: 'pyodbc',
  openAI: 'openai',
  eventGrid: 'azure-eventgrid',
  search: 'azure-search-documents',
  token: undefined,
}

const IMPORTS: Readonly<Record<SdkKind, readonly string[]>> = {
  blob: ['from azure.storage.blob import BlobServiceClient'],
  queue: ['from azure.storage.queue import QueueServiceClient'],
  table: ['from azure.data.tables import TableServiceClient'],
  keyVaultSecrets: ['from azure.keyvault.secrets import SecretClient'],
  keyVaultKeys: ['from azure.keyvault.keys import KeyClient'],
  keyVaultCertificates: ['from azure.keyvault.certificates import CertificateClient'],
  serviceBus: ['from azure.servicebus import ServiceBusClient'],
  eventHubs: ['from azure.eventhub import EventHubConsumerClient, EventHubProducerClient'],
  cosmos: ['from azure.cosmos import CosmosClient'],
  appConfiguration: ['from azure.appconfiguration import AzureAppConfigurationClient'],
  sql: ['import struct', 'import pyodbc'],
  openAI: ['from openai import AzureOpenAI'],
  eventGrid: ['from azure.eventgrid import EventGridPublisherClient'],
  search: ['from azure.search.documents import SearchClient'],
  token: [],
}

export const python: SnippetRenderer = {
  language: 'python',
  fence: 'python',
  ident: snakeCase,
  comment: pythonComment,
  install: (uses) =>
    `pip install ${[...new Set(['azure-identity', ...uses.flatMap((u) => PACKAGES[u.sdk] ?? [])])].sort().join(' ')}`,
  imports(uses, settings) {
    // Standard library first, then third-party modules, as isort orders them.
    const lines = [
      ...new Set([
        uses.some((u) => u.sdk === 'openAI')
          ? 'from azure.identity import DefaultAzureCredential, get_bearer_token_provider'
          : 'from azure.identity import DefaultAzureCredential',
        ...uses.flatMap((u) => IMPORTS[u.sdk]),
      ]),
    ]
    const std: string[] = lines.filter((l) => l === 'import struct')
    if (settings) std.unshift('import os')
    return [...std, ...lines.filter((l) => l !== 'import struct').sort()]
  },
  credential(credential, variable) {
    if (credential.identity === 'system') return [`${variable} = DefaultAzureCredential()`]
    const clientId = credential.setting
      ? `os.environ.get(${pythonString(credential.setting)})`
      : pythonString(`<client ID of the ${credential.label}>`)
    const option = credential.workload
      ? 'workload_identity_client_id'
      : 'managed_identity_client_id'
    return [`${variable} = DefaultAzureCredential(${option}=${clientId})`]
  },
  client: clientLines,
  usesCredential: () => true,
}

function clientLines(ctx: ClientContext): string[] {
  const name = (...words: string[]): string => snakeCase([...ctx.prefix, ...words])
  const { use, credential: cred, connection: c } = ctx
  switch (use.sdk) {
    case 'blob':
      return [
        `${name('blob', 'service', 'client')} = BlobServiceClient(account_url=${pythonString(use.endpoint)}, credential=${cred})`,
      ]
    case 'queue':
      return [
        `${name('queue', 'service', 'client')} = QueueServiceClient(account_url=${pythonString(use.endpoint)}, credential=${cred})`,
      ]
    case 'table':
      return [
        `${name('table', 'service', 'client')} = TableServiceClient(endpoint=${pythonString(use.endpoint)}, credential=${cred})`,
      ]
    case 'keyVaultSecrets':
      return [
        `${name('secret', 'client')} = SecretClient(vault_url=${pythonString(use.endpoint)}, credential=${cred})`,
      ]
    case 'keyVaultKeys':
      return [
        `${name('key', 'client')} = KeyClient(vault_url=${pythonString(use.endpoint)}, credential=${cred})`,
      ]
    case 'keyVaultCertificates':
      return [
        `${name('certificate', 'client')} = CertificateClient(vault_url=${pythonString(use.endpoint)}, credential=${cred})`,
      ]
    case 'serviceBus': {
      const client = name('service', 'bus', 'client')
      return [
        `${client} = ServiceBusClient(fully_qualified_namespace=${pythonString(use.endpoint)}, credential=${cred})`,
        ...(c.canSend
          ? [`${name('sender')} = ${client}.get_queue_sender(queue_name="<queue>")`]
          : []),
        ...(c.canReceive
          ? [`${name('receiver')} = ${client}.get_queue_receiver(queue_name="<queue>")`]
          : []),
      ]
    }
    case 'eventHubs':
      return [
        ...(c.canSend
          ? [
              `${name('producer')} = EventHubProducerClient(fully_qualified_namespace=${pythonString(use.endpoint)}, eventhub_name="<event-hub>", credential=${cred})`,
            ]
          : []),
        ...(c.canReceive
          ? [
              `${name('consumer')} = EventHubConsumerClient(fully_qualified_namespace=${pythonString(use.endpoint)}, eventhub_name="<event-hub>", consumer_group="$Default", credential=${cred})`,
            ]
          : []),
      ]
    case 'cosmos':
      return [
        `${name('cosmos', 'client')} = CosmosClient(url=${pythonString(use.endpoint)}, credential=${cred})`,
      ]
    case 'appConfiguration':
      return [
        `${name('configuration', 'client')} = AzureAppConfigurationClient(base_url=${pythonString(use.endpoint)}, credential=${cred})`,
      ]
    case 'sql': {
      const { server, database } = sqlServerAndDatabase(c.resourceName)
      const token = name('sql', 'token')
      return [
        "# The ODBC driver takes the credential's token (UTF-16-LE, length-prefixed) as attribute 1256.",
        `${token} = ${cred}.get_token("https://database.windows.net/.default").token.encode("utf-16-le")`,
        `${name('sql', 'connection')} = pyodbc.connect(`,
        `    ${pythonString(`Driver={ODBC Driver 18 for SQL Server};Server=${odbcValue(`tcp:${server}.database.windows.net,1433`)};Database=${odbcValue(database ?? '<database>')};Encrypt=yes`)},`,
        `    attrs_before={1256: struct.pack(f"<I{len(${token})}s", len(${token}), ${token})},`,
        ')',
      ]
    }
    case 'openAI':
      // The openai package's Azure client, with a provider that refreshes the Entra token.
      return [
        `${name('openai', 'client')} = AzureOpenAI(azure_endpoint=${pythonString(use.endpoint)}, azure_ad_token_provider=get_bearer_token_provider(${cred}, ${pythonString(OPENAI_SCOPE)}), api_version=${pythonString(OPENAI_API_VERSION)})`,
      ]
    case 'eventGrid':
      return [
        `${name('event', 'grid', 'publisher', 'client')} = EventGridPublisherClient(endpoint=${pythonString(use.endpoint)}, credential=${cred})`,
      ]
    case 'search':
      return [
        `${name('search', 'client')} = SearchClient(endpoint=${pythonString(use.endpoint)}, index_name="<index>", credential=${cred})`,
      ]
    case 'token':
      return [`${name(...tokenWords(use))} = ${cred}.get_token(${pythonString(use.scope)})`]
    default:
      return assertNever(use)
  }
}
