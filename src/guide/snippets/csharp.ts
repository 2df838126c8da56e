import { assertNever } from '../../lib/assert.ts'
import { sqlServerAndDatabase } from '../../catalog/services.ts'
import type { ClientUse, SdkKind } from '../types.ts'
import { REDIS_TLS_PORT, tokenWords } from '../clients.ts'
import type { ClientContext, SnippetRenderer } from './renderer.ts'
import { adoNetValue } from '../../lib/encode/connection-string.ts'
import { csharpComment, csharpString } from '../../lib/encode/csharp.ts'
import { camelCase } from '../../lib/words.ts'

/** NuGet packages per client; SqlClient 7 signs in with Entra only through its Azure extension. */
const PACKAGES: Readonly<Record<SdkKind, string | readonly string[] | undefined>> = {
  blob: 'Azure.Storage.Blobs',
  queue: 'Azure.Storage.Queues',
  table: 'Azure.Data.Tables',
  keyVaultSecrets: 'Azure.Security.KeyVault.Secrets',
  keyVaultKeys: 'Azure.Security.KeyVault.Keys',
  keyVaultCertificates: 'Azure.Security.KeyVault.Certificates',
  serviceBus: 'Azure.Messaging.ServiceBus',
  eventHubs: 'Azure.Messaging.EventHubs',
  cosmos: 'Microsoft.Azure.Cosmos',
  appConfiguration: 'Azure.Data.AppConfiguration',
  sql: ['Microsoft.Data.SqlClient', 'Microsoft.Data.SqlClient.Extensions.Azure'],
  openAI: 'Azure.AI.OpenAI',
  eventGrid: 'Azure.Messaging.EventGrid',
  search: 'Azure.Search.Documents',
  redis: 'Microsoft.Azure.StackExchangeRedis',
  postgresql: 'Npgsql',
  mysql: 'MySqlConnector',
  token: undefined,
}

const NAMESPACES: Readonly<Record<SdkKind, readonly string[]>> = {
  blob: ['Azure.Storage.Blobs'],
  queue: ['Azure.Storage.Queues'],
  table: ['Azure.Data.Tables'],
  keyVaultSecrets: ['Azure.Security.KeyVault.Secrets'],
  keyVaultKeys: ['Azure.Security.KeyVault.Keys'],
  keyVaultCertificates: ['Azure.Security.KeyVault.Certificates'],
  serviceBus: ['Azure.Messaging.ServiceBus'],
  eventHubs: ['Azure.Messaging.EventHubs.Consumer', 'Azure.Messaging.EventHubs.Producer'],
  cosmos: ['Microsoft.Azure.Cosmos'],
  appConfiguration: ['Azure.Data.AppConfiguration'],
  sql: ['Microsoft.Data.SqlClient'],
  openAI: ['Azure.AI.OpenAI'],
  eventGrid: ['Azure.Messaging.EventGrid'],
  search: ['Azure.Search.Documents'],
  // Microsoft.Azure.StackExchangeRedis puts its ConfigureForAzure* extensions in this namespace.
  redis: ['StackExchange.Redis'],
  postgresql: ['Azure.Core', 'Npgsql'],
  mysql: ['Azure.Core', 'MySqlConnector'],
  token: ['Azure.Core'],
}

const unique = (list: readonly string[]): string[] => [...new Set(list)].sort()

export const csharp: SnippetRenderer = {
  language: 'csharp',
  fence: 'csharp',
  ident: camelCase,
  comment: csharpComment,
  install: (uses) =>
    unique(['Azure.Identity', ...uses.flatMap((u) => PACKAGES[u.sdk] ?? [])])
      .map((p) => `dotnet add package ${p}`)
      .join('\n'),
  imports: (uses) =>
    unique(['Azure.Identity', ...uses.flatMap((u) => NAMESPACES[u.sdk])]).map((n) => `using ${n};`),
  credential(credential, variable) {
    if (credential.identity === 'system') return [`var ${variable} = new DefaultAzureCredential();`]
    const clientId = credential.setting
      ? `Environment.GetEnvironmentVariable(${csharpString(credential.setting)})`
      : csharpString(`<client ID of the ${credential.label}>`)
    return [
      `var ${variable} = new DefaultAzureCredential(new DefaultAzureCredentialOptions`,
      '{',
      `    ${credential.workload ? 'WorkloadIdentityClientId' : 'ManagedIdentityClientId'} = ${clientId},`,
      '});',
    ]
  },
  client: (context) => clientLines(context, context.use),
  usesCredential: (use) => use.sdk !== 'sql',
}

