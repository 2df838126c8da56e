import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { v5 as uuidv5 } from 'uuid'
import { beforeAll, describe, expect, it } from 'vitest'
import { exportDesign, exportFileName, EXPORT_FORMATS, type ExportFormat } from '@/export/export.ts'
import { exportModel } from '@/export/model.ts'
import { connectionGuide } from '@/guide/derive-guide.ts'
import { guideMarkdown } from '@/guide/markdown.ts'
import { appSnippet } from '@/guide/snippets/assemble.ts'
import { LANGUAGES } from '@/guide/types.ts'
import type { Design } from '@/model/types.ts'
import { ASSIGNMENT_NAMESPACE, roleAssignmentName } from '@/plan/arm-ids.ts'
import { TEMPLATES } from '@/templates/index.ts'
import { bound, everyService } from '../guide/fixtures.ts'
import { design } from '../support/builder.ts'
import { bashStatements, HAS_SHELLCHECK, needsTool } from '../support/tools.ts'
import { broadScopes, dataPlane } from './fixtures.ts'
import {
  bicepAssignments,
  cliAssignments,
  expected,
  DEPLOYMENT,
  parseTerraform,
  runExportedScript,
  terraformAssignments,
  type Found,
} from './read-exports.ts'

const designs: [string, Design][] = [
  ...TEMPLATES.map((t): [string, Design] => [t.id, t.design]),
  ['every-service', everyService()],
  ['bound', bound()],
  ['data-plane', dataPlane()],
  ['broad-scopes', broadScopes()],
]
const EXT = { bicep: 'bicep', terraform: 'tf', cli: 'sh' } as const

const byKey = (a: Found, b: Found): number => JSON.stringify(a).localeCompare(JSON.stringify(b))

describe.each(designs)('%s', (id, d) => {
  it.each(EXPORT_FORMATS)('%s export matches its snapshot', async (format) => {
    await expect(exportDesign(d, format)).toMatchFileSnapshot(`__snapshots__/${id}.${EXT[format]}`)
  })

  it('the Terraform parses, and holds every assignment of the plan with the same ids', async () => {
    const json = await parseTerraform(exportDesign(d, 'terraform'))
    expect(terraformAssignments(json, d).sort(byKey)).toEqual(expected(d))
  })

  it('the Bicep holds every assignment of the plan with the same ids', () => {
    expect(bicepAssignments(exportDesign(d, 'bicep'), d).sort(byKey)).toEqual(expected(d, 'bicep'))
  })

  it('the Azure CLI script passes bash -n and the sh-syntax parser, and run with a fake az makes every assignment', () => {
    const script = exportDesign(d, 'cli')
    const file = join(mkdtempSync(join(tmpdir(), 'idtopo-')), `${id}.sh`)
    writeFileSync(file, script)
    execFileSync('bash', ['-n', file])
    expect(bashStatements(script).length).toBeGreaterThan(5)
    expect(cliAssignments(script, d).sort(byKey)).toEqual(expected(d))
  }, 30_000) // the script computes each assignment's name with uuidgen or python3

  it.skipIf(!HAS_SHELLCHECK)(
    needsTool('the Azure CLI script passes shellcheck', 'shellcheck', HAS_SHELLCHECK),
    () => {
      const file = join(mkdtempSync(join(tmpdir(), 'idtopo-')), `${id}.sh`)
      writeFileSync(file, exportDesign(d, 'cli'))
      execFileSync('shellcheck', ['--severity=style', file]) // throws with the findings on any
    },
  )
})

