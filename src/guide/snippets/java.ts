import { assertNever } from '../../lib/assert.ts'
import { sqlServerAndDatabase } from '../../catalog/services.ts'
import type { SdkKind } from '../types.ts'
import { OPENAI_SCOPE, tokenWords } from '../clients.ts'
import type { ClientContext, SnippetRenderer } from './renderer.ts'
import { javaComment, javaString } from '../../lib/encode/java.ts'
import { camelCase } from '../../lib/words.ts'

const ARTIFACTS: Readonly<Record<SdkKind, string | undefined>> = {
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
  token: ['com.azure.core.credential.AccessToken', 'com.azure.core.credential.TokenRequestContext'],
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
        'com.azure.identity.DefaultAzureCredential',
        'com.azure.identity.DefaultAzureCredentialBuilder',
        ...uses.flatMap((u) => IMPORTS[u.sdk]),
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
  usesCredential: () => true,
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
      const { server, database } = sqlServerAndDatabase(c.resourceName)
      const ds = name('sql', 'data', 'source')
      return [
        `SQLServerDataSource ${ds} = new SQLServerDataSource();`,
        `${ds}.setServerName(${javaString(`${server}.database.windows.net`)});`,
        `${ds}.setDatabaseName(${javaString(database ?? '<database>')});`,
        '// Tokens last about an hour: set a fresh one before opening new connections.',
        `${ds}.setAccessToken(${cred}.getTokenSync(new TokenRequestContext().addScopes("https://database.windows.net/.default")).getToken());`,
      ]
    }
    case 'openAI':
      // openai-java on the Azure OpenAI v1 API (…/openai/v1/), with a refreshing Entra token.
      return [
        `OpenAIClient ${name('open', 'a', 'i', 'client')} = OpenAIOkHttpClient.builder()`,
        `    .baseUrl(${javaString(`${use.endpoint.endsWith('/') ? use.endpoint : `${use.endpoint}/`}openai/v1/`)})`,
        `    .credential(BearerTokenCredential.create(AuthenticationUtil.getBearerTokenSupplier(${cred}, ${javaString(OPENAI_SCOPE)})))`,
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
        `endpoint(${javaString(use.endpoint)}).indexName("<index>")`,
        cred,
      )
    case 'token':
      return [
        `AccessToken ${name(...tokenWords(use))} = ${cred}.getTokenSync(new TokenRequestContext().addScopes(${javaString(use.scope)}));`,
      ]
    default:
      return assertNever(use)
  }
}
