import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '@/cli/main.ts'
import { parseDesignText } from '@/model/parse.ts'
import { serializeDesign } from '@/model/serialize.ts'
import { loadEstate } from '@/sandbox/core/estate.ts'
import { startSandboxServer, type SandboxServer } from '@/sandbox/server/https-server.ts'
import { templateById } from '@/templates/index.ts'
import {
  BLOB_READER,
  LOGS,
  LOGSTORE,
  logsDesign,
  putAssignment,
  READERS,
  roleId,
  seedLogstore,
} from '../support/conditional-access.ts'
import { memoryIO } from '../support/memory-io.ts'

const SUB = '11111111-1111-1111-1111-111111111111'
const RG = 'sandbox-rg'
const STORE = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Storage/storageAccounts/contosoassets`
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'
const files = { 's2.json': serializeDesign(templateById('scenario-2')!.design) }

let server: SandboxServer
beforeAll(async () => {
  server = await startSandboxServer({ port: 0 })
})
afterAll(() => server.close())

const at = ['--subscription', SUB, '--resource-group', RG]

describe('idtopo import and drift against the HTTPS sandbox', () => {
  it('imports an applied design, twice the same, and drift finds nothing, then exactly what was added by hand', async () => {
    const m = memoryIO(files)
    expect(await runCli(['apply', 's2.json', ...at, '--sandbox', server.url], m.io)).toBe(0)

    expect(await runCli(['import', ...at, '--sandbox', server.url, '--out', 'a.json'], m.io)).toBe(
      0,
    )
    expect(await runCli(['import', ...at, '--sandbox', server.url], m.io)).toBe(0)
    expect(m.stdout().endsWith(m.written['a.json']!)).toBe(true)
    const imported = parseDesignText(m.written['a.json']!)
    expect(imported.ok).toBe(true)
    expect(m.stderr()).toMatch(/Wrote the design \(\d+ nodes, \d+ edges\) to a\.json/)
    // idtopo check accepts it (exit 0 or 1: findings, never 2).
    expect(await runCli(['check', 'a.json'], m.io)).toBeLessThan(2)

    const drift = (file: string) =>
      runCli(['drift', file, ...at, '--sandbox', server.url, '--format', 'json'], m.io)
    const before = m.stdout().length
    expect(await drift('s2.json')).toBe(0)
    expect(JSON.parse(m.stdout().slice(before))).toEqual({
      missing: [],
      orphaned: [],
      unmanaged: [],
    })
    expect(await drift('a.json')).toBe(0)

    // By hand, outside the design: a user gets Reader on the storage account.
    const user = '0000aaaa-0000-4000-8000-000000000009'
    const outcome = server.sandbox.handle({
      method: 'PUT',
      url: `${STORE}/providers/Microsoft.Authorization/roleAssignments/0000bbbb-0000-4000-8000-000000000009?api-version=2022-04-01`,
      headers: { authorization: 'Bearer t' },
      body: JSON.stringify({
        properties: {
          roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${READER}`,
          principalId: user,
          principalType: 'User',
        },
      }),
    })
    expect(outcome.kind === 'response' && outcome.response.status).toBe(201)
    const mark = m.stdout().length
    expect(await drift('s2.json')).toBe(1)
    expect(JSON.parse(m.stdout().slice(mark))).toEqual({
      missing: [],
      orphaned: [],
      unmanaged: [
        {
          scope: STORE,
          roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${READER}`,
          principalId: user,
        },
      ],
    })
    const text = m.stdout().length
    expect(await runCli(['drift', 's2.json', ...at, '--sandbox', server.url], m.io)).toBe(1)
    expect(m.stdout().slice(text)).toContain(
      `unmanaged (1): in Azure, not in the design\n  Reader for ${user} at ${STORE}`,
    )
  }, 60_000)

  it('drift says when Azure holds a grant of the design only under an ABAC condition: missing, with the condition beside it', async () => {
    const logsFiles = { 'logs.json': serializeDesign(logsDesign) }
    const m = memoryIO(logsFiles)
    seedLogstore(server.sandbox)
    expect(
      putAssignment(server.sandbox, '0c0c0c0c-0000-4000-8000-000000000001', { condition: LOGS }),
    ).toBe(201)
    const item = { scope: LOGSTORE, roleDefinitionId: roleId(BLOB_READER), principalId: READERS }
    const note = `Azure holds this role here only under a condition, narrower than the design's grant (remove the condition in the Azure portal to grant it whole): ${LOGS}`

    expect(await runCli(['drift', 'logs.json', ...at, '--sandbox', server.url], m.io)).toBe(1)
    expect(m.stdout()).toBe(
      [
        'missing (1): in the design, not in Azure',
        `  Storage Blob Data Reader for ${READERS} at ${LOGSTORE}`,
        `    ${note}`,
        'unmanaged (0): in Azure, not in the design',
        'orphaned (0): in Azure, for a principal that no longer exists',
        '1 differences.',
        '',
      ].join('\n'),
    )
    // JSON keeps the report's three fields per item; the condition goes beside it, on stderr.
    const json = memoryIO(logsFiles)
    expect(
      await runCli(
        ['drift', 'logs.json', ...at, '--sandbox', server.url, '--format', 'json'],
        json.io,
      ),
    ).toBe(1)
    expect(JSON.parse(json.stdout())).toEqual({ missing: [item], orphaned: [], unmanaged: [] })
    expect(json.stderr()).toBe(
      `note: Storage Blob Data Reader for ${READERS} at ${LOGSTORE}: ${note}\n`,
    )
  }, 30_000)

  it('exits 2 on bad flags, 1 when the group cannot be read', async () => {
    const m = memoryIO(files)
    expect(await runCli(['import', '--subscription', SUB], m.io)).toBe(2)
    expect(m.stderr().split('\n')[0]).toBe('idtopo import: --resource-group is required')
    expect(await runCli(['import', '--subscription', 'nope', '--resource-group', RG], m.io)).toBe(2)
    expect(
      await runCli(['drift', 's2.json', ...at, '--sandbox', server.url, '--format', 'xml'], m.io),
    ).toBe(2)
    expect(
      await runCli(
        [
          'import',
          '--subscription',
          SUB,
          '--resource-group',
          'no-such-rg',
          '--sandbox',
          server.url,
        ],
        m.io,
      ),
    ).toBe(1)
    expect(m.stderr()).toContain(
      'idtopo import: cannot read no-such-rg: ResourceGroupNotFound (404)',
    )
  }, 30_000)

  it('refuses an --out it cannot write before it reads the group', async () => {
    const m = memoryIO(files)
    const args = ['import', ...at, '--sandbox', server.url, '--out', '/readonly/x.json']
    expect(await runCli(args, m.io)).toBe(2)
    expect(m.stderr()).toBe(
      '--out /readonly/x.json: cannot write the file: no permission (EACCES); nothing was read\n',
    )
  })

  it('exits 1 for a subscription of another tenant, saying which tenant to sign in to', async () => {
    const fabrikam = '3f3f0000-0000-4000-8000-00000000fab1'
    const theirs = '33333333-3333-4333-8333-333333333333'
    server.sandbox.seed({
      subscriptions: [{ subscriptionId: theirs, tenantId: fabrikam }],
      resourceGroups: [{ name: 'fab-rg', subscriptionId: theirs }],
    })
    const m = memoryIO(files)
    const args = ['--subscription', theirs, '--resource-group', 'fab-rg', '--sandbox', server.url]
    expect(await runCli(['import', ...args], m.io)).toBe(1)
    expect(
      m
        .stderr()
        .split('\n')
        .find((l) => l.startsWith('idtopo import:')),
    ).toMatch(
      new RegExp(
        `^idtopo import: cannot read fab-rg: InvalidAuthenticationTokenTenant \\(401\\): The access token is from the wrong issuer .* — The subscription is in tenant ${fabrikam}: sign in to it \\(idtopo: --tenant ${fabrikam}, or az login --tenant ${fabrikam}; the designer: the authority https://login.microsoftonline.com/${fabrikam} in the sign-in settings\\)\\.$`,
      ),
    )
  }, 30_000)

  it('exits 1 when the sandbox does not answer (ARM failed), as for any failed read', async () => {
    const m = memoryIO(files)
    // A port nothing listens on.
    const away = ['--subscription', SUB, '--resource-group', RG, '--sandbox', 'https://127.0.0.1:9']
    expect(await runCli(['import', ...away], m.io)).toBe(1)
    expect(m.stderr()).toContain('idtopo import: ')
    expect(await runCli(['drift', 's2.json', ...away], m.io)).toBe(1)
    expect(m.stderr()).toContain('idtopo drift: ')
  })

  it('refuses a --principal for a node that is not a developer of the design', async () => {
    const m = memoryIO(files)
    const principal = ['--principal', 'web1=44444444-0000-4000-8000-000000000001']
    expect(
      await runCli(['drift', 's2.json', ...at, '--sandbox', server.url, ...principal], m.io),
    ).toBe(2)
    expect(m.stderr()).toContain(
      'idtopo drift: --principal "web1": no developer node with that id in the design (its developer nodes are "devs")',
    )
  })
})

