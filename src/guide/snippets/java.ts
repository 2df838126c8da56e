import { assertNever } from '../../lib/assert.ts'
import { sqlServerAndDatabase } from '../../catalog/services.ts'
import type { ClientUse, SdkKind } from '../types.ts'
import { MYSQL_PORT, POSTGRESQL_PORT, REDIS_TLS_PORT, tokenWords } from '../clients.ts'
import type { ClientContext, SnippetRenderer } from './renderer.ts'
import { javaComment, javaString } from '../../lib/encode/java.ts'
import { camelCase } from '../../lib/words.ts'

const ARTIFACTS: Readonly<Record<SdkKind, string | readonly string[] | undefined>> = {
  blob: 'com.azure:azure-storage-blob',
  queue: 'com.azure:azure-storage-queue',
  table: 'com.azure:azure-data-tables',
  keyVaultSecrets: 'com.azure:azure-security-keyvault-secrets',
  keyVaultKeys: 'com.azure:azure-security-keyvault-keys',
  keyVaultCertificates: 'com.azure:azure-security-keyvault-certificates',
  serviceBus: 'com.azure:azure-messaging-servicebus',
  eventHubs: 'com.azure:azure-messaging-eventhubs',
  cosmos: 'com.azure:azure-cosmos',
  appConfiguration: 'com.azure:azure-data-appconfiguration',
  sql: 'com.microsoft.sqlserver:mssql-jdbc',
  openAI: 'com.openai:openai-java',
  eventGrid: 'com.azure:azure-messaging-eventgrid',
  search: 'com.azure:azure-search-documents',
  redis: ['redis.clients:jedis', 'redis.clients.authentication:redis-authx-entraid'],
  postgresql: ['org.postgresql:postgresql', 'com.azure:azure-identity-extensions'],
  // Connector/J's Maven coordinates since 8.0.31 (mysql:mysql-connector-java before).
  mysql: ['com.mysql:mysql-connector-j', 'com.azure:azure-identity-extensions'],
  token: undefined,
}

const IMPORTS: Readonly<Record<SdkKind, readonly string[]>> = {
  blob: [
    'com.azure.storage.blob.BlobServiceClient',
    'com.azure.storage.blob.BlobServiceClientBuilder',
  ],
  queue: [
    'com.azure.storage.queue.QueueServiceClient',
    'com.azure.storage.queue.QueueServiceClientBuilder',
  ],
  table: [
    'com.azure.data.tables.TableServiceClient',
    'com.azure.data.tables.TableServiceClientBuilder',
  ],
  keyVaultSecrets: [
    'com.azure.security.keyvault.secrets.SecretClient',
    'com.azure.security.keyvault.secrets.SecretClientBuilder',
  ],
  keyVaultKeys: [
    'com.azure.security.keyvault.keys.KeyClient',
    'com.azure.security.keyvault.keys.KeyClientBuilder',
  ],
  keyVaultCertificates: [
    'com.azure.security.keyvault.certificates.CertificateClient',
    'com.azure.security.keyvault.certificates.CertificateClientBuilder',
  ],
  serviceBus: [
    'com.azure.messaging.servicebus.ServiceBusClientBuilder',
    'com.azure.messaging.servicebus.ServiceBusReceiverClient',
    'com.azure.messaging.servicebus.ServiceBusSenderClient',
  ],
  eventHubs: [
    'com.azure.messaging.eventhubs.EventHubClientBuilder',
    'com.azure.messaging.eventhubs.EventHubConsumerClient',
    'com.azure.messaging.eventhubs.EventHubProducerClient',
  ],
  cosmos: ['com.azure.cosmos.CosmosClient', 'com.azure.cosmos.CosmosClientBuilder'],
  appConfiguration: [
    'com.azure.data.appconfiguration.ConfigurationClient',
    'com.azure.data.appconfiguration.ConfigurationClientBuilder',
  ],
  sql: [
    'com.azure.core.credential.TokenRequestContext',
    'com.microsoft.sqlserver.jdbc.SQLServerDataSource',
  ],
  openAI: [
    'com.azure.identity.AuthenticationUtil',
    'com.openai.client.OpenAIClient',
    'com.openai.client.okhttp.OpenAIOkHttpClient',
    'com.openai.credential.BearerTokenCredential',
  ],
  eventGrid: [
    'com.azure.messaging.eventgrid.EventGridEvent',
    'com.azure.messaging.eventgrid.EventGridPublisherClient',
    'com.azure.messaging.eventgrid.EventGridPublisherClientBuilder',
  ],
  search: [
    'com.azure.search.documents.SearchClient',
    'com.azure.search.documents.SearchClientBuilder',
  ],
  redis: [
    'redis.clients.authentication.entraid.AzureTokenAuthConfigBuilder',
    'redis.clients.jedis.DefaultJedisClientConfig',
    'redis.clients.jedis.HostAndPort',
    'redis.clients.jedis.UnifiedJedis',
    'redis.clients.jedis.authentication.AuthXManager',
  ],
  postgresql: ['java.sql.Connection', 'java.sql.DriverManager', 'java.util.Properties'],
  mysql: ['java.sql.Connection', 'java.sql.DriverManager', 'java.util.Properties'],
  token: ['com.azure.core.credential.AccessToken', 'com.azure.core.credential.TokenRequestContext'],
}