function clientLines(ctx: ClientContext, use: ClientUse): string[] {
  const name = (...words: string[]): string => camelCase([...ctx.prefix, ...words])
  const cred = ctx.credential
  const c = ctx.connection
  switch (use.sdk) {
    case 'blob':
      return [
        `var ${name('blob', 'service', 'client')} = new BlobServiceClient(new Uri(${csharpString(use.endpoint)}), ${cred});`,
      ]
    case 'queue':
      return [
        `var ${name('queue', 'service', 'client')} = new QueueServiceClient(new Uri(${csharpString(use.endpoint)}), ${cred});`,
      ]
    case 'table':
      return [
        `var ${name('table', 'service', 'client')} = new TableServiceClient(new Uri(${csharpString(use.endpoint)}), ${cred});`,
      ]
    case 'keyVaultSecrets':
      return [
        `var ${name('secret', 'client')} = new SecretClient(new Uri(${csharpString(use.endpoint)}), ${cred});`,
      ]
    case 'keyVaultKeys':
      return [
        `var ${name('key', 'client')} = new KeyClient(new Uri(${csharpString(use.endpoint)}), ${cred});`,
      ]
    case 'keyVaultCertificates':
      return [
        `var ${name('certificate', 'client')} = new CertificateClient(new Uri(${csharpString(use.endpoint)}), ${cred});`,
      ]
    case 'serviceBus': {
      const client = name('service', 'bus', 'client')
      return [
        `await using var ${client} = new ServiceBusClient(${csharpString(use.endpoint)}, ${cred});`,
        ...(c.canSend
          ? [`var ${name('sender')} = ${client}.CreateSender("<queue-or-topic>");`]
          : []),
        ...(c.canReceive ? [`var ${name('receiver')} = ${client}.CreateReceiver("<queue>");`] : []),
      ]
    }
    case 'eventHubs':
      return [
        ...(c.canSend
          ? [
              `await using var ${name('producer')} = new EventHubProducerClient(${csharpString(use.endpoint)}, "<event-hub>", ${cred});`,
            ]
          : []),
        ...(c.canReceive
          ? [
              `await using var ${name('consumer')} = new EventHubConsumerClient(EventHubConsumerClient.DefaultConsumerGroupName, ${csharpString(use.endpoint)}, "<event-hub>", ${cred});`,
            ]
          : []),
      ]
    case 'cosmos':
      return [
        `using var ${name('cosmos', 'client')} = new CosmosClient(${csharpString(use.endpoint)}, ${cred});`,
      ]
    case 'appConfiguration':
      return [
        `var ${name('configuration', 'client')} = new ConfigurationClient(new Uri(${csharpString(use.endpoint)}), ${cred});`,
      ]
    case 'sql':
      return sqlLines(ctx, use.endpoint, name)
    case 'openAI':
      // Azure.AI.OpenAI 2.x: the client asks the credential for Cognitive Services tokens itself.
      return [
        `var ${name('open', 'a', 'i', 'client')} = new AzureOpenAIClient(new Uri(${csharpString(use.endpoint)}), ${cred}${audienceOption('AzureOpenAIClientOptions', 'AzureOpenAIAudience', use.audience)});`,
      ]
    case 'eventGrid':
      return [
        `var ${name('event', 'grid', 'publisher', 'client')} = new EventGridPublisherClient(new Uri(${csharpString(use.endpoint)}), ${cred});`,
      ]
    case 'search':
      return [
        `var ${name('search', 'client')} = new SearchClient(new Uri(${csharpString(use.endpoint)}), "<index>", ${cred}${audienceOption('SearchClientOptions', 'SearchAudience', use.audience)});`,
      ]
    case 'redis': {
      // Microsoft.Azure.StackExchangeRedis signs in as the token's object id (oid) and
      // re-authenticates the connection with a fresh token before the last one expires.
      const options = name('redis', 'options')
      return [
        `var ${options} = new ConfigurationOptions { Ssl = true };`,
        `${options}.EndPoints.Add(${csharpString(use.endpoint)}, ${REDIS_TLS_PORT});`,
        `await ${options}.ConfigureForAzureWithTokenCredentialAsync(${cred});`,
        `var ${name('redis', 'connection')} = await ConnectionMultiplexer.ConnectAsync(${options});`,
      ]
    }
    case 'postgresql':
    case 'mysql':
      return dataSourceLines(name, cred, DRIVERS[use.sdk], use.scope, [
        csharpString(use.endpoint),
        '"<database>"',
        csharpString(c.databaseUser ?? ''),
      ])
    case 'token':
      return [
        `AccessToken ${name(...tokenWords(use))} = await ${cred}.GetTokenAsync(new TokenRequestContext(new[] { ${csharpString(use.scope)} }));`,
      ]
    default:
      return assertNever(use)
  }
}

