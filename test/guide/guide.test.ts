import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { resolveRole } from '@/catalog/roles.ts'
import { serviceEndpoint, sqlServerAndDatabase } from '@/catalog/services.ts'
import { clientsFor } from '@/guide/clients.ts'
import { connectionGuide } from '@/guide/derive-guide.ts'
import { guideMarkdown } from '@/guide/markdown.ts'
import { appSnippet, connectionSnippet, installCommand } from '@/guide/snippets/assemble.ts'
import { LANGUAGES } from '@/guide/types.ts'
import { UNSAFE_CHAR } from '@/lib/encode/chars.ts'
import { markdownItem } from '@/lib/encode/markdown.ts'
import { derivePlan } from '@/plan/derive.ts'
import type { ServiceKind } from '@/model/kinds.ts'
import type { Design } from '@/model/types.ts'
import { TEMPLATES } from '@/templates/index.ts'
import { design } from '../support/builder.ts'
import { hostileText } from '../support/hostile.ts'
import { bound, everyService } from './fixtures.ts'

const designs: [string, Design][] = [
  ...TEMPLATES.map((t): [string, Design] => [t.id, t.design]),
  ['every-service', everyService()],
  ['bound', bound()],
  [
    'two-storage-accounts',
    design()
      .app('a')
      .identity('m1')
      .identity('m2')
      .service('s1', 'storage', { name: 'alpha' })
      .service('s2', 'storage', { name: 'beta' })
      .attach('a', 'm1')
      .attach('a', 'm2')
      .access('a', 's1', ['Storage Blob Data Reader'], { via: 'm1' })
      .access('a', 's2', ['Storage Blob Data Reader'], { via: 'm2' })
      .build(),
  ],
]

