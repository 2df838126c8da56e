import { assertNever } from '../../lib/assert.ts'
import { sqlServerAndDatabase } from '../../catalog/services.ts'
import type { ClientUse, SdkKind } from '../types.ts'
import { tokenWords } from '../clients.ts'
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
      return sqlLines(ctx, name)
    case 'openAI':
      // Azure.AI.OpenAI 2.x: the client asks the credential for Cognitive Services tokens itself.
      return [
        `var ${name('open', 'a', 'i', 'client')} = new AzureOpenAIClient(new Uri(${csharpString(use.endpoint)}), ${cred});`,
      ]
    case 'eventGrid':
      return [
        `var ${name('event', 'grid', 'publisher', 'client')} = new EventGridPublisherClient(new Uri(${csharpString(use.endpoint)}), ${cred});`,
      ]
    case 'search':
      return [
        `var ${name('search', 'client')} = new SearchClient(new Uri(${csharpString(use.endpoint)}), "<index>", ${cred});`,
      ]
    case 'token':
      return [
        `AccessToken ${name(...tokenWords(use))} = await ${cred}.GetTokenAsync(new TokenRequestContext(new[] { ${csharpString(use.scope)} }));`,
      ]
    default:
      return assertNever(use)
  }
}

/** SqlClient runs DefaultAzureCredential itself; "User Id" carries the managed identity's client ID. */
function sqlLines(ctx: ClientContext, name: (...w: string[]) => string): string[] {
  const { server, database } = sqlServerAndDatabase(ctx.connection.resourceName)
  const builder = name('sql', 'connection', 'string')
  const text = `Server=${adoNetValue(`tcp:${server}.database.windows.net,1433`)};Database=${adoNetValue(database ?? '<database>')};Encrypt=True;Authentication=Active Directory Default`
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
