import { assertNever } from '../../lib/assert.ts'
import { sqlServerAndDatabase } from '../../catalog/services.ts'
import type { SdkKind } from '../types.ts'
import { OPENAI_API_VERSION, OPENAI_SCOPE, tokenWords } from '../clients.ts'
import type { ClientContext, SnippetRenderer } from './renderer.ts'
import { typescriptComment, typescriptString } from '../../lib/encode/typescript.ts'
import { camelCase } from '../../lib/words.ts'

/** npm package and the names imported from it, per client library. */
const MODULES: Readonly<Record<SdkKind, readonly [string, readonly string[]] | undefined>> = {
  blob: ['@azure/storage-blob', ['BlobServiceClient']],
  queue: ['@azure/storage-queue', ['QueueServiceClient']],
  table: ['@azure/data-tables', ['TableServiceClient']],
  keyVaultSecrets: ['@azure/keyvault-secrets', ['SecretClient']],
  keyVaultKeys: ['@azure/keyvault-keys', ['KeyClient']],
  keyVaultCertificates: ['@azure/keyvault-certificates', ['CertificateClient']],
  serviceBus: ['@azure/service-bus', ['ServiceBusClient']],
  eventHubs: ['@azure/event-hubs', ['EventHubConsumerClient', 'EventHubProducerClient']],
  cosmos: ['@azure/cosmos', ['CosmosClient']],
  appConfiguration: ['@azure/app-configuration', ['AppConfigurationClient']],
  sql: ['mssql', []],
  openAI: ['openai', ['AzureOpenAI']],
  eventGrid: ['@azure/eventgrid', ['EventGridPublisherClient']],
  search: ['@azure/search-documents', ['SearchClient']],
  token: undefined,
}

/** Node's environment object, spelled for the generated code (this module never reads it). */
const NODE_ENV = ['process', 'env'].join('.')

export const typescript: SnippetRenderer = {
  language: 'typescript',
  fence: 'ts',
  ident: camelCase,
  comment: typescriptComment,
  install: (uses) =>
    `npm install ${[...new Set(['@azure/identity', ...uses.flatMap((u) => MODULES[u.sdk]?.[0] ?? [])])].sort().join(' ')}`,
  imports(uses) {
    const byModule = new Map<string, Set<string>>([
      [
        '@azure/identity',
        new Set([
          'DefaultAzureCredential',
          ...(uses.some((u) => u.sdk === 'openAI') ? ['getBearerTokenProvider'] : []),
        ]),
      ],
    ])
    for (const use of uses) {
      const entry = MODULES[use.sdk]
      if (!entry) continue
      const names = byModule.get(entry[0]) ?? new Set<string>()
      for (const n of entry[1]) names.add(n)
      byModule.set(entry[0], names)
    }
    return [...byModule.keys()].sort().map((m) => {
      const names = [...(byModule.get(m) ?? [])].sort()
      return names.length === 0
        ? `import sql from ${typescriptString(m)}`
        : `import { ${names.join(', ')} } from ${typescriptString(m)}`
    })
  },
  credential(credential, variable) {
    if (credential.identity === 'system')
      return [`const ${variable} = new DefaultAzureCredential()`]
    const clientId = credential.setting
      ? `${NODE_ENV}.${credential.setting}`
      : typescriptString(`<client ID of the ${credential.label}>`)
    return [
      `const ${variable} = new DefaultAzureCredential({ ${credential.workload ? 'workloadIdentityClientId' : 'managedIdentityClientId'}: ${clientId} })`,
    ]
  },
  client: clientLines,
  usesCredential: () => true,
}