describe('connection guide', () => {
  it.each(designs)("%s: its settings are exactly the plan's setAppSettings actions", (_, d) => {
    const plan = derivePlan(d)
    const fromPlan = plan.actions.flatMap((a) =>
      a.action === 'setAppSettings'
        ? a.settings.map((s) => `${a.app}|${s.name}|${s.identity}`)
        : [],
    )
    const fromGuide = connectionGuide(d).apps.flatMap((app) =>
      app.settings.map((s) => `${app.app}|${s.name}|${s.identity}`),
    )
    expect(fromGuide).toEqual(fromPlan)
  })

  it.each(TEMPLATES.filter((t) => t.id !== 'empty'))('$id: Markdown snapshot', async (t) => {
    await expect(guideMarkdown(connectionGuide(t.design))).toMatchFileSnapshot(
      `__snapshots__/${t.id}.guide.md`,
    )
  })

  it('every-service: Markdown snapshot covering each SDK, hosting note and developer kind', async () => {
    await expect(guideMarkdown(connectionGuide(everyService()))).toMatchFileSnapshot(
      '__snapshots__/every-service.guide.md',
    )
  })

  it('passes each user-assigned connection its setting as the client ID, in every language', () => {
    const guide = connectionGuide(everyService())
    const api = guide.apps.find((a) => a.app === 'api')!
    const patterns = {
      csharp: (s: string) => `ManagedIdentityClientId = Environment.GetEnvironmentVariable("${s}")`,
      typescript: (s: string) => `managedIdentityClientId: process.env.${s}`,
      python: (s: string) => `managed_identity_client_id=os.environ.get("${s}")`,
      java: (s: string) => `.managedIdentityClientId(System.getenv("${s}"))`,
    }
    for (const connection of api.connections) {
      for (const language of LANGUAGES) {
        const code = connectionSnippet(api, connection, language)
        const setting = connection.credential.setting
        if (setting) {
          if (connection.serviceKind === 'sql' && language === 'csharp')
            expect(code).toContain(`.UserID = Environment.GetEnvironmentVariable("${setting}")`)
          else expect(code).toContain(patterns[language](setting))
        } else {
          expect(connection.credential.identity).toBe('system')
          expect(code).not.toMatch(/managed_?identity_?client_?id/i)
          expect(code).toMatch(/system-assigned identity: no client ID/)
        }
      }
    }
  })

  it('C# with SQL: installs SqlClient with its Azure extension, which Entra sign-in needs since 7.0', () => {
    const api = connectionGuide(everyService()).apps.find((a) => a.app === 'api')!
    expect(installCommand(api, 'csharp').split('\n')).toContain(
      'dotnet add package Microsoft.Data.SqlClient.Extensions.Azure',
    )
  })

  it('AKS workload: names the client ID as WorkloadIdentityCredential reads it, in every language', () => {
    const guide = connectionGuide(everyService())
    const aks = guide.apps.find((a) => a.app === 'aks')!
    const expected = {
      csharp: 'WorkloadIdentityClientId = Environment.GetEnvironmentVariable("AZURE_CLIENT_ID")',
      typescript: 'workloadIdentityClientId: process.env.AZURE_CLIENT_ID',
      python: 'workload_identity_client_id=os.environ.get("AZURE_CLIENT_ID")',
      java: '.workloadIdentityClientId(System.getenv("AZURE_CLIENT_ID"))',
    }
    for (const language of LANGUAGES) {
      const code = appSnippet(aks, language)
      expect(code).toContain(expected[language])
      expect(code).not.toMatch(/managed_?identity_?client_?id/i)
    }
    expect(aks.notes.join(' ')).toContain('One service account maps to one identity')
  })

  it('names the database user of a bound identity as the plan does: by its resource name', () => {
    const d = design()
      .app('web', { name: 'Web' })
      .identity('mi', {
        name: 'Data identity',
        azure: {
          resourceId:
            '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-data',
        },
      })
      .service('pg', 'postgresql', { name: 'pg-contoso' })
      .attach('web', 'mi')
      .access('web', 'pg', ['pg_read_all_data'], { via: 'mi' })
      .build()
    const app = connectionGuide(d).apps[0]!
    expect(app.notes).toContain(
      `pg-contoso: the code signs in over TLS as the database user "id-data" (created by the plan's script, run by the server's Microsoft Entra administrator) with a Microsoft Entra token as its password, and takes a fresh token for new connections (a token lasts about an hour); put your database in place of <database>. Locally your az login token signs in only as your own Microsoft Entra user.`,
    )
    expect(app.connections[0]!.databaseUser).toBe('id-data')
    for (const language of LANGUAGES)
      expect(appSnippet(app, language)).toMatch(
        /\b(Username = |user=|user: |setProperty\("user", )"id-data"/,
      )
  })

  it('PostgreSQL, MySQL and Redis: says what the code signs in as, per engine', () => {
    const d = design()
      .app('web', { name: 'web "$(x)"', systemAssigned: true })
      .identity('mi', { name: "mi-'data'" })
      .service('pg', 'postgresql', { name: 'pg-contoso' })
      .service('my', 'mysql', { name: 'my-contoso' })
      .service('cache', 'redis', { name: 'cache-contoso' })
      .attach('web', 'mi')
      .access('web', 'pg', ['pg_read_all_data'], { via: 'mi' })
      .access('web', 'my', ['SELECT'], { via: 'system' })
      .access('web', 'cache', ['Data Reader'], { via: 'mi' })
      .build()
    const app = connectionGuide(d).apps[0]!
    const notes = app.notes
    expect(notes).toContain(
      `pg-contoso: the code signs in over TLS as the database user "mi-'data'" (created by the plan's script, run by the server's Microsoft Entra administrator) with a Microsoft Entra token as its password, and takes a fresh token for new connections (a token lasts about an hour); put your database in place of <database>. Locally your az login token signs in only as your own Microsoft Entra user.`,
    )
    expect(notes).toContain(
      `my-contoso: the code signs in over TLS as the database user "web "$(x)"" (created by the plan's script, run by the server's Microsoft Entra administrator) with a Microsoft Entra token as its password, which MySQL takes in clear text over TLS (the code allows the clear-text authentication plugin), and takes a fresh token for new connections (a token lasts about an hour); put your database in place of <database>. Locally your az login token signs in only as your own Microsoft Entra user.`,
    )
    expect(notes).toContain(
      `cache-contoso: the client signs in (AUTH) over TLS on port 6380 with the user-assigned identity mi-'data''s object (principal) id, read from the token, as the user name and the token as the password, and authenticates again with a fresh token before it expires; the cache must have Microsoft Entra authentication on.`,
    )
    const users = derivePlan(d).actions.flatMap((a) =>
      a.action === 'databaseUser' ? [a.user] : [],
    )
    expect(users.sort()).toEqual(["mi-'data'", 'web "$(x)"'])
    // The code signs in as the very users the plan's script creates.
    expect(app.connections.map((c) => c.databaseUser)).toEqual([
      "mi-'data'",
      'web "$(x)"',
      undefined,
    ])
  })

  it('names one setting per connection when the app uses several identities, AZURE_CLIENT_ID with one', () => {
    const guide = connectionGuide(everyService())
    const api = guide.apps.find((a) => a.app === 'api')!
    expect(api.settings.map((s) => s.name)).toEqual([
      'MANAGED_IDENTITY_CLIENT_ID_STORAGE_CONTOSOST',
      'MANAGED_IDENTITY_CLIENT_ID_STORAGE_CONTOSOARCHIVE',
      'MANAGED_IDENTITY_CLIENT_ID_COSMOS',
      'MANAGED_IDENTITY_CLIENT_ID_SQL',
      'MANAGED_IDENTITY_CLIENT_ID_SERVICEBUS',
    ])
    expect(api.notes.join(' ')).toContain('Do not set AZURE_CLIENT_ID')
    const jobs = guide.apps.find((a) => a.app === 'jobs')!
    expect(jobs.settings.map((s) => s.name)).toEqual(['AZURE_CLIENT_ID'])
    expect(jobs.notes).toContain(
      "Set these as environment variables of contoso-jobs's containers; applying the plan does it.",
    )
    const aks = guide.apps.find((a) => a.app === 'aks')!
    expect(aks.notes.join(' ')).toContain('azure.workload.identity/client-id')
  })

  it('fills in client IDs once they are known', () => {
    const guide = connectionGuide(bound())
    const web = guide.apps[0]!
    expect(web.settings.find((s) => s.identity === 'mi')?.value).toBe(
      'cccccccc-0000-0000-0000-000000000003',
    )
    const live = connectionGuide(bound(), {
      clientIdOf: (id) => (id === 'mi-new' ? 'new-client' : undefined),
    })
    expect(live.apps[0]!.settings.find((s) => s.identity === 'mi-new')?.value).toBe('new-client')
    expect(guideMarkdown(live)).toContain('`new-client`')
  })

  it('tells developers to az login and lists the roles they hold', () => {
    const guide = connectionGuide(everyService())
    const devs = guide.developers.find((d) => d.developer === 'devs')!
    expect(devs.access.map((a) => `${a.serviceName}:${a.roles.join('+')}`)).toEqual([
      'contosost:Storage Blob Data Contributor',
      'contoso-cosmos:Cosmos DB Built-in Data Reader',
      'contoso-sql/orders:db_datareader',
    ])
    const notes = devs.notes.join(' ')
    expect(notes).toContain('az login')
    expect(notes).toContain('falls through to the Azure CLI credential')
    expect(notes).toContain('security group Contoso developers')
    const ann = guide.developers.find((d) => d.developer === 'ann')!
    expect(ann.access).toEqual([
      {
        service: 'kv',
        serviceName: 'kv-contoso',
        serviceKind: 'keyVault',
        roles: ['Key Vault Secrets Officer'],
        scope: 'resourceGroup',
      },
    ])
  })

  it('lists edges no identity resolves instead of writing code for them', () => {
    const d = design()
      .app('a')
      .service('s', 'storage')
      .access('a', 's', ['Storage Blob Data Reader'])
      .build()
    const app = connectionGuide(d).apps[0]!
    expect(app.connections).toEqual([])
    expect(app.unresolved).toEqual([{ edge: 'a-s', service: 's' }])
    expect(app.notes.join(' ')).toContain('resolves to no identity')
  })

  it('says a connection has no known role instead of leaving the list empty', () => {
    const d = design()
      .named('Messy')
      .app('a', { name: 'orders', systemAssigned: true })
      .service('sb', 'serviceBus', { name: 'sb-messy' })
      .access('a', 'sb', ['Azure Service Bus Data Sendr'], { via: 'system' })
      .build()
    const guide = connectionGuide(d)
    const row = guideMarkdown(guide, { languages: ['python'] })
      .split('\n')
      .find((l) => l.startsWith('| sb-messy'))
    expect(row).toBe(
      '| sb-messy (Service Bus) | `sb-messy.servicebus.windows.net` | system-assigned identity | no known role (see Problems: unknown-role) |',
    )
    expect(appSnippet(guide.apps[0]!, 'python')).toContain(
      '# sb-messy: no known role (see Problems: unknown-role)',
    )
  })

  it('gives unique variable names when two connections use the same SDK', () => {
    const app = connectionGuide(designs.find(([id]) => id === 'two-storage-accounts')![1]).apps[0]!
    const code = appSnippet(app, 'typescript')
    expect(code).toContain(
      'const alphaBlobServiceClient = new BlobServiceClient("https://alpha.blob.core.windows.net", storageAlphaCredential)',
    )
    expect(code).toContain(
      'const betaBlobServiceClient = new BlobServiceClient("https://beta.blob.core.windows.net", storageBetaCredential)',
    )
  })
})

describe('clients and endpoints', () => {
  const uses = (service: Parameters<typeof clientsFor>[0], ...roles: string[]) =>
    clientsFor(service, 'x', roles.map(resolveRole)).map((u) =>
      'endpoint' in u ? `${u.sdk} ${u.endpoint}` : `${u.sdk} ${u.scope}`,
    )

  it('picks the SDK from the roles held', () => {
    expect(
      uses(
        'storage',
        'Storage Blob Data Reader',
        'Storage Queue Data Reader',
        'Storage Table Data Reader',
      ),
    ).toEqual([
      'blob https://x.blob.core.windows.net',
      'queue https://x.queue.core.windows.net',
      'table https://x.table.core.windows.net',
    ])
    expect(
      uses(
        'keyVault',
        'Key Vault Secrets User',
        'Key Vault Crypto User',
        'Key Vault Certificate User',
      ),
    ).toEqual([
      'keyVaultSecrets https://x.vault.azure.net',
      'keyVaultKeys https://x.vault.azure.net',
      'keyVaultCertificates https://x.vault.azure.net',
    ])
    expect(uses('serviceBus', 'Azure Service Bus Data Sender')).toEqual([
      'serviceBus x.servicebus.windows.net',
    ])
    expect(uses('eventHubs', 'Azure Event Hubs Data Receiver')).toEqual([
      'eventHubs x.servicebus.windows.net',
    ])
    expect(uses('cosmosDb', 'Cosmos DB Built-in Data Reader')).toEqual([
      'cosmos https://x.documents.azure.com:443/',
    ])
    expect(uses('appConfiguration', 'App Configuration Data Reader')).toEqual([
      'appConfiguration https://x.azconfig.io',
    ])
    expect(uses('openAI', 'Cognitive Services OpenAI User')).toEqual([
      'openAI https://x.openai.azure.com/',
    ])
    expect(uses('search', 'Search Index Data Reader')).toEqual([
      'search https://x.search.windows.net',
    ])
    expect(uses('redis', 'Data Reader')).toEqual(['redis x.redis.cache.windows.net'])
    expect(uses('postgresql', 'pg_read_all_data')).toEqual([
      'postgresql x.postgres.database.azure.com',
    ])
    expect(uses('mysql', 'SELECT')).toEqual(['mysql x.mysql.database.azure.com'])
    expect(uses('signalR', 'SignalR App Server')).toEqual([
      'token https://signalr.azure.com/.default',
    ])
    expect(uses('storage', 'Reader')).toEqual(['token https://management.azure.com/.default'])
    expect(uses('storage', '11111111-2222-3333-4444-555555555555', 'not a role')).toEqual([
      'token https://storage.azure.com/.default',
    ])
  })

  it('splits SQL names into server and database for the endpoint', () => {
    expect(sqlServerAndDatabase('contoso-sql/orders')).toEqual({
      server: 'contoso-sql',
      database: 'orders',
    })
    expect(sqlServerAndDatabase('contoso-sql')).toEqual({ server: 'contoso-sql' })
    expect(serviceEndpoint('sql', 'contoso-sql/orders')).toBe('contoso-sql.database.windows.net')
    expect(serviceEndpoint('storage', 'st')).toBe('https://st.blob.core.windows.net')
  })
})

/** The variables a snippet declares, in order (one statement a line, as the renderers write). */
function declared(code: string, language: (typeof LANGUAGES)[number]): string[] {
  const pattern = {
    csharp: /^(?:await using var|using var|var|AccessToken) (\w+) =/gm,
    typescript: /^const (\w+) =/gm,
    python: /^(\w+) = /gm,
    java: /^[A-Z][\w<>]* (\w+) = /gm,
  }[language]
  return [...code.matchAll(pattern)].map((m) => m[1]!)
}

const duplicates = (names: readonly string[]): string[] =>
  names.filter((n, i) => names.indexOf(n) !== i)

describe('variable names', () => {
  it('a connection holding a data role and a control-plane role declares two distinct tokens', () => {
    // SignalR's data roles still get a bare token (its REST API takes it as a bearer token).
    const d = design()
      .app('a', { systemAssigned: true })
      .service('hub', 'signalR', { name: 'orders-hub' })
      .access('a', 'hub', ['SignalR App Server', 'Reader'], { via: 'system' })
      .build()
    const app = connectionGuide(d).apps[0]!
    for (const language of LANGUAGES) {
      const code = appSnippet(app, language)
      expect(declared(code, language).length, `${language}\n${code}`).toBeGreaterThan(2)
      expect(duplicates(declared(code, language)), `${language}\n${code}`).toEqual([])
    }
    expect(appSnippet(app, 'typescript')).toContain(
      'const managementToken = await credential.getToken("https://management.azure.com/.default")',
    )
  })

  it('services whose names give the same words, or none, still get distinct clients', () => {
    const d = design()
      .app('a', { systemAssigned: true })
      .service('k1', 'keyVault', { name: 'kv-a' })
      .service('k2', 'keyVault', { name: 'kv_a' })
      .service('k3', 'keyVault', { name: '金库' })
      .service('k4', 'keyVault', { name: '秘密' })
      .access('a', 'k1', ['Key Vault Secrets User'], { via: 'system' })
      .access('a', 'k2', ['Key Vault Secrets User'], { via: 'system' })
      .access('a', 'k3', ['Key Vault Secrets User'], { via: 'system' })
      .access('a', 'k4', ['Key Vault Secrets User'], { via: 'system' })
      .build()
    const app = connectionGuide(d).apps[0]!
    for (const language of LANGUAGES) {
      const code = appSnippet(app, language)
      expect(declared(code, language)).toHaveLength(5)
      expect(duplicates(declared(code, language)), `${language}\n${code}`).toEqual([])
    }
  })

  it('every template and fixture declares each variable once, in every language', () => {
    for (const [id, d] of designs)
      for (const app of connectionGuide(d).apps)
        for (const language of LANGUAGES)
          expect(
            duplicates(declared(appSnippet(app, language), language)),
            `${id} ${app.app} ${language}`,
          ).toEqual([])
  })
})

describe('endpoints of bound services', () => {
  const SUB = '11111111-1111-1111-1111-111111111111'
  const id = (type: string, name: string): string =>
    `/subscriptions/${SUB}/resourceGroups/rg/providers/${type}/${name}`

  it('come from the bound resource’s name, not the node’s display name', () => {
    const bound: [string, ServiceKind, string, string, string, string][] = [
      [
        'st',
        'storage',
        'Receipts storage',
        'Microsoft.Storage/storageAccounts',
        'receiptstore',
        'Storage Blob Data Reader',
      ],
      [
        'kv',
        'keyVault',
        'Team vault',
        'Microsoft.KeyVault/vaults',
        'kv-receipts',
        'Key Vault Secrets User',
      ],
      [
        'db',
        'sql',
        'Orders database',
        'Microsoft.Sql/servers',
        'sql-contoso/databases/orders',
        'db_datareader',
      ],
    ]
    let builder = design().app('a', { systemAssigned: true })
    for (const [node, kind, name, type, resource, role] of bound)
      builder = builder
        .service(node, kind, { name, azure: { resourceId: id(type, resource) } })
        .access('a', node, [role], { via: 'system' })
    const d = builder.build()
    const app = connectionGuide(d).apps[0]!
    expect(app.connections.map((c) => [c.serviceName, c.endpoint])).toEqual([
      ['Receipts storage', 'https://receiptstore.blob.core.windows.net'],
      ['Team vault', 'https://kv-receipts.vault.azure.net'],
      ['Orders database', 'sql-contoso.database.windows.net'],
    ])
    expect(appSnippet(app, 'csharp')).toContain(
      '"Server=tcp:sql-contoso.database.windows.net,1433;Database=orders;Encrypt=True;Authentication=Active Directory Default"',
    )
    expect(appSnippet(app, 'python')).toContain(
      'Server=tcp:sql-contoso.database.windows.net,1433;Database=orders;Encrypt=yes',
    )
    expect(appSnippet(app, 'typescript')).toContain('server: "sql-contoso.database.windows.net"')
    expect(appSnippet(app, 'typescript')).toContain('database: "orders"')
    expect(appSnippet(app, 'java')).toContain('setServerName("sql-contoso.database.windows.net")')
    expect(appSnippet(app, 'java')).toContain('setDatabaseName("orders")')
    for (const language of LANGUAGES) {
      const code = appSnippet(app, language)
      expect(code).toContain('https://receiptstore.blob.core.windows.net')
      expect(code).toContain('https://kv-receipts.vault.azure.net')
      // The display name stays in the comments.
      expect(code).toContain('Receipts storage: Storage Blob Data Reader')
    }
  })
})

/** What CommonMark reads as a block start inside a list item: quote, list, break, indented code. */
const BLOCK_START = /^(?:>|[-+*](?:\s|$)|\d{1,9}[.)](?:\s|$)|-{3,}|\s)/

