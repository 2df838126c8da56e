import { assertNever } from '../../lib/assert.ts'
import { sqlServerAndDatabase } from '../../catalog/services.ts'
import type { ClientUse, SdkKind } from '../types.ts'
import { OPENAI_API_VERSION, REDIS_SCOPE, REDIS_TLS_PORT, tokenWords } from '../clients.ts'
import type { ClientContext, SnippetRenderer } from './renderer.ts'
import { odbcValue } from '../../lib/encode/connection-string.ts'
import { pythonComment, pythonString } from '../../lib/encode/python.ts'
import { snakeCase } from '../../lib/words.ts'

const PACKAGES: Readonly<Record<SdkKind, string | readonly string[] | undefined>> = {
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
  redis: ['redis', 'redis-entraid'],
  postgresql: 'psycopg',
  mysql: 'mysql-connector-python',
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
  redis: [
    'from redis import Redis',
    'from redis_entraid.cred_provider import create_from_default_azure_credential',
  ],
  postgresql: ['import psycopg'],
  mysql: ['import mysql.connector'],
  token: [],
}

/** redis-entraid makes its own DefaultAzureCredential from the keyword arguments it is given. */
function usesCredential(use: ClientUse): boolean {
  return use.sdk !== 'redis'
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
    // No DefaultAzureCredential when every client makes its own (redis-entraid).
    const credentialImport =
      uses.length > 0 && !uses.some(usesCredential)
        ? []
        : uses.some((u) => u.sdk === 'openAI')
          ? ['from azure.identity import DefaultAzureCredential, get_bearer_token_provider']
          : ['from azure.identity import DefaultAzureCredential']
    const lines = [...new Set([...credentialImport, ...uses.flatMap((u) => IMPORTS[u.sdk])])]
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
  usesCredential,
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
      const { database } = sqlServerAndDatabase(c.resourceName)
      const token = name('sql', 'token')
      return [
        "# The ODBC driver takes the credential's token (UTF-16-LE, length-prefixed) as attribute 1256.",
        `${token} = ${cred}.get_token(${pythonString(use.scope)}).token.encode("utf-16-le")`,
        `${name('sql', 'connection')} = pyodbc.connect(`,
        `    ${pythonString(`Driver={ODBC Driver 18 for SQL Server};Server=${odbcValue(`tcp:${use.endpoint},1433`)};Database=${odbcValue(database ?? '<database>')};Encrypt=yes`)},`,
        `    attrs_before={1256: struct.pack(f"<I{len(${token})}s", len(${token}), ${token})},`,
        ')',
      ]
    }
    case 'openAI':
      // The openai package's Azure client, with a provider that refreshes the Entra token.
      return [
        `${name('openai', 'client')} = AzureOpenAI(azure_endpoint=${pythonString(use.endpoint)}, azure_ad_token_provider=get_bearer_token_provider(${cred}, ${pythonString(use.scope)}), api_version=${pythonString(OPENAI_API_VERSION)})`,
      ]
    case 'eventGrid':
      return [
        `${name('event', 'grid', 'publisher', 'client')} = EventGridPublisherClient(endpoint=${pythonString(use.endpoint)}, credential=${cred})`,
      ]
    case 'search':
      return [
        `${name('search', 'client')} = SearchClient(endpoint=${pythonString(use.endpoint)}, index_name="<index>", credential=${cred}${use.audience === undefined ? '' : `, audience=${pythonString(use.audience)}`})`,
      ]
    case 'redis': {
      // redis-entraid's provider renews the token in the background, and redis-py signs in with
      // the token's object id (oid) as the user name and authenticates again with each new token.
      const provider = name('redis', 'credential', 'provider')
      return [
        '# redis-entraid makes its own DefaultAzureCredential (keyword arguments in app_kwargs) and renews the token before it expires.',
        `${provider} = create_from_default_azure_credential((${pythonString(REDIS_SCOPE)},)${redisCredentialArguments(c)})`,
        `${name('redis', 'client')} = Redis(host=${pythonString(use.endpoint)}, port=${REDIS_TLS_PORT}, ssl=True, credential_provider=${provider})`,
      ]
    }
    case 'postgresql':
    case 'mysql': {
      const driver = DRIVERS[use.sdk]
      return connectFunction(name(driver.word, 'connect'), driver.connect, [
        `host=${pythonString(use.endpoint)}`,
        `${driver.database}="<database>"`,
        `user=${pythonString(c.databaseUser ?? '')}`,
        `password=${cred}.get_token(${pythonString(use.scope)}).token`,
        driver.extra,
      ])
    }
    case 'token':
      return [`${name(...tokenWords(use))} = ${cred}.get_token(${pythonString(use.scope)})`]
    default:
      return assertNever(use)
  }
}

/** The client ID redis-entraid's own DefaultAzureCredential takes, as the app's credential does. */
function redisCredentialArguments(c: ClientContext['connection']): string {
  const credential = c.credential
  if (credential.identity === 'system') return ''
  const clientId = credential.setting
    ? `os.environ.get(${pythonString(credential.setting)})`
    : pythonString(`<client ID of the ${credential.label}>`)
  const option = credential.workload ? 'workload_identity_client_id' : 'managed_identity_client_id'
  return `, app_kwargs={"${option}": ${clientId}}`
}

/** psycopg and Connector/Python: their connect function and the arguments that differ. */
const DRIVERS = {
  postgresql: {
    word: 'postgres',
    connect: 'psycopg.connect',
    database: 'dbname',
    extra: 'sslmode="require"',
  },
  // The server takes the token in clear text; the C extension sends it so only when asked.
  mysql: {
    word: 'mysql',
    connect: 'mysql.connector.connect',
    database: 'database',
    extra: 'auth_plugin="mysql_clear_password"',
  },
} as const

/**
 * PostgreSQL and MySQL take the token as the password when a connection opens: a function that
 * opens one with a token from the credential, which caches it until shortly before it expires.
 */
function connectFunction(fn: string, connect: string, args: readonly string[]): string[] {
  return [
    `def ${fn}():`,
    '    # A token from the credential (cached until shortly before it expires) for each new connection.',
    `    return ${connect}(`,
    ...args.map((a) => `        ${a},`),
    '    )',
  ]
}