describe('idtopo import of a group the caller may only partly read (sign-in sandbox, real RBAC)', () => {
  let login: SandboxServer
  beforeAll(async () => {
    login = await startSandboxServer({ port: 0, login: true })
  })
  afterAll(() => login.close())

  const OWNER = '44444444-0000-4000-8000-000000000001'
  const READER_APP = '66666666-0000-4000-8000-000000000002'
  const asOwner = `Bearer e30.${Buffer.from(JSON.stringify({ oid: OWNER })).toString('base64url')}.`
  const call = (method: string, url: string, body?: object) => {
    const outcome = login.sandbox.handle({
      method,
      url: `${url}?api-version=2022-04-01`,
      headers: { authorization: asOwner },
      ...(body ? { body: JSON.stringify(body) } : {}),
    })
    if (outcome.kind !== 'response') throw new Error('reset')
    return outcome.response
  }

  it('imports what it may read, and says which scopes it could not', async () => {
    // The reader pipeline: everything in the group but role assignments, which it may read on
    // one storage account only.
    const held = Object.values(login.sandbox.snapshot().roleAssignments).find(
      (a) => a.principalId === READER_APP,
    )!
    expect(
      call('DELETE', `${held.scope}/providers/Microsoft.Authorization/roleAssignments/${held.name}`)
        .status,
    ).toBe(200)
    const custom = '0000dddd-0000-4000-8000-000000000001'
    expect(
      call(
        'PUT',
        `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${custom}`,
        {
          properties: {
            roleName: 'Reader without access control',
            type: 'CustomRole',
            permissions: [{ actions: ['*/read'], notActions: ['Microsoft.Authorization/*/read'] }],
            assignableScopes: [`/subscriptions/${SUB}`],
          },
        },
      ).status,
    ).toBe(201)
    const grant = (scope: string, name: string, role: string) =>
      call('PUT', `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`, {
        properties: {
          roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${role}`,
          principalId: READER_APP,
          principalType: 'ServicePrincipal',
        },
      }).status
    expect(
      grant(
        `/subscriptions/${SUB}/resourceGroups/${RG}`,
        '0000cccc-0000-4000-8000-000000000001',
        custom,
      ),
    ).toBe(201)
    expect(grant(STORE, '0000cccc-0000-4000-8000-000000000002', READER)).toBe(201)

    const m = memoryIO({})
    const code = await runCli(
      [
        'import',
        ...at,
        '--sandbox',
        login.url,
        '--client-id',
        'sandbox-reader',
        '--client-secret',
        'sandbox-secret',
        '--out',
        'part.json',
      ],
      m.io,
    )
    expect(code).toBe(0)
    const part = parseDesignText(m.written['part.json']!)
    expect(part.ok).toBe(true)
    expect(m.stderr()).toContain(
      `note: Could not read role assignments at /subscriptions/${SUB}/resourceGroups/${RG}: AuthorizationFailed`,
    )
    // Per resource, what it may read: the storage account's own assignments, its Reader among them.
    expect(m.stderr()).toContain(`Reader at ${STORE}: held by principal ${READER_APP}`)
    // It may not list the subscription's role assignments: the summary gives no figure for the
    // limit rather than a wrong one. (Its two service principals are app registrations, which
    // §12's definition counts as orphaned: no managed identity of the subscription holds them.)
    expect(m.stderr().match(/^health: .*$/gm)).toEqual([
      'health: 2 grants of a privileged role (Owner, Contributor, access administrators) (privileged-role)',
      'health: 2 orphaned role assignments (identity deleted: the portal\'s "Identity not found")',
      'health: 15 reads refused or failed (see the notes)',
      'health: 1 database whose own users ARM does not show: access granted inside it is not imported (see the notes)',
    ])
  }, 60_000)

  it('ends an import with the health summary the web app shows', async () => {
    const demo = await startSandboxServer({ port: 0 })
    try {
      const { resourceGroup } = loadEstate(demo.sandbox, 'demo')
      const m = memoryIO({})
      const code = await runCli(
        ['import', '--subscription', SUB, '--resource-group', resourceGroup, '--sandbox', demo.url],
        m.io,
      )
      expect(code).toBe(0)
      const health = m
        .stderr()
        .split('\n')
        .filter((l) => l.startsWith('health: '))
      expect(health.slice(0, -1)).toEqual([
        'health: 2 grants of a privileged role (Owner, Contributor, access administrators) (privileged-role)',
        'health: 5 grants of a role that exposes keys (key-exposing-role)',
        'health: 1 identity no app uses (unused-identity)',
        'health: 2 orphaned role assignments (identity deleted: the portal\'s "Identity not found")',
      ])
      expect(health.at(-1)).toMatch(
        /^health: \d+ of 5,000 role assignments used in the subscription \(\d[\d,]* left\)$/,
      )
    } finally {
      await demo.close()
    }
  }, 60_000)
})