describe('Markdown notes with names that start a block', () => {
  it('markdownItem never starts a block, for any hostile text', () => {
    fc.assert(
      fc.property(
        fc.oneof(hostileText(), fc.stringMatching(/^[ >+\-*0-9.)]{1,8}[a-z ]{0,4}$/)),
        (t) => {
          const item = markdownItem(t)
          expect(item).not.toMatch(BLOCK_START)
          expect(item).not.toMatch(UNSAFE_CHAR)
        },
      ),
    )
  })

  it('a note that starts with a name stays one plain list item (no quote, nested list or code block)', () => {
    const names = ['> quoted', '1. first', '2) second', '- dash', '+ plus', '     indented', '---']
    let builder = design().app('a', { systemAssigned: true })
    names.forEach((name, i) => {
      builder = builder
        .service(`pg${i}`, 'postgresql', { name })
        .access('a', `pg${i}`, ['pg_read_all_data'], { via: 'system' })
    })
    const text = guideMarkdown(connectionGuide(builder.build()), { languages: [] })
    const items = text.split('\n').filter((l) => l.includes('signs in over TLS'))
    expect(items).toHaveLength(names.length)
    for (const item of items) {
      expect(item.startsWith('- ')).toBe(true)
      // After the marker, what CommonMark would read as a block start: a quote, a list marker,
      // a thematic break, or 4+ spaces (indented code).
      expect(item.slice(2)).not.toMatch(BLOCK_START)
    }
    expect(items[0]).toMatch(/^- \\> quoted: the code signs in/)
    expect(items[1]).toMatch(/^- 1\\\. first: the code signs in/)
  })
})

