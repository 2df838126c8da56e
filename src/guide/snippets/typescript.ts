import { assertNever } from '../../lib/assert.ts'
import { sqlServerAndDatabase } from '../../catalog/services.ts'
import type { SdkKind } from '../types.ts'
import { OPENAI_API_VERSION, REDIS_TLS_PORT, tokenWords } from '../clients.ts'
import type { ClientContext, SnippetRenderer } from './renderer.ts'
import { typescriptComment, typescriptString } from '../../lib/encode/typescript.ts'
import { camelCase } from '../../lib/words.ts'

/** An import of a client library: its npm package, the module path, and what the code names from it. */
interface ModuleImport {
  readonly package: string
  readonly from: string
  readonly names?: readonly string[]
  /** The default export's local name (the CommonJS drivers: mssql, pg, mysql2). */
  readonly default?: string
}

const MODULES: Readonly<Record<SdkKind, readonly ModuleImport[]>> = {
  blob: [
    { package: '@azure/storage-blob', from: '@azure/storage-blob', names: ['BlobServiceClient'] },
  ],
  queue: [
    {
      package: '@azure/storage-queue',
      from: '@azure/storage-queue',
      names: ['QueueServiceClient'],
    },
  ],
  table: [
    { package: '@azure/data-tables', from: '@azure/data-tables', names: ['TableServiceClient'] },
  ],
  keyVaultSecrets: [
    {
      package: '@azure/keyvault-secrets',
      from: '@azure/keyvault-secrets',
      names: ['SecretClient'],
    },
  ],
  keyVaultKeys: [
    { package: '@azure/keyvault-keys', from: '@azure/keyvault-keys', names: ['KeyClient'] },
  ],
  keyVaultCertificates: [
    {
      package: '@azure/keyvault-certificates',
      from: '@azure/keyvault-certificates',
      names: ['CertificateClient'],
    },
  ],
  serviceBus: [
    { package: '@azure/service-bus', from: '@azure/service-bus', names: ['ServiceBusClient'] },
  ],
  eventHubs: [
    {
      package: '@azure/event-hubs',
      from: '@azure/event-hubs',
      names: ['EventHubConsumerClient', 'EventHubProducerClient'],
    },
  ],
  cosmos: [{ package: '@azure/cosmos', from: '@azure/cosmos', names: ['CosmosClient'] }],
  appConfiguration: [
    {
      package: '@azure/app-configuration',
      from: '@azure/app-configuration',
      names: ['AppConfigurationClient'],
    },
  ],
  sql: [{ package: 'mssql', from: 'mssql', default: 'sql' }],
  openAI: [{ package: 'openai', from: 'openai', names: ['AzureOpenAI'] }],
  eventGrid: [
    { package: '@azure/eventgrid', from: '@azure/eventgrid', names: ['EventGridPublisherClient'] },
  ],
  search: [
    {
      package: '@azure/search-documents',
      from: '@azure/search-documents',
      names: ['SearchClient'],
    },
  ],
  redis: [
    { package: '@redis/client', from: '@redis/client', names: ['createClient'] },
    {
      package: '@redis/entraid',
      from: '@redis/entraid',
      names: ['EntraIdCredentialsProviderFactory', 'REDIS_SCOPE_DEFAULT'],
    },
  ],
  postgresql: [{ package: 'pg', from: 'pg', default: 'pg' }],
  mysql: [{ package: 'mysql2', from: 'mysql2/promise', default: 'mysql' }],
  token: [],
}

/** Node's environment object, spelled for the generated code (this module never reads it). */
const NODE_ENV = ['process', 'env'].join('.')