describe('deterministic names', () => {
  it("bound assignments carry the plan's UUID v5 name in all three exports", () => {
    const m = exportModel(bound())
    const named = [...m.roleAssignments, ...m.cosmosAssignments].filter((a) => a.arm)
    expect(named.length).toBeGreaterThan(0)
    for (const format of EXPORT_FORMATS) {
      const text = exportDesign(bound(), format)
      for (const a of named) expect(text).toContain(a.arm!.name)
    }
    const web = m.roleAssignments.find((a) => a.principal.node === 'web')!
    expect(web.arm!.name).toBe(
      roleAssignmentName(
        web.arm!.scope,
        'aaaaaaaa-0000-0000-0000-000000000001',
        web.roleDefinitionId,
      ),
    )
  })

  it("Terraform's uuidv5 expression computes the very name idtopo apply uses", () => {
    const text = exportDesign(TEMPLATES[2]!.design, 'terraform')
    expect(text).toContain(`assignment_namespace = "${ASSIGNMENT_NAMESPACE}"`)
    expect(text).toMatch(
      /uuidv5\(local\.assignment_namespace, lower\("\$\{local\.service_ids\.contosoassets\}\|\$\{azurerm_user_assigned_identity\.mi_contoso_storage\.principal_id\}\|ba92f5b4-2d11-453d-a403-e96b0029c9fe"\)\)/,
    )
    // What Terraform evaluates for a given principal id equals roleAssignmentName.
    const scope =
      '/subscriptions/s/resourceGroups/RG/providers/Microsoft.Storage/storageAccounts/contosoassets'
    const key = `${scope}|PID-1|ba92f5b4-2d11-453d-a403-e96b0029c9fe`.toLowerCase()
    expect(uuidv5(key, ASSIGNMENT_NAMESPACE)).toBe(
      roleAssignmentName(scope, 'PID-1', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'),
    )
  })

  it('Bicep names unbound assignments with guid(scope, principal resource, role)', () => {
    const text = exportDesign(TEMPLATES[2]!.design, 'bicep')
    expect(text).toContain(
      "name: guid(contosoassets.id, miContosoStorage.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')",
    )
    expect(text).toContain("principalType: 'ServicePrincipal'")
    expect(text).toContain("principalType: 'Group'")
  })
})

describe('names after a rename (issue 12)', () => {
  /** Every node renamed (ids kept): a SQL database keeps its server/database form. */
  const renamed = (d: Design): Design => ({
    ...d,
    name: 'Renamed design',
    nodes: d.nodes.map((n, i) => ({
      ...n,
      name: n.name.includes('/') ? `zserver${i}/zdb${i}` : `zeta-${i}`,
    })),
  })
  /** The symbols a file declares: Bicep and Terraform blocks, shell variables. */
  const symbols = (text: string): string[] => [
    ...new Set(
      [
        ...text.matchAll(
          /^(?:resource|data|param|output|variable|module) +(?:"[^"]*" +)?"?(\w+)|^([A-Za-z_]\w*)=/gm,
        ),
      ].map((m) => (m[1] ?? m[2])!),
    ),
  ]
  /** What every file declares whatever the design: its context and its summary outputs. */
  const FIXED = [
    'location',
    'subscription_id',
    'resource_group_name',
    'RG_ID',
    'ASSIGNMENT_NAMESPACE',
    'appIdentities',
    'app_identities',
    'appSettings',
    'app_settings',
    'current',
    'this',
  ]

  it.each(TEMPLATES.map((t) => [t.id, t.design] as const))(
    '%s: every export and the guide name nodes by their new names, never the old ones or ids',
    (_, d) => {
      const r = renamed(d)
      const guide = connectionGuide(r)
      const texts = [
        ...EXPORT_FORMATS.map((f) => [f, exportDesign(r, f)] as const),
        ['guide', guideMarkdown(guide)] as const,
        ...guide.apps.flatMap((app) =>
          LANGUAGES.map((l) => [`${app.app} ${l}`, appSnippet(app, l)] as const),
        ),
      ]
      for (const [what, text] of texts) {
        for (const n of d.nodes) expect(text, `${what}: ${n.name}`).not.toContain(n.name)
        if (EXPORT_FORMATS.includes(what as ExportFormat))
          for (const sym of symbols(text).filter((x) => !FIXED.includes(x)))
            expect(sym, `${what}: ${sym}`).toMatch(/zeta|zserver|zdb/i)
      }
      // Each service and identity the exports declare appears under its new name.
      const declared = r.nodes.filter((n) => n.kind === 'identity' || n.kind === 'service')
      for (const f of EXPORT_FORMATS)
        for (const n of declared)
          expect(exportDesign(r, f), `${f}: ${n.name}`).toContain(n.name.split('/')[0])
    },
  )
})

describe("Terraform's role assignments after a rename", () => {
  it('differ only in their description, which their lifecycle ignores (azurerm before 5.2 would replace them)', async () => {
    const d = bound()
    // Every node bound to Azure renamed: its ids stay, so only the words about it change.
    const r = {
      ...d,
      nodes: d.nodes.map((n) =>
        n.azure?.resourceId || n.azure?.principalId ? { ...n, name: `${n.name}-renamed` } : n,
      ),
    }
    // Each assignment as Terraform evaluates it: a service's id through its local, whose key
    // follows the service's name while its value, the bound id, does not.
    const assignments = async (x: Design) => {
      const json = await parseTerraform(exportDesign(x, 'terraform'))
      const ids = Object.assign(
        {},
        ...(json.locals as { service_ids?: object }[]).map((l) => l.service_ids ?? {}),
      )
      return Object.values(json.resource.azurerm_role_assignment).map((blocks) =>
        JSON.parse(
          JSON.stringify((blocks as unknown[])[0]).replace(
            /\$\{local\.service_ids\.(\w+)\}/g,
            (_, key: string) => ids[key] ?? `?${key}`,
          ),
        ),
      ) as Record<string, unknown>[]
    }
    const [before, after] = [await assignments(d), await assignments(r)]
    const withoutDescription = (list: Record<string, unknown>[]) =>
      list.map(({ description: _, ...rest }) => JSON.stringify(rest)).sort()
    expect(before.length).toBeGreaterThan(0)
    expect(withoutDescription(after)).toEqual(withoutDescription(before))
    expect(after.map((a) => a.description)).not.toEqual(before.map((a) => a.description))
    for (const a of after) expect(a.lifecycle).toEqual([{ ignore_changes: ['${description}'] }])
  })
})

describe('scopes Bicep cannot deploy from one resource-group file', () => {
  it('comments out subscription-scope and other-group assignments, with the reason', () => {
    const text = exportDesign(bound(), 'bicep', { context: { resourceGroup: 'app-rg' } })
    expect(text).toContain('Not deployable from this resource-group file (subscription scope)')
    expect(text).toContain(
      'Not deployable from this resource-group file (the service is in another resource group)',
    )
    expect(text).toContain(
      "scope: resourceGroup('11111111-1111-1111-1111-111111111111', 'other-rg')",
    )
  })
})

describe('a federated credential of an identity bound in another group', () => {
  const worker = (group: string) =>
    design()
      .app('worker', { name: 'worker', hosting: 'aksWorkload' })
      .identity('mi', {
        name: 'mi-shared',
        azure: {
          resourceId: `/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/${group}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/mi-shared`,
        },
      })
      .service('st', 'storage', { name: 'st1' })
      .attach('worker', 'mi')
      .access('worker', 'st', ['Storage Blob Data Reader'], { via: 'mi' })
      .build()
  const credential = (bicep: string): string =>
    bicep.slice(bicep.lastIndexOf('\n', bicep.indexOf('federatedIdentityCredentials@')))

  it('is commented out in the Bicep with the reason (a child cannot deploy under another scope)', () => {
    const bicep = exportDesign(worker('id-rg'), 'bicep', { context: { resourceGroup: 'app-rg' } })
    expect(bicep).toContain(
      '// Not deployable from this resource-group file (the identity is in another resource group)',
    )
    expect(credential(bicep)).toMatch(/^\n\/\/ resource miSharedWorkerFederation /)
    // Nothing deployable reads the cluster's issuer: the file does not ask for it.
    expect(bicep).not.toMatch(/^param workerOidcIssuer/m)
  })

  it('is declared in the Bicep when the identity is in the deployment’s group', () => {
    const bicep = exportDesign(worker('app-rg'), 'bicep', { context: { resourceGroup: 'app-rg' } })
    expect(credential(bicep)).toMatch(/^\nresource miSharedWorkerFederation /)
    expect(bicep).toMatch(/^param workerOidcIssuer string$/m)
  })
})

describe('the Azure CLI script with resources bound in another subscription', () => {
  const OTHER = '22222222-2222-2222-2222-222222222222'
  const id = (type: string, name: string) =>
    `/subscriptions/${OTHER}/resourceGroups/shared-rg/providers/${type}/${name}`
  const d = design()
    .app('worker', { name: 'worker', hosting: 'aksWorkload' })
    .identity('mi', {
      name: 'mi-on-the-drawing',
      azure: { resourceId: id('Microsoft.ManagedIdentity/userAssignedIdentities', 'mi-shared') },
    })
    .service('cosmos', 'cosmosDb', {
      name: 'cosmos',
      azure: { resourceId: id('Microsoft.DocumentDB/databaseAccounts', 'cosmos-shared') },
    })
    .service('cache', 'redis', {
      name: 'cache',
      azure: { resourceId: id('Microsoft.Cache/redis', 'cache-shared') },
    })
    .attach('worker', 'mi')
    .access('worker', 'cosmos', ['Cosmos DB Built-in Data Reader'], { via: 'mi' })
    .access('worker', 'cache', ['Data Reader'], { via: 'mi' })
    .build()
  let calls: readonly (readonly string[])[] = []
  beforeAll(() => {
    calls = runExportedScript(exportDesign(d, 'cli')).run.calls
  })
  const named = (...words: string[]) => calls.filter((c) => words.every((w, i) => c[i] === w))

  it('federates the identity by its name and subscription in Azure, not the drawing’s', () => {
    const [call] = named('identity', 'federated-credential', 'create')
    expect(call).toEqual(
      expect.arrayContaining([
        '--identity-name=mi-shared',
        `--subscription=${OTHER}`,
        '--resource-group=shared-rg',
      ]),
    )
  })

  it('reads and writes the Cosmos DB data role and the Redis access policy in their subscription', () => {
    for (const call of [
      ...named('cosmosdb', 'sql', 'role', 'assignment'),
      ...named('redis', 'access-policy-assignment', 'create'),
    ])
      expect(call).toContain(`--subscription=${OTHER}`)
    expect(named('cosmosdb', 'sql', 'role', 'assignment').length).toBe(2)
    expect(named('redis', 'access-policy-assignment', 'create').length).toBe(1)
  })
})

describe('the Azure CLI script for a container group', () => {
  it('says the write-back restarts it and clears the secrets its read leaves out', () => {
    const d = design()
      .app('job', { name: 'job-aci', hosting: 'containerInstance', systemAssigned: true })
      .service('st', 'storage', { name: 'st1' })
      .access('job', 'st', ['Storage Blob Data Reader'], { via: 'system' })
      .build()
    const script = exportDesign(d, 'cli').split('\n')
    const update = script.findIndex((l) => l.startsWith('az resource update'))
    expect(script[update - 1]).toBe(
      '# job-aci: sets its identities to exactly these (one it has that the design lacks is removed; the container group restarts, and loses the secrets its read leaves out: secure variables, registry passwords, Azure Files keys. If it has any, add the identity where it is deployed instead).',
    )
  })
})

describe('an AKS workload', () => {
  const worker = (name: string) =>
    design()
      .app('worker', { name, hosting: 'aksWorkload' })
      .identity('mi', { name: 'mi-orders' })
      .service('st', 'storage', { name: 'st1' })
      .attach('worker', 'mi')
      .access('worker', 'st', ['Storage Blob Data Reader'], { via: 'mi' })
      .build()

  it.each(EXPORT_FORMATS)('%s: says what the cluster needs, which no export writes', (format) => {
    const text = exportDesign(worker('orders-worker'), format)
    expect(text).toContain(
      'a service account named orders-worker in namespace default, annotated azure.workload.identity/client-id with the client ID of mi-orders;',
    )
    expect(text).toContain('--enable-oidc-issuer --enable-workload-identity')
    expect(text).not.toContain('cannot name a service account')
  })

  it.each(EXPORT_FORMATS)(
    '%s: warns when the app’s name cannot be its service account’s (the federation would never match)',
    (format) => {
      expect(exportDesign(worker('Orders API'), format)).toContain(
        '"Orders API" cannot name a service account (only lower-case letters, digits, "-" and ".", starting and ending with a letter or digit): rename the app as its service account is named.',
      )
    },
  )
})

describe('grants through two services of one group at group or subscription scope', () => {
  // Two storage accounts of the deployment's group: the developers' Reader on the group and the
  // app's data role on the subscription reach each through both. ARM has one assignment for each
  // (scope, principal, role): a template declaring it twice is refused, Terraform's second create
  // finds the first.
  const d = design()
    .named('Shared scopes')
    .app('api', { name: 'api', systemAssigned: true })
    .service('st1', 'storage', { name: 'st1' })
    .service('st2', 'storage', { name: 'st2' })
    .developer('devs', 'group', { name: 'devs' })
    .access('devs', 'st1', ['Reader'], { scope: 'resourceGroup' })
    .access('devs', 'st2', ['Reader'], { scope: 'resourceGroup' })
    .access('api', 'st1', ['Storage Blob Data Reader'], { via: 'system', scope: 'subscription' })
    .access('api', 'st2', ['Storage Blob Data Reader'], { via: 'system', scope: 'subscription' })
    .build()
  const once = [
    `resourceGroup ${DEPLOYMENT} devs acdd72a7-3385-48ef-bd42-f606fba81ae7`,
    `subscription ${DEPLOYMENT} api 2a2b9908-6ea1-4ae2-8e65-a410df84e7d1`,
  ]
  const found = (list: readonly Found[]): string[] =>
    list.map((f) => `${f.target} ${f.principal} ${f.roleDefinitionId}`).sort()

  it('are one role assignment in the Terraform', async () => {
    const tf = exportDesign(d, 'terraform')
    expect(found(terraformAssignments(await parseTerraform(tf), d))).toEqual(once)
    expect(tf).toContain('# devs (developer) → st1, st2: Reader [resourceGroup]')
  })

  it('are one role assignment in the Bicep (the subscription one commented out)', () => {
    const bicep = exportDesign(d, 'bicep')
    expect(found(bicepAssignments(bicep, d))).toEqual(once)
  })

  it('are one role assignment in the Azure CLI script', () => {
    expect(found(cliAssignments(exportDesign(d, 'cli'), d))).toEqual(once)
  })
})

describe('context and file names', () => {
  it('takes subscription, group and location from flags, else from the design', () => {
    const cli = exportDesign(bound(), 'cli')
    expect(cli).toContain(
      `if [ -z "\${SUBSCRIPTION_ID:-}" ]; then SUBSCRIPTION_ID='11111111-1111-1111-1111-111111111111'; fi`,
    )
    expect(cli).toContain(`if [ -z "\${RESOURCE_GROUP:-}" ]; then RESOURCE_GROUP='app-rg'; fi`)
    const tf = exportDesign(TEMPLATES[1]!.design, 'terraform', {
      context: { resourceGroup: 'rg-x', location: 'northeurope' },
    })
    expect(tf).toContain('default     = "rg-x"')
    expect(tf).toContain('default     = "northeurope"')
  })

  it('names files after the design', () => {
    expect(exportFileName('Receipts platform', 'bicep')).toBe('receipts-platform.identity.bicep')
    expect(exportFileName('Receipts platform', 'terraform')).toBe('receipts-platform.identity.tf')
    expect(exportFileName('!!!', 'cli')).toBe('design.identity.sh')
  })
})
