import { describe, expect, it } from 'vitest'
import type { CloudName } from '@/catalog/clouds.ts'
import { connectionGuide } from '@/guide/derive-guide.ts'
import { guideMarkdown } from '@/guide/markdown.ts'
import { appSnippet, connectionSnippet } from '@/guide/snippets/assemble.ts'
import type { AppGuide } from '@/guide/types.ts'
import type { Design } from '@/model/types.ts'
import { design } from '../support/builder.ts'
import {
  csharpTokens,
  HAS_JAVA,
  javaTokens,
  javaUnit,
  pythonTokens,
  typescriptTokens,
} from '../support/code-syntax.ts'

/** One Function App reaching every kind of service with a data role, and a Container App pulling from a registry. */
function everyKind(): Design {
  return design()
    .named('Sovereign')
    .app('fn', { name: 'contoso-fn', hosting: 'functionApp', systemAssigned: true })
    .app('ca', { name: 'contoso-ca', hosting: 'containerApp', systemAssigned: true })
    .service('st', 'storage', { name: 'contosost' })
    .service('kv', 'keyVault', { name: 'kv-contoso' })
    .service('sb', 'serviceBus', { name: 'contoso-bus' })
    .service('eh', 'eventHubs', { name: 'contoso-events' })
    .service('eg', 'eventGrid', { name: 'contoso-topic' })
    .service('cosmos', 'cosmosDb', { name: 'contoso-cosmos' })
    .service('sql', 'sql', { name: 'contoso-sql/orders' })
    .service('cfg', 'appConfiguration', { name: 'contoso-config' })
    .service('acr', 'containerRegistry', { name: 'ContosoAcr' })
    .service('oai', 'openAI', { name: 'contoso-openai' })
    .service('srch', 'search', { name: 'contoso-search' })
    .service('sig', 'signalR', { name: 'contoso-signalr' })
    .service('pg', 'postgresql', { name: 'contoso-pg' })
    .service('my', 'mysql', { name: 'contoso-mysql' })
    .service('redis', 'redis', { name: 'contoso-redis' })
    .access('fn', 'st', ['Storage Blob Data Reader', 'Storage Queue Data Reader', 'Reader'])
    .access('fn', 'kv', ['Key Vault Secrets User'])
    .access('fn', 'sb', ['Azure Service Bus Data Sender'])
    .access('fn', 'eh', ['Azure Event Hubs Data Sender'])
    .access('fn', 'eg', ['EventGrid Data Sender'])
    .access('fn', 'cosmos', ['Cosmos DB Built-in Data Reader'])
    .access('fn', 'sql', ['db_datareader'])
    .access('fn', 'cfg', ['App Configuration Data Reader'])
    .access('fn', 'oai', ['Cognitive Services OpenAI User'])
    .access('fn', 'srch', ['Search Index Data Reader'])
    .access('fn', 'sig', ['SignalR App Server'])
    .access('fn', 'pg', ['pg_read_all_data'])
    .access('fn', 'my', ['SELECT'])
    .access('fn', 'redis', ['Data Reader'])
    .access('ca', 'acr', ['AcrPull'])
    .build()
}

const guideIn = (cloud: CloudName) => connectionGuide(everyKind(), { cloud })
const fnOf = (cloud: CloudName): AppGuide => guideIn(cloud).apps.find((a) => a.app === 'fn')!
const endpoints = (app: AppGuide) =>
  Object.fromEntries(app.connections.map((c) => [c.serviceKind, c.endpoint]))
const codeOf = (app: AppGuide, service: string, language: Parameters<typeof appSnippet>[1]) =>
  connectionSnippet(
    app,
    app.connections.find((c) => c.service === service)!,
    language,
  )