/** The guide of one app reaching each service (kind, name, role) through its system identity. */
function systemApp(...services: readonly [ServiceKind, string, string][]) {
  let builder = design().app('a', { systemAssigned: true })
  services.forEach(([kind, name, role], i) => {
    builder = builder
      .service(`s${i}`, kind, { name })
      .access('a', `s${i}`, [role], { via: 'system' })
  })
  return connectionGuide(builder.build()).apps[0]!
}

describe('Azure OpenAI', () => {
  const app = () => systemApp(['openAI', 'contoso-openai', 'Cognitive Services OpenAI User'])

  it('gets each SDK’s OpenAI client with a token provider for the Cognitive Services scope, not a one-off token', () => {
    const guide = app()
    const code = Object.fromEntries(LANGUAGES.map((l) => [l, appSnippet(guide, l)]))
    expect(code.csharp).toContain('using Azure.AI.OpenAI;')
    expect(code.csharp).toContain(
      'var openAIClient = new AzureOpenAIClient(new Uri("https://contoso-openai.openai.azure.com/"), credential);',
    )
    expect(code.typescript).toContain(
      'import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity"',
    )
    expect(code.typescript).toContain('import { AzureOpenAI } from "openai"')
    expect(code.typescript).toContain(
      'const openAIClient = new AzureOpenAI({ endpoint: "https://contoso-openai.openai.azure.com/", azureADTokenProvider: getBearerTokenProvider(credential, "https://cognitiveservices.azure.com/.default"), apiVersion: "2024-10-21" })',
    )
    expect(code.python).toContain(
      'from azure.identity import DefaultAzureCredential, get_bearer_token_provider',
    )
    expect(code.python).toContain('from openai import AzureOpenAI')
    expect(code.python).toContain(
      'openai_client = AzureOpenAI(azure_endpoint="https://contoso-openai.openai.azure.com/", azure_ad_token_provider=get_bearer_token_provider(credential, "https://cognitiveservices.azure.com/.default"), api_version="2024-10-21")',
    )
    expect(code.java).toContain('import com.azure.identity.AuthenticationUtil;')
    expect(code.java).toContain('import com.openai.credential.BearerTokenCredential;')
    expect(code.java).toContain('.baseUrl("https://contoso-openai.openai.azure.com/openai/v1/")')
    expect(code.java).toContain(
      '.credential(BearerTokenCredential.create(AuthenticationUtil.getBearerTokenSupplier(credential, "https://cognitiveservices.azure.com/.default")))',
    )
    for (const language of LANGUAGES) expect(code[language]).not.toMatch(/get_?token/i)
    expect(installCommand(guide, 'csharp')).toContain('dotnet add package Azure.AI.OpenAI')
    expect(installCommand(guide, 'typescript')).toBe('npm install @azure/identity openai')
    expect(installCommand(guide, 'python')).toBe('pip install azure-identity openai')
    expect(installCommand(guide, 'java')).toBe(
      'Maven: com.azure:azure-identity, com.openai:openai-java',
    )
  })
})