/**
 * A client's options naming its audience (`, new SearchClientOptions { Audience = new
 * SearchAudience("https://search.azure.us") }`), where one is given; nothing in the public cloud.
 */
function audienceOption(options: string, type: string, audience: string | undefined): string {
  return audience === undefined
    ? ''
    : `, new ${options} { Audience = new ${type}(${csharpString(audience)}) }`
}

/** What differs between Npgsql's and MySqlConnector's data sources. */
interface Driver {
  readonly builder: string
  readonly connectionString: string
  /** The connection string builder's properties for the host, the database and the user. */
  readonly keys: readonly [string, string, string]
  readonly ssl: string
  readonly comment: string
  readonly words: readonly string[]
}

const REFRESH =
  'asks for a token every 4 minutes (the credential hands back its cached token until shortly before it expires)'

const DRIVERS: Readonly<Record<'postgresql' | 'mysql', Driver>> = {
  postgresql: {
    builder: 'NpgsqlDataSourceBuilder',
    connectionString: 'NpgsqlConnectionStringBuilder',
    keys: ['Host', 'Database', 'Username'],
    ssl: 'SslMode.Require',
    comment: `Npgsql ${REFRESH} and signs new connections in with the latest.`,
    words: ['postgres'],
  },
  mysql: {
    builder: 'MySqlDataSourceBuilder',
    connectionString: 'MySqlConnectionStringBuilder',
    keys: ['Server', 'Database', 'UserID'],
    ssl: 'MySqlSslMode.Required',
    comment: `MySqlConnector ${REFRESH} and sends the latest in clear text, which it does only over TLS with a verified server certificate.`,
    words: ['mysql'],
  },
}

/**
 * PostgreSQL and MySQL: a data source whose password is a Microsoft Entra token, renewed by the
 * driver's periodic password provider (Npgsql and MySqlConnector `UsePeriodicPasswordProvider`).
 * The connection string is built from properties, which quote their values.
 */
function dataSourceLines(
  name: (...w: string[]) => string,
  cred: string,
  driver: Driver,
  scope: string,
  values: readonly [string, string, string],
): string[] {
  const builder = name(...driver.words, 'data', 'source', 'builder')
  return [
    `var ${builder} = new ${driver.builder}(new ${driver.connectionString}`,
    '{',
    ...driver.keys.map((key, i) => `    ${key} = ${values[i]!},`),
    `    SslMode = ${driver.ssl},`,
    '}.ConnectionString);',
    csharpComment(driver.comment),
    `${builder}.UsePeriodicPasswordProvider(`,
    `    async (_, cancellationToken) => (await ${cred}.GetTokenAsync(new TokenRequestContext(new[] { ${csharpString(scope)} }), cancellationToken)).Token,`,
    '    TimeSpan.FromMinutes(4),',
    '    TimeSpan.FromSeconds(10));',
    `await using var ${name(...driver.words, 'data', 'source')} = ${builder}.Build();`,
  ]
}

/** SqlClient runs DefaultAzureCredential itself; "User Id" carries the managed identity's client ID. */
function sqlLines(ctx: ClientContext, host: string, name: (...w: string[]) => string): string[] {
  const { database } = sqlServerAndDatabase(ctx.connection.resourceName)
  const builder = name('sql', 'connection', 'string')
  const text = `Server=${adoNetValue(`tcp:${host},1433`)};Database=${adoNetValue(database ?? '<database>')};Encrypt=True;Authentication=Active Directory Default`
  const setting = ctx.connection.credential.setting
  return [
    `var ${builder} = new SqlConnectionStringBuilder(${csharpString(text)});`,
    ...(ctx.connection.credential.identity === 'system'
      ? []
      : [
          `// The user-assigned identity's client ID; unset locally, where your az login is used.`,
          `${builder}.UserID = ${setting ? `Environment.GetEnvironmentVariable(${csharpString(setting)}) ?? ""` : csharpString(`<client ID of the ${ctx.connection.credential.label}>`)};`,
        ]),
    `await using var ${name('sql', 'connection')} = new SqlConnection(${builder}.ConnectionString);`,
  ]
}