export const typescript: SnippetRenderer = {
  language: 'typescript',
  fence: 'ts',
  ident: camelCase,
  comment: typescriptComment,
  install: (uses) =>
    `npm install ${[...new Set(['@azure/identity', ...uses.flatMap((u) => MODULES[u.sdk].map((m) => m.package))])].sort().join(' ')}`,
  imports(uses) {
    const byModule = new Map<string, { names: Set<string>; default?: string }>([
      [
        '@azure/identity',
        {
          names: new Set([
            'DefaultAzureCredential',
            ...(uses.some((u) => u.sdk === 'openAI') ? ['getBearerTokenProvider'] : []),
          ]),
        },
      ],
    ])
    for (const m of uses.flatMap((u) => MODULES[u.sdk])) {
      const entry = byModule.get(m.from) ?? { names: new Set<string>() }
      for (const n of m.names ?? []) entry.names.add(n)
      byModule.set(m.from, m.default ? { ...entry, default: m.default } : entry)
    }
    return [...byModule.keys()].sort().map((m) => {
      const entry = byModule.get(m)!
      const names = [...entry.names].sort()
      const bindings = [
        ...(entry.default ? [entry.default] : []),
        ...(names.length > 0 ? [`{ ${names.join(', ')} }`] : []),
      ]
      return `import ${bindings.join(', ')} from ${typescriptString(m)}`
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
      const { database } = sqlServerAndDatabase(c.resourceName)
      return [
        '// tedious (under mssql) asks the credential for a token on every new connection.',
        `const ${name('sql', 'pool')} = await sql.connect({`,
        `  server: ${typescriptString(use.endpoint)},`,
        `  database: ${typescriptString(database ?? '<database>')},`,
        '  options: { encrypt: true },',
        `  authentication: { type: "token-credential", options: { credential: ${cred} } },`,
        '})',
      ]
    }
    case 'openAI':
      // The openai package's Azure client, with a provider that refreshes the Entra token.
      return [
        `const ${name('open', 'a', 'i', 'client')} = new AzureOpenAI({ endpoint: ${typescriptString(use.endpoint)}, azureADTokenProvider: getBearerTokenProvider(${cred}, ${typescriptString(use.scope)}), apiVersion: ${typescriptString(OPENAI_API_VERSION)} })`,
      ]
    case 'eventGrid':
      return [
        `const ${name('event', 'grid', 'publisher', 'client')} = new EventGridPublisherClient(${typescriptString(use.endpoint)}, "EventGrid", ${cred})`,
      ]
    case 'search':
      return [
        `const ${name('search', 'client')} = new SearchClient(${typescriptString(use.endpoint)}, "<index>", ${cred}${use.audience === undefined ? '' : `, { audience: ${typescriptString(use.audience)} }`})`,
      ]
    case 'redis':
      // @redis/entraid renews the token before it expires and re-authenticates the connection,
      // signing in with the token's object id (oid) as the user name.
      return [
        `const ${name('redis', 'client')} = await createClient({`,
        `  socket: { host: ${typescriptString(use.endpoint)}, port: ${REDIS_TLS_PORT}, tls: true },`,
        '  credentialsProvider: EntraIdCredentialsProviderFactory.createForDefaultAzureCredential({',
        `    credential: ${cred},`,
        '    scopes: REDIS_SCOPE_DEFAULT,',
        '    tokenManagerConfig: { expirationRefreshRatio: 0.8 },',
        '  }),',
        '}).connect()',
      ]
    case 'postgresql':
      return [
        `const ${name('postgres', 'pool')} = new pg.Pool({`,
        `  host: ${typescriptString(use.endpoint)},`,
        '  database: "<database>",',
        `  user: ${typescriptString(c.databaseUser ?? '')},`,
        '  // Called for each new connection: a token from the credential, cached until shortly before it expires.',
        `  password: async () => (await ${cred}.getToken(${typescriptString(use.scope)})).token,`,
        '  ssl: true,',
        '})',
      ]
    case 'mysql':
      return [
        '// A token from the credential (cached until shortly before it expires) for each new connection, sent in clear text over TLS.',
        `const ${name('mysql', 'connect')} = async () =>`,
        '  await mysql.createConnection({',
        `    host: ${typescriptString(use.endpoint)},`,
        '    database: "<database>",',
        `    user: ${typescriptString(c.databaseUser ?? '')},`,
        `    password: (await ${cred}.getToken(${typescriptString(use.scope)})).token,`,
        '    ssl: { rejectUnauthorized: true },',
        '    enableCleartextPlugin: true,',
        '  })',
      ]
    case 'token':
      return [
        `const ${name(...tokenWords(use))} = await ${cred}.getToken(${typescriptString(use.scope)})`,
      ]
    default:
      return assertNever(use)
  }
}