describe('Container Registry', () => {
  it('pulling images needs no client code: no registry token, as the note says', () => {
    const d = design()
      .app('a', { systemAssigned: true })
      .service('acr', 'containerRegistry', { name: 'contosoacr' })
      .access('a', 'acr', ['AcrPull'], { via: 'system' })
      .build()
    const app = connectionGuide(d).apps[0]!
    expect(app.connections[0]!.clients).toEqual([])
    expect(app.notes.join(' ')).toContain(
      'acrUseManagedIdentityCreds true; application code needs no registry client',
    )
    for (const language of LANGUAGES) {
      const code = appSnippet(app, language)
      expect(code).not.toMatch(/token|containerregistry\.azure\.net/i)
      expect(code).toContain(
        'contosoacr: AcrPull (no client code: the notes say how images are pulled)',
      )
    }
  })
})

describe('Event Grid and AI Search', () => {
  const app = () =>
    systemApp(
      ['eventGrid', 'orders-topic', 'EventGrid Data Sender'],
      ['search', 'contoso-search', 'Search Index Data Reader'],
    )
  const topic = 'https://orders-topic.<region>-1.eventgrid.azure.net/api/events'

  it('get the publisher and search clients that take the credential, not a bare token', () => {
    const guide = app()
    const code = Object.fromEntries(LANGUAGES.map((l) => [l, appSnippet(guide, l)]))
    expect(code.csharp).toContain(
      `var eventGridPublisherClient = new EventGridPublisherClient(new Uri("${topic}"), credential);`,
    )
    expect(code.csharp).toContain(
      'var searchClient = new SearchClient(new Uri("https://contoso-search.search.windows.net"), "<index>", credential);',
    )
    expect(code.typescript).toContain(
      `const eventGridPublisherClient = new EventGridPublisherClient("${topic}", "EventGrid", credential)`,
    )
    expect(code.typescript).toContain(
      'const searchClient = new SearchClient("https://contoso-search.search.windows.net", "<index>", credential)',
    )
    expect(code.python).toContain(
      `event_grid_publisher_client = EventGridPublisherClient(endpoint="${topic}", credential=credential)`,
    )
    expect(code.python).toContain(
      'search_client = SearchClient(endpoint="https://contoso-search.search.windows.net", index_name="<index>", credential=credential)',
    )
    expect(code.java).toContain('.buildEventGridEventPublisherClient();')
    expect(code.java).toContain('.indexName("<index>")')
    for (const language of LANGUAGES) expect(code[language]).not.toMatch(/get_?token/i)
    expect(installCommand(guide, 'csharp').split('\n')).toEqual(
      expect.arrayContaining([
        'dotnet add package Azure.Messaging.EventGrid',
        'dotnet add package Azure.Search.Documents',
      ]),
    )
    expect(installCommand(guide, 'typescript')).toBe(
      'npm install @azure/eventgrid @azure/identity @azure/search-documents',
    )
    expect(installCommand(guide, 'python')).toBe(
      'pip install azure-eventgrid azure-identity azure-search-documents',
    )
    expect(installCommand(guide, 'java')).toBe(
      'Maven: com.azure:azure-identity, com.azure:azure-messaging-eventgrid, com.azure:azure-search-documents',
    )
  })

  it('says the search service must take role-based access for data', () => {
    expect(app().notes.join(' ')).toContain('contoso-search: turn on role-based access control')
  })
})