/** azure-identity-extensions' JDBC authentication plugins (learn.microsoft.com passwordless JDBC). */
const POSTGRESQL_PLUGIN =
  'com.azure.identity.extensions.jdbc.postgresql.AzurePostgresqlAuthenticationPlugin'
const MYSQL_PLUGIN = 'com.azure.identity.extensions.jdbc.mysql.AzureMysqlAuthenticationPlugin'

/**
 * A host in a JDBC URL: the characters of a host name stay, any other byte is percent-encoded, so
 * a name cannot end the host and add URL parameters (sslmode, the authentication plugin).
 */
function jdbcHost(host: string): string {
  return [...new TextEncoder().encode(host)]
    .map((b) =>
      /[A-Za-z0-9.-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('')
}

/**
 * The JDBC URL of a PostgreSQL or MySQL connection, as Learn's passwordless JDBC quickstarts write
 * it: TLS required, and azure-identity-extensions' plugin, which gets a token for each connection.
 */
export function jdbcUrl(sdk: 'postgresql' | 'mysql', host: string): string {
  return sdk === 'postgresql'
    ? `jdbc:postgresql://${jdbcHost(host)}:${POSTGRESQL_PORT}/<database>?sslmode=require&authenticationPluginClassName=${POSTGRESQL_PLUGIN}`
    : `jdbc:mysql://${jdbcHost(host)}:${MYSQL_PORT}/<database>?sslMode=REQUIRED&defaultAuthenticationPlugin=${MYSQL_PLUGIN}&authenticationPlugins=${MYSQL_PLUGIN}`
}

/** azure-identity-extensions' JDBC plugins make their own DefaultAzureCredential (azure.clientId). */
function usesCredential(use: ClientUse): boolean {
  return use.sdk !== 'postgresql' && use.sdk !== 'mysql'
}

export const java: SnippetRenderer = {
  language: 'java',
  fence: 'java',
  ident: camelCase,
  comment: javaComment,
  install: (uses) =>
    `Maven: ${[...new Set(['com.azure:azure-identity', ...uses.flatMap((u) => ARTIFACTS[u.sdk] ?? [])])].sort().join(', ')}`,
  imports: (uses) =>
    [
      ...new Set([
        // No DefaultAzureCredential when every client makes its own (the JDBC plugins).
        ...(uses.length > 0 && !uses.some(usesCredential)
          ? []
          : [
              'com.azure.identity.DefaultAzureCredential',
              'com.azure.identity.DefaultAzureCredentialBuilder',
            ]),
        ...uses.flatMap((u) => IMPORTS[u.sdk]),
        ...(uses.some((u) => u.sdk === 'search' && u.audience !== undefined)
          ? ['com.azure.search.documents.models.SearchAudience']
          : []),
      ]),
    ]
      .sort()
      .map((i) => `import ${i};`),
  credential(credential, variable) {
    if (credential.identity === 'system')
      return [`DefaultAzureCredential ${variable} = new DefaultAzureCredentialBuilder().build();`]
    const clientId = credential.setting
      ? `System.getenv(${javaString(credential.setting)})`
      : javaString(`<client ID of the ${credential.label}>`)
    return [
      `DefaultAzureCredential ${variable} = new DefaultAzureCredentialBuilder()`,
      `    .${credential.workload ? 'workloadIdentityClientId' : 'managedIdentityClientId'}(${clientId})`,
      '    .build();',
    ]
  },
  client: clientLines,
  usesCredential,
}

/** `new XBuilder().endpoint(…).credential(…).buildClient()`, the Java SDK's one shape. */
function built(
  type: string,
  variable: string,
  builder: string,
  endpointCall: string,
  cred: string,
  build = 'buildClient',
): string[] {
  return [
    `${type} ${variable} = new ${builder}()`,
    `    .${endpointCall}`,
    `    .credential(${cred})`,
    `    .${build}();`,
  ]
}

function clientLines(ctx: ClientContext): string[] {
  const name = (...words: string[]): string => camelCase([...ctx.prefix, ...words])
  const { use, credential: cred, connection: c } = ctx
  switch (use.sdk) {
    case 'blob':
      return built(
        'BlobServiceClient',
        name('blob', 'service', 'client'),
        'BlobServiceClientBuilder',
        `endpoint(${javaString(use.endpoint)})`,
        cred,
      )
    case 'queue':
      return built(
        'QueueServiceClient',
        name('queue', 'service', 'client'),
        'QueueServiceClientBuilder',
        `endpoint(${javaString(use.endpoint)})`,
        cred,
      )
    case 'table':
      return built(
        'TableServiceClient',
        name('table', 'service', 'client'),
        'TableServiceClientBuilder',
        `endpoint(${javaString(use.endpoint)})`,
        cred,
      )
    case 'keyVaultSecrets':
      return built(
        'SecretClient',
        name('secret', 'client'),
        'SecretClientBuilder',
        `vaultUrl(${javaString(use.endpoint)})`,
        cred,
      )
    case 'keyVaultKeys':
      return built(
        'KeyClient',
        name('key', 'client'),
        'KeyClientBuilder',
        `vaultUrl(${javaString(use.endpoint)})`,
        cred,
      )
    case 'keyVaultCertificates':
      return built(
        'CertificateClient',
        name('certificate', 'client'),
        'CertificateClientBuilder',
        `vaultUrl(${javaString(use.endpoint)})`,
        cred,
      )
    case 'serviceBus':
      return [
        ...(c.canSend
          ? built(
              'ServiceBusSenderClient',
              name('sender'),
              'ServiceBusClientBuilder',
              `fullyQualifiedNamespace(${javaString(use.endpoint)})`,
              cred,
              'sender().queueName("<queue>").buildClient',
            )
          : []),
        ...(c.canReceive
          ? built(
              'ServiceBusReceiverClient',
              name('receiver'),
              'ServiceBusClientBuilder',
              `fullyQualifiedNamespace(${javaString(use.endpoint)})`,
              cred,
              'receiver().queueName("<queue>").buildClient',
            )
          : []),
      ]
    case 'eventHubs':
      return [
        ...(c.canSend
          ? built(
              'EventHubProducerClient',
              name('producer'),
              'EventHubClientBuilder',
              `fullyQualifiedNamespace(${javaString(use.endpoint)}).eventHubName("<event-hub>")`,
              cred,
              'buildProducerClient',
            )
          : []),
        ...(c.canReceive
          ? built(
              'EventHubConsumerClient',
              name('consumer'),
              'EventHubClientBuilder',
              `fullyQualifiedNamespace(${javaString(use.endpoint)}).eventHubName("<event-hub>")`,
              cred,
              'consumerGroup(EventHubClientBuilder.DEFAULT_CONSUMER_GROUP_NAME).buildConsumerClient',
            )
          : []),
      ]
    case 'cosmos':
      return built(
        'CosmosClient',
        name('cosmos', 'client'),
        'CosmosClientBuilder',
        `endpoint(${javaString(use.endpoint)})`,
        cred,
      )
    case 'appConfiguration':
      return built(
        'ConfigurationClient',
        name('configuration', 'client'),
        'ConfigurationClientBuilder',
        `endpoint(${javaString(use.endpoint)})`,
        cred,
      )
    case 'sql': {
      const { database } = sqlServerAndDatabase(c.resourceName)
      const ds = name('sql', 'data', 'source')
      return [
        `SQLServerDataSource ${ds} = new SQLServerDataSource();`,
        `${ds}.setServerName(${javaString(use.endpoint)});`,
        `${ds}.setDatabaseName(${javaString(database ?? '<database>')});`,
        '// Tokens last about an hour: set a fresh one before opening new connections.',
        `${ds}.setAccessToken(${cred}.getTokenSync(new TokenRequestContext().addScopes(${javaString(use.scope)})).getToken());`,
      ]
    }
    case 'openAI':
      // openai-java on the Azure OpenAI v1 API (…/openai/v1/), with a refreshing Entra token.
      return [
        `OpenAIClient ${name('open', 'a', 'i', 'client')} = OpenAIOkHttpClient.builder()`,
        `    .baseUrl(${javaString(`${use.endpoint.endsWith('/') ? use.endpoint : `${use.endpoint}/`}openai/v1/`)})`,
        `    .credential(BearerTokenCredential.create(AuthenticationUtil.getBearerTokenSupplier(${cred}, ${javaString(use.scope)})))`,
        '    .build();',
      ]
    case 'eventGrid':
      return built(
        'EventGridPublisherClient<EventGridEvent>',
        name('event', 'grid', 'publisher', 'client'),
        'EventGridPublisherClientBuilder',
        `endpoint(${javaString(use.endpoint)})`,
        cred,
        'buildEventGridEventPublisherClient',
      )
    case 'search':
      return built(
        'SearchClient',
        name('search', 'client'),
        'SearchClientBuilder',
        `endpoint(${javaString(use.endpoint)}).indexName("<index>")${use.audience === undefined ? '' : `.audience(SearchAudience.fromString(${javaString(use.audience)}))`}`,
        cred,
      )
    case 'redis':
      // redis-authx-entraid renews the token before it expires and Jedis re-authenticates its
      // connections, signing in with the token's object id (oid) as the user name.
      return [
        `UnifiedJedis ${name('redis', 'client')} = new UnifiedJedis(`,
        `    new HostAndPort(${javaString(use.endpoint)}, ${REDIS_TLS_PORT}),`,
        '    DefaultJedisClientConfig.builder()',
        `        .authXManager(new AuthXManager(AzureTokenAuthConfigBuilder.builder().defaultAzureCredential(${cred}).build()))`,
        '        .ssl(true)',
        '        .build());',
      ]
    case 'postgresql':
    case 'mysql':
      return jdbcLines(ctx, use.sdk, use.endpoint, use.audience, name)
    case 'token':
      return [
        `AccessToken ${name(...tokenWords(use))} = ${cred}.getTokenSync(new TokenRequestContext().addScopes(${javaString(use.scope)}));`,
      ]
    default:
      return assertNever(use)
  }
}

/**
 * JDBC with azure-identity-extensions: the plugin named in the URL gets a token from its own
 * DefaultAzureCredential for each connection; a user-assigned identity's client ID goes in the
 * `azure.clientId` property (Properties takes no null, so an unset setting is left out).
 */
function jdbcLines(
  ctx: ClientContext,
  sdk: 'postgresql' | 'mysql',
  host: string,
  audience: string | undefined,
  name: (...w: string[]) => string,
): string[] {
  const words = sdk === 'postgresql' ? ['postgres'] : ['mysql']
  const properties = name(...words, 'properties')
  const credential = ctx.connection.credential
  const setting = credential.setting
  const clientId =
    credential.identity === 'system'
      ? []
      : setting
        ? [
            `if (System.getenv(${javaString(setting)}) != null) ${properties}.setProperty("azure.clientId", System.getenv(${javaString(setting)}));`,
          ]
        : [
            `${properties}.setProperty("azure.clientId", ${javaString(`<client ID of the ${credential.label}>`)});`,
          ]
  return [
    `Properties ${properties} = new Properties();`,
    `${properties}.setProperty("user", ${javaString(ctx.connection.databaseUser ?? '')});`,
    // The plugins ask for the public cloud's audience unless told another (AuthProperty SCOPES).
    ...(audience === undefined
      ? []
      : [`${properties}.setProperty("azure.scopes", ${javaString(audience)});`]),
    ...(clientId.length > 0
      ? [
          "// The user-assigned identity's client ID for the plugin's DefaultAzureCredential; unset locally, where your az login is used.",
          ...clientId,
        ]
      : []),
    '// The plugin gets a token (cached until shortly before it expires) each time a connection opens.',
    `Connection ${name(...words, 'connection')} = DriverManager.getConnection(${javaString(jdbcUrl(sdk, host))}, ${properties});`,
  ]
}