// Audiences Microsoft documents (or its client libraries use) for every cloud alike.
const ONE_FOR_ALL_CLOUDS = [
  'https://storage.azure.com/.default',
  'https://servicebus.azure.net/.default',
  'https://eventhubs.azure.net/.default',
  'https://eventgrid.azure.net/.default',
  'https://signalr.azure.com/.default',
  'https://redis.azure.com/.default',
]
const PUBLIC_HOST =
  /[\w.-]*(windows\.net|azure\.com|azure\.net|azconfig\.io|azurecr\.io)\b[^\s"'`)]*/g

describe('the connection guide in a sovereign cloud', () => {
  it("uses Azure US Government's endpoints for every kind of service", () => {
    expect(endpoints(fnOf('AzureUSGovernment'))).toEqual({
      storage: 'https://contosost.blob.core.usgovcloudapi.net',
      keyVault: 'https://kv-contoso.vault.usgovcloudapi.net',
      serviceBus: 'contoso-bus.servicebus.usgovcloudapi.net',
      eventHubs: 'contoso-events.servicebus.usgovcloudapi.net',
      eventGrid: 'https://contoso-topic.<region>-1.eventgrid.azure.us/api/events',
      cosmosDb: 'https://contoso-cosmos.documents.azure.us:443/',
      sql: 'contoso-sql.database.usgovcloudapi.net',
      appConfiguration: 'https://contoso-config.azconfig.azure.us',
      openAI: 'https://contoso-openai.openai.azure.us/',
      search: 'https://contoso-search.search.azure.us',
      signalR:
        "https://<the SignalR host name in Azure US Government: copy it from the resource's Overview page>",
      postgresql: 'contoso-pg.postgres.database.usgovcloudapi.net',
      mysql: 'contoso-mysql.mysql.database.usgovcloudapi.net',
      redis: 'contoso-redis.redis.cache.usgovcloudapi.net:6380',
    })
  })

  it("uses Azure China's endpoints for every kind of service", () => {
    expect(endpoints(fnOf('AzureChinaCloud'))).toEqual({
      storage: 'https://contosost.blob.core.chinacloudapi.cn',
      keyVault: 'https://kv-contoso.vault.azure.cn',
      serviceBus: 'contoso-bus.servicebus.chinacloudapi.cn',
      eventHubs: 'contoso-events.servicebus.chinacloudapi.cn',
      eventGrid: 'https://contoso-topic.<region>-1.eventgrid.azure.cn/api/events',
      cosmosDb: 'https://contoso-cosmos.documents.azure.cn:443/',
      sql: 'contoso-sql.database.chinacloudapi.cn',
      appConfiguration: 'https://contoso-config.azconfig.azure.cn',
      openAI:
        "https://<the Azure OpenAI host name in Azure China: copy it from the resource's Overview page>",
      search: 'https://contoso-search.search.azure.cn',
      signalR: 'https://contoso-signalr.service.signalr.azure.cn',
      postgresql: 'contoso-pg.postgres.database.chinacloudapi.cn',
      mysql: 'contoso-mysql.mysql.database.chinacloudapi.cn',
      redis: 'contoso-redis.redis.cache.chinacloudapi.cn:6380',
    })
  })

  it.each(['AzureUSGovernment', 'AzureChinaCloud'] as const)(
    '%s: no public-cloud host or audience is left in the guide, its code in any language or its notes',
    (cloud) => {
      const guide = guideIn(cloud)
      const everything = `${guideMarkdown(guide)}\n${JSON.stringify(guide)}`
      const leaks = [...everything.matchAll(PUBLIC_HOST)]
        .map((m) => m[0])
        .filter((host) => !ONE_FOR_ALL_CLOUDS.some((a) => a.includes(host)))
      expect(leaks).toEqual([])
    },
  )

  it("asks for the cloud's tokens where the code names a scope, in every language", () => {
    const fn = fnOf('AzureUSGovernment')
    expect(codeOf(fn, 'sql', 'python')).toContain(
      'get_token("https://database.usgovcloudapi.net/.default")',
    )
    expect(codeOf(fn, 'sql', 'java')).toContain(
      'addScopes("https://database.usgovcloudapi.net/.default")',
    )
    expect(codeOf(fn, 'sql', 'csharp')).toContain(
      '"Server=tcp:contoso-sql.database.usgovcloudapi.net,1433;Database=orders;',
    )
    expect(codeOf(fn, 'sql', 'typescript')).toContain(
      'server: "contoso-sql.database.usgovcloudapi.net",',
    )
    const ossrdbms = 'https://ossrdbms-aad.database.usgovcloudapi.net/.default'
    expect(codeOf(fn, 'pg', 'csharp')).toContain(`new TokenRequestContext(new[] { "${ossrdbms}" })`)
    expect(codeOf(fn, 'pg', 'typescript')).toContain(`getToken("${ossrdbms}")`)
    expect(codeOf(fn, 'my', 'python')).toContain(`get_token("${ossrdbms}")`)
    expect(codeOf(fn, 'pg', 'java')).toContain(`.setProperty("azure.scopes", "${ossrdbms}");`)
    expect(codeOf(fn, 'my', 'java')).toContain(`.setProperty("azure.scopes", "${ossrdbms}");`)
    const cognitive = 'https://cognitiveservices.azure.us/.default'
    expect(codeOf(fn, 'oai', 'python')).toContain(
      `get_bearer_token_provider(credential, "${cognitive}")`,
    )
    expect(codeOf(fn, 'oai', 'typescript')).toContain(
      `getBearerTokenProvider(credential, "${cognitive}")`,
    )
    expect(codeOf(fn, 'oai', 'java')).toContain(
      `getBearerTokenSupplier(credential, "${cognitive}")`,
    )
    expect(codeOf(fn, 'st', 'csharp')).toContain(
      'new TokenRequestContext(new[] { "https://management.usgovcloudapi.net/.default" })',
    )
    expect(codeOf(fn, 'st', 'csharp')).toContain('AccessToken managementToken')
  })

  it('tells the clients that assume the public audience which one to use', () => {
    const fn = fnOf('AzureChinaCloud')
    expect(codeOf(fn, 'srch', 'csharp')).toContain(
      'new SearchClientOptions { Audience = new SearchAudience("https://search.azure.cn") }',
    )
    expect(codeOf(fn, 'srch', 'typescript')).toContain('{ audience: "https://search.azure.cn" }')
    expect(codeOf(fn, 'srch', 'python')).toContain('audience="https://search.azure.cn")')
    expect(codeOf(fn, 'srch', 'java')).toContain(
      '.audience(SearchAudience.fromString("https://search.azure.cn"))',
    )
    expect(appSnippet(fn, 'java')).toContain(
      'import com.azure.search.documents.models.SearchAudience;',
    )
    expect(codeOf(fn, 'oai', 'csharp')).toContain(
      'new AzureOpenAIClientOptions { Audience = new AzureOpenAIAudience("https://cognitiveservices.azure.cn/.default") }',
    )
  })

  it.each(['AzureUSGovernment', 'AzureChinaCloud'] as const)(
    '%s: each language reads the code of every kind of service (TypeScript and Python parse it), each endpoint a string',
    (cloud) => {
      const fn = fnOf(cloud)
      const hosts = fn.connections.flatMap((c) =>
        c.clients.flatMap((u) =>
          // SQL's host sits in a connection string, the databases' in Java's JDBC URL, and
          // OpenAI's in Java's base URL: the endpoint tests above pin those.
          'endpoint' in u && !['sql', 'postgresql', 'mysql', 'openAI'].includes(u.sdk)
            ? [u.endpoint]
            : [],
        ),
      )
      expect(fn.connections.flatMap((c) => c.clients.map((u) => u.sdk))).toEqual([
        'blob',
        'queue',
        'token',
        'keyVaultSecrets',
        'serviceBus',
        'eventHubs',
        'eventGrid',
        'cosmos',
        'sql',
        'appConfiguration',
        'openAI',
        'search',
        'token',
        'postgresql',
        'mysql',
        'redis',
      ])
      const read = [
        typescriptTokens(appSnippet(fn, 'typescript')),
        csharpTokens(appSnippet(fn, 'csharp')),
        ...pythonTokens([appSnippet(fn, 'python')]),
        ...(HAS_JAVA ? javaTokens([javaUnit(appSnippet(fn, 'java'))]) : []),
      ]
      for (const tokens of read) {
        expect(tokens.errors).toEqual([])
        for (const host of hosts) expect(tokens.strings).toContain(host)
      }
    },
  )

  it('names the cloud in the notes: storage bindings, the registry to pull from, az cloud set', () => {
    const guide = guideIn('AzureUSGovernment')
    const fn = guide.apps.find((a) => a.app === 'fn')!
    expect(fn.notes[0]).toBe(
      "The endpoints and token audiences in this guide are Azure US Government's; in Azure the managed identity needs no cloud setting.",
    )
    expect(fn.notes.join('\n')).toContain(
      '<prefix>__blobServiceUri to https://contosost.blob.core.usgovcloudapi.net, <prefix>__queueServiceUri to https://contosost.queue.core.usgovcloudapi.net',
    )
    const ca = guide.apps.find((a) => a.app === 'ca')!
    expect(ca.notes.join('\n')).toContain('once its registries list contosoacr.azurecr.us')
    const dev = connectionGuide(design().developer('ann', 'user', { name: 'Ann' }).build(), {
      cloud: 'AzureChinaCloud',
    }).developers[0]!
    expect(dev.notes[0]).toBe(
      "Point the Azure CLI at Azure China (21Vianet) before you sign in (az cloud set --name AzureChinaCloud): the Azure CLI credential then signs in there and asks for that cloud's tokens.",
    )
    expect(guideMarkdown(guide).split('\n')[0]).toBe(
      '# Connection guide: Sovereign (Azure US Government)',
    )
  })

  it("leaves the public cloud's guide as it was: no cloud, no audience options, public hosts", () => {
    const guide = connectionGuide(everyKind())
    expect(guide).toEqual(connectionGuide(everyKind(), { cloud: 'AzureCloud' }))
    expect('cloud' in guide).toBe(false)
    const fn = guide.apps.find((a) => a.app === 'fn')!
    expect(fn.connections.flatMap((c) => c.clients).some((u) => 'audience' in u)).toBe(false)
    expect(codeOf(fn, 'srch', 'csharp')).toContain(
      'new SearchClient(new Uri("https://contoso-search.search.windows.net"), "<index>", credential);',
    )
    expect(fn.notes.some((n) => n.includes('token audiences in this guide'))).toBe(false)
  })
})

describe('token audiences of a custom role', () => {
  it.each([
    ['AzureCloud', 'https://appconfig.azure.com/.default'],
    ['AzureUSGovernment', 'https://appconfig.azure.us/.default'],
    ['AzureChinaCloud', 'https://appconfig.azure.cn/.default'],
  ] as const)(
    '%s: App Configuration tokens are for the audience Learn gives (%s)',
    (cloud, scope) => {
      const d = design()
        .app('web', { name: 'web', systemAssigned: true })
        .service('cfg', 'appConfiguration', { name: 'contoso-config' })
        // A GUID that is no built-in role's: a custom role, which gets a bare token.
        .access('web', 'cfg', ['5b7c1d3e-9f00-4a4a-8c8c-0123456789ab'])
        .build()
      const web = connectionGuide(d, { cloud }).apps[0]!
      expect(web.connections[0]!.clients).toEqual([{ sdk: 'token', scope }])
    },
  )
})