/**
 * One app per database and cache client, with the exact code of each language: Microsoft.Azure.
 * StackExchangeRedis, @redis/entraid, redis-entraid and Jedis with redis-authx-entraid for Azure
 * Cache for Redis; Npgsql/MySqlConnector periodic password providers, pg with a password
 * function, mysql2, psycopg and Connector/Python with a token per connection, and JDBC with
 * azure-identity-extensions' plugins for PostgreSQL and MySQL flexible servers.
 */
describe('Azure Cache for Redis, PostgreSQL and MySQL clients', () => {
  const designs = {
    // A user-assigned identity (AZURE_CLIENT_ID), Data Contributor access policy.
    redis: design()
      .app('a', { name: 'orders-api' })
      .identity('mi', { name: 'id-orders' })
      .service('cache', 'redis', { name: 'orders-cache' })
      .attach('a', 'mi')
      .access('a', 'cache', ['Data Contributor'], { via: 'mi' })
      .build(),
    // A user-assigned identity, signing in as the user the plan's script creates for it.
    postgresql: design()
      .app('a', { name: 'orders-api' })
      .identity('mi', { name: 'id-orders' })
      .service('db', 'postgresql', { name: 'orders-pg' })
      .attach('a', 'mi')
      .access('a', 'db', ['pg_read_all_data'], { via: 'mi' })
      .build(),
    // The system-assigned identity, signing in as the app's resource name.
    mysql: design()
      .app('a', { name: 'orders-api', systemAssigned: true })
      .service('db', 'mysql', { name: 'orders-mysql' })
      .access('a', 'db', ['SELECT', 'INSERT'], { via: 'system' })
      .build(),
  }
  const expected: Record<
    keyof typeof designs,
    Record<(typeof LANGUAGES)[number], { install: string; code: string }>
  > = {
    redis: {
      csharp: {
        install: `dotnet add package Azure.Identity
dotnet add package Microsoft.Azure.StackExchangeRedis`,
        code: `using Azure.Identity;
using StackExchange.Redis;

// The user-assigned identity id-orders: its client ID is in the AZURE_CLIENT_ID setting (unset locally, where your az login is used).
var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
{
    ManagedIdentityClientId = Environment.GetEnvironmentVariable("AZURE_CLIENT_ID"),
});

// orders-cache: Data Contributor
var redisOptions = new ConfigurationOptions { Ssl = true };
redisOptions.EndPoints.Add("orders-cache.redis.cache.windows.net", 6380);
await redisOptions.ConfigureForAzureWithTokenCredentialAsync(credential);
var redisConnection = await ConnectionMultiplexer.ConnectAsync(redisOptions);
`,
      },
      typescript: {
        install: `npm install @azure/identity @redis/client @redis/entraid`,
        code: `import { DefaultAzureCredential } from "@azure/identity"
import { createClient } from "@redis/client"
import { EntraIdCredentialsProviderFactory, REDIS_SCOPE_DEFAULT } from "@redis/entraid"

// The user-assigned identity id-orders: its client ID is in the AZURE_CLIENT_ID setting (unset locally, where your az login is used).
const credential = new DefaultAzureCredential({ managedIdentityClientId: process.env.AZURE_CLIENT_ID })

// orders-cache: Data Contributor
const redisClient = await createClient({
  socket: { host: "orders-cache.redis.cache.windows.net", port: 6380, tls: true },
  credentialsProvider: EntraIdCredentialsProviderFactory.createForDefaultAzureCredential({
    credential: credential,
    scopes: REDIS_SCOPE_DEFAULT,
    tokenManagerConfig: { expirationRefreshRatio: 0.8 },
  }),
}).connect()
`,
      },
      python: {
        install: `pip install azure-identity redis redis-entraid`,
        code: `import os
from redis import Redis
from redis_entraid.cred_provider import create_from_default_azure_credential

# orders-cache: Data Contributor
# redis-entraid makes its own DefaultAzureCredential (keyword arguments in app_kwargs) and renews the token before it expires.
redis_credential_provider = create_from_default_azure_credential(("https://redis.azure.com/.default",), app_kwargs={"managed_identity_client_id": os.environ.get("AZURE_CLIENT_ID")})
redis_client = Redis(host="orders-cache.redis.cache.windows.net", port=6380, ssl=True, credential_provider=redis_credential_provider)
`,
      },
      java: {
        install: `Maven: com.azure:azure-identity, redis.clients.authentication:redis-authx-entraid, redis.clients:jedis`,
        code: `import com.azure.identity.DefaultAzureCredential;
import com.azure.identity.DefaultAzureCredentialBuilder;
import redis.clients.authentication.entraid.AzureTokenAuthConfigBuilder;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.authentication.AuthXManager;

// The user-assigned identity id-orders: its client ID is in the AZURE_CLIENT_ID setting (unset locally, where your az login is used).
DefaultAzureCredential credential = new DefaultAzureCredentialBuilder()
    .managedIdentityClientId(System.getenv("AZURE_CLIENT_ID"))
    .build();

// orders-cache: Data Contributor
UnifiedJedis redisClient = new UnifiedJedis(
    new HostAndPort("orders-cache.redis.cache.windows.net", 6380),
    DefaultJedisClientConfig.builder()
        .authXManager(new AuthXManager(AzureTokenAuthConfigBuilder.builder().defaultAzureCredential(credential).build()))
        .ssl(true)
        .build());
`,
      },
    },
    postgresql: {
      csharp: {
        install: `dotnet add package Azure.Identity
dotnet add package Npgsql`,
        code: `using Azure.Core;
using Azure.Identity;
using Npgsql;

// The user-assigned identity id-orders: its client ID is in the AZURE_CLIENT_ID setting (unset locally, where your az login is used).
var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
{
    ManagedIdentityClientId = Environment.GetEnvironmentVariable("AZURE_CLIENT_ID"),
});

// orders-pg: pg_read_all_data
var postgresDataSourceBuilder = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder
{
    Host = "orders-pg.postgres.database.azure.com",
    Database = "<database>",
    Username = "id-orders",
    SslMode = SslMode.Require,
}.ConnectionString);
// Npgsql asks for a token every 4 minutes (the credential hands back its cached token until shortly before it expires) and signs new connections in with the latest.
postgresDataSourceBuilder.UsePeriodicPasswordProvider(
    async (_, cancellationToken) => (await credential.GetTokenAsync(new TokenRequestContext(new[] { "https://ossrdbms-aad.database.windows.net/.default" }), cancellationToken)).Token,
    TimeSpan.FromMinutes(4),
    TimeSpan.FromSeconds(10));
await using var postgresDataSource = postgresDataSourceBuilder.Build();
`,
      },
      typescript: {
        install: `npm install @azure/identity pg`,
        code: `import { DefaultAzureCredential } from "@azure/identity"
import pg from "pg"

// The user-assigned identity id-orders: its client ID is in the AZURE_CLIENT_ID setting (unset locally, where your az login is used).
const credential = new DefaultAzureCredential({ managedIdentityClientId: process.env.AZURE_CLIENT_ID })

// orders-pg: pg_read_all_data
const postgresPool = new pg.Pool({
  host: "orders-pg.postgres.database.azure.com",
  database: "<database>",
  user: "id-orders",
  // Called for each new connection: a token from the credential, cached until shortly before it expires.
  password: async () => (await credential.getToken("https://ossrdbms-aad.database.windows.net/.default")).token,
  ssl: true,
})
`,
      },
      python: {
        install: `pip install azure-identity psycopg`,
        code: `import os
from azure.identity import DefaultAzureCredential
import psycopg

# The user-assigned identity id-orders: its client ID is in the AZURE_CLIENT_ID setting (unset locally, where your az login is used).
credential = DefaultAzureCredential(managed_identity_client_id=os.environ.get("AZURE_CLIENT_ID"))

# orders-pg: pg_read_all_data
def postgres_connect():
    # A token from the credential (cached until shortly before it expires) for each new connection.
    return psycopg.connect(
        host="orders-pg.postgres.database.azure.com",
        dbname="<database>",
        user="id-orders",
        password=credential.get_token("https://ossrdbms-aad.database.windows.net/.default").token,
        sslmode="require",
    )
`,
      },
      java: {
        install: `Maven: com.azure:azure-identity, com.azure:azure-identity-extensions, org.postgresql:postgresql`,
        code: `import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;

// orders-pg: pg_read_all_data
Properties postgresProperties = new Properties();
postgresProperties.setProperty("user", "id-orders");
// The user-assigned identity's client ID for the plugin's DefaultAzureCredential; unset locally, where your az login is used.
if (System.getenv("AZURE_CLIENT_ID") != null) postgresProperties.setProperty("azure.clientId", System.getenv("AZURE_CLIENT_ID"));
// The plugin gets a token (cached until shortly before it expires) each time a connection opens.
Connection postgresConnection = DriverManager.getConnection("jdbc:postgresql://orders-pg.postgres.database.azure.com:5432/<database>?sslmode=require&authenticationPluginClassName=com.azure.identity.extensions.jdbc.postgresql.AzurePostgresqlAuthenticationPlugin", postgresProperties);
`,
      },
    },
    mysql: {
      csharp: {
        install: `dotnet add package Azure.Identity
dotnet add package MySqlConnector`,
        code: `using Azure.Core;
using Azure.Identity;
using MySqlConnector;

// The system-assigned identity: no client ID, so DefaultAzureCredential uses it in Azure (and your az login locally).
var credential = new DefaultAzureCredential();

// orders-mysql: SELECT, INSERT
var mysqlDataSourceBuilder = new MySqlDataSourceBuilder(new MySqlConnectionStringBuilder
{
    Server = "orders-mysql.mysql.database.azure.com",
    Database = "<database>",
    UserID = "orders-api",
    SslMode = MySqlSslMode.Required,
}.ConnectionString);
// MySqlConnector asks for a token every 4 minutes (the credential hands back its cached token until shortly before it expires) and sends the latest in clear text, which it does only over TLS with a verified server certificate.
mysqlDataSourceBuilder.UsePeriodicPasswordProvider(
    async (_, cancellationToken) => (await credential.GetTokenAsync(new TokenRequestContext(new[] { "https://ossrdbms-aad.database.windows.net/.default" }), cancellationToken)).Token,
    TimeSpan.FromMinutes(4),
    TimeSpan.FromSeconds(10));
await using var mysqlDataSource = mysqlDataSourceBuilder.Build();
`,
      },
      typescript: {
        install: `npm install @azure/identity mysql2`,
        code: `import { DefaultAzureCredential } from "@azure/identity"
import mysql from "mysql2/promise"

// The system-assigned identity: no client ID, so DefaultAzureCredential uses it in Azure (and your az login locally).
const credential = new DefaultAzureCredential()

// orders-mysql: SELECT, INSERT
// A token from the credential (cached until shortly before it expires) for each new connection, sent in clear text over TLS.
const mysqlConnect = async () =>
  await mysql.createConnection({
    host: "orders-mysql.mysql.database.azure.com",
    database: "<database>",
    user: "orders-api",
    password: (await credential.getToken("https://ossrdbms-aad.database.windows.net/.default")).token,
    ssl: { rejectUnauthorized: true },
    enableCleartextPlugin: true,
  })
`,
      },
      python: {
        install: `pip install azure-identity mysql-connector-python`,
        code: `from azure.identity import DefaultAzureCredential
import mysql.connector

# The system-assigned identity: no client ID, so DefaultAzureCredential uses it in Azure (and your az login locally).
credential = DefaultAzureCredential()

# orders-mysql: SELECT, INSERT
def mysql_connect():
    # A token from the credential (cached until shortly before it expires) for each new connection.
    return mysql.connector.connect(
        host="orders-mysql.mysql.database.azure.com",
        database="<database>",
        user="orders-api",
        password=credential.get_token("https://ossrdbms-aad.database.windows.net/.default").token,
        auth_plugin="mysql_clear_password",
    )
`,
      },
      java: {
        install: `Maven: com.azure:azure-identity, com.azure:azure-identity-extensions, com.mysql:mysql-connector-j`,
        code: `import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;

// orders-mysql: SELECT, INSERT
Properties mysqlProperties = new Properties();
mysqlProperties.setProperty("user", "orders-api");
// The plugin gets a token (cached until shortly before it expires) each time a connection opens.
Connection mysqlConnection = DriverManager.getConnection("jdbc:mysql://orders-mysql.mysql.database.azure.com:3306/<database>?sslMode=REQUIRED&defaultAuthenticationPlugin=com.azure.identity.extensions.jdbc.mysql.AzureMysqlAuthenticationPlugin&authenticationPlugins=com.azure.identity.extensions.jdbc.mysql.AzureMysqlAuthenticationPlugin", mysqlProperties);
`,
      },
    },
  }

  it.each(Object.keys(designs) as (keyof typeof designs)[])(
    '%s: each language’s client, packages and imports, exactly',
    (service) => {
      const app = connectionGuide(designs[service]).apps[0]!
      for (const language of LANGUAGES) {
        expect(appSnippet(app, language), `${service} ${language}`).toBe(
          expected[service][language].code,
        )
        expect(installCommand(app, language), `${service} ${language}`).toBe(
          expected[service][language].install,
        )
      }
    },
  )

  it('no bare token for these services, and each signs in on TLS', () => {
    for (const service of Object.keys(designs) as (keyof typeof designs)[]) {
      const app = connectionGuide(designs[service]).apps[0]!
      expect(app.connections[0]!.clients.map((c) => c.sdk)).toEqual([service])
      for (const language of LANGUAGES) {
        const code = appSnippet(app, language)
        expect(code).not.toMatch(/AccessToken |get_token\("https:\/\/redis|getTokenSync/)
        expect(code).toMatch(
          /Ssl = true|ssl=True|tls: true|\.ssl\(true\)|SslMode|sslmode|sslMode|ssl: |auth_plugin/,
        )
      }
    }
  })

  it('clients that make their own credential get the client ID themselves: AKS workload identity', () => {
    const d = design()
      .app('aks', { name: 'orders-aks', hosting: 'aksWorkload' })
      .identity('mi', { name: 'id-orders' })
      .service('cache', 'redis', { name: 'orders-cache' })
      .service('db', 'postgresql', { name: 'orders-pg' })
      .attach('aks', 'mi')
      .access('aks', 'cache', ['Data Reader'], { via: 'mi' })
      .access('aks', 'db', ['pg_read_all_data'], { via: 'mi' })
      .build()
    const app = connectionGuide(d).apps[0]!
    expect(appSnippet(app, 'python')).toContain(
      'app_kwargs={"workload_identity_client_id": os.environ.get("AZURE_CLIENT_ID")}',
    )
    // azure-identity-extensions gives azure.clientId to DefaultAzureCredential, whose workload
    // identity credential takes the managed identity client ID when no other is set.
    expect(appSnippet(app, 'java')).toContain(
      'if (System.getenv("AZURE_CLIENT_ID") != null) postgresProperties.setProperty("azure.clientId", System.getenv("AZURE_CLIENT_ID"));',
    )
    expect(appSnippet(app, 'csharp')).toContain(
      'WorkloadIdentityClientId = Environment.GetEnvironmentVariable("AZURE_CLIENT_ID")',
    )
  })

  it('two caches or servers of a kind get distinct variables', () => {
    const app = systemApp(
      ['redis', 'orders-cache', 'Data Reader'],
      ['redis', 'carts-cache', 'Data Reader'],
      ['postgresql', 'orders-pg', 'pg_read_all_data'],
      ['postgresql', 'carts-pg', 'pg_read_all_data'],
      ['mysql', 'orders-mysql', 'SELECT'],
      ['mysql', 'carts-mysql', 'SELECT'],
    )
    for (const language of LANGUAGES) {
      const code = appSnippet(app, language)
      expect(duplicates(declared(code, language)), `${language}\n${code}`).toEqual([])
    }
    const python = appSnippet(app, 'python')
    expect(python).toContain('def orders_pg_postgres_connect():')
    expect(python).toContain('def carts_pg_postgres_connect():')
    expect(appSnippet(app, 'typescript')).toContain('const cartsMysqlMysqlConnect = async () =>')
  })
})