function clientLines(ctx: ClientContext): string[] {
  const name = (...words: string[]): string => camelCase([...ctx.prefix, ...words])
  const { use, credential: cred, connection: c } = ctx
  switch (use.sdk) {
    case 'blob':
      return [
        `const ${name('blob', 'service', 'client')} = new BlobServiceClient(${typescriptString(use.endpoint)}, ${cred})`,
      ]
    case 'queue':
      return [
        `const ${name('queue', 'service', 'client')} = new QueueServiceClient(${typescriptString(use.endpoint)}, ${cred})`,
      ]
    case 'table':
      return [
        `const ${name('table', 'service', 'client')} = new TableServiceClient(${typescriptString(use.endpoint)}, ${cred})`,
      ]
    case 'keyVaultSecrets':
      return [
        `const ${name('secret', 'client')} = new SecretClient(${typescriptString(use.endpoint)}, ${cred})`,
      ]
    case 'keyVaultKeys':
      return [
        `const ${name('key', 'client')} = new KeyClient(${typescriptString(use.endpoint)}, ${cred})`,
      ]
    case 'keyVaultCertificates':
      return [
        `const ${name('certificate', 'client')} = new CertificateClient(${typescriptString(use.endpoint)}, ${cred})`,
      ]
    case 'serviceBus': {
      const client = name('service', 'bus', 'client')
      return [
        `const ${client} = new ServiceBusClient(${typescriptString(use.endpoint)}, ${cred})`,
        ...(c.canSend
          ? [`const ${name('sender')} = ${client}.createSender("<queue-or-topic>")`]
          : []),
        ...(c.canReceive
          ? [`const ${name('receiver')} = ${client}.createReceiver("<queue>")`]
          : []),
      ]
    }
    case 'eventHubs':
      return [
        ...(c.canSend
          ? [
              `const ${name('producer')} = new EventHubProducerClient(${typescriptString(use.endpoint)}, "<event-hub>", ${cred})`,
            ]
          : []),
        ...(c.canReceive
          ? [
              `const ${name('consumer')} = new EventHubConsumerClient("$Default", ${typescriptString(use.endpoint)}, "<event-hub>", ${cred})`,
            ]
          : []),
      ]
    case 'cosmos':
      return [
        `const ${name('cosmos', 'client')} = new CosmosClient({ endpoint: ${typescriptString(use.endpoint)}, aadCredentials: ${cred} })`,
      ]
    case 'appConfiguration':
      return [
        `const ${name('configuration', 'client')} = new AppConfigurationClient(${typescriptString(use.endpoint)}, ${cred})`,
      ]
    case 'sql': {
      const { server, database } = sqlServerAndDatabase(c.resourceName)
      return [
        '// tedious (under mssql) asks the credential for a token on every new connection.',
        `const ${name('sql', 'pool')} = await sql.connect({`,
        `  server: ${typescriptString(`${server}.database.windows.net`)},`,
        `  database: ${typescriptString(database ?? '<database>')},`,
        '  options: { encrypt: true },',
        `  authentication: { type: "token-credential", options: { credential: ${cred} } },`,
        '})',
      ]
    }
    case 'openAI':
      // The openai package's Azure client, with a provider that refreshes the Entra token.
      return [
        `const ${name('open', 'a', 'i', 'client')} = new AzureOpenAI({ endpoint: ${typescriptString(use.endpoint)}, azureADTokenProvider: getBearerTokenProvider(${cred}, ${typescriptString(OPENAI_SCOPE)}), apiVersion: ${typescriptString(OPENAI_API_VERSION)} })`,
      ]
    case 'eventGrid':
      return [
        `const ${name('event', 'grid', 'publisher', 'client')} = new EventGridPublisherClient(${typescriptString(use.endpoint)}, "EventGrid", ${cred})`,
      ]
    case 'search':
      return [
        `const ${name('search', 'client')} = new SearchClient(${typescriptString(use.endpoint)}, "<index>", ${cred})`,
      ]
    case 'token':
      return [
        `const ${name(...tokenWords(use))} = await ${cred}.getToken(${typescriptString(use.scope)})`,
      ]
    default:
      return assertNever(use)
  }
}
