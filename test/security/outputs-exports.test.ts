/* eslint-disable @typescript-eslint/no-explicit-any -- hcl2json returns untyped JSON */
// Hostile names in every name and field of random designs, through the three exports. The Azure
// CLI script is run in bash with a logging fake `az` first on PATH: it makes exactly the calls
// the plan says (identity names, federated credentials, every role assignment with its scope,
// principal and type) and nothing else runs. The Terraform parses to exactly the plan's
// resources; the Bicep has exactly the expected top-level declarations. Each is compared with
// the export of the same design under plain names: the names change values, never structure.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { exportDesign } from '@/export/export.ts'
import { exportModel, type ExportModel } from '@/export/model.ts'
import { federatedCredentialName } from '@/catalog/workload-identity.ts'
import { UNSAFE_BUT_NEWLINE } from '@/lib/encode/chars.ts'
import { TEMPLATES } from '@/templates/index.ts'
import {
  asFile,
  bicepAssignments,
  cliAssignments,
  expected,
  hclLiteral,
  parseTerraform,
  runExportedScript,
  terraformAssignments,
  uncommentBlocks,
} from '../export/read-exports.ts'
import { declarations, entry, literal } from '../support/bicep-syntax.ts'
import { asBash, FAKE_GROUP } from '../support/fake-az.ts'
import { hostileText } from '../support/hostile.ts'
import { exploitCases, hostileCase, type HostileCase } from '../support/hostile-designs.ts'
import { bashStatements, HAS_SHELLCHECK, needsTool } from '../support/tools.ts'

/** Issue 10's reproduced attacks, run before the random cases. */
const EXPLOITS = exploitCases().map((c): [HostileCase] => [c])

vi.setConfig({ testTimeout: 300_000 })

const nonEmpty = hostileText().filter((t) => t !== '')

const byKey = (a: unknown, b: unknown): number => JSON.stringify(a).localeCompare(JSON.stringify(b))
const sorted = <T>(list: readonly T[]): T[] => [...list].sort(byKey)

/** Identities the exports create (not bound to an existing one). */
const created = (m: ExportModel) => m.identities.filter((i) => !i.resourceId)
/** Each AKS workload and identity: the identity by its Azure name (a bound one's, from its id). */
const aksPairs = (m: ExportModel) =>
  m.apps
    .filter((a) => a.hosting === 'aksWorkload')
    .flatMap((a) =>
      a.identities.map((i) => {
        const bound = m.identities.find((x) => x.node === i)?.resourceId
        return { app: a.name, identity: bound ? bound.split('/').at(-1)! : (m.names[i] ?? i) }
      }),
    )

/** `az <words>` of a call: the subcommand, without its arguments. */
const subcommand = (call: readonly string[]): string =>
  call
    .slice(
      0,
      call.findIndex((a) => a.startsWith('-')),
    )
    .join(' ')

const ALLOWED = new Set([
  'account show',
  'account set',
  'group show',
  'identity create',
  'identity show',
  'identity federated-credential create',
  'ad group list',
  'role assignment list',
  'role assignment create',
  'cosmosdb sql role assignment list',
  'cosmosdb sql role assignment create',
  'webapp identity assign',
  'functionapp identity assign',
  'vm identity assign',
  'vmss identity assign',
  'containerapp identity assign',
  'containerapp show',
  'containerapp update',
  'resource update',
  'resource show',
  'webapp config appsettings set',
  'functionapp config appsettings set',
  'rest',
  'redis access-policy-assignment create',
])

const argOf = (call: readonly string[], option: string): string | undefined =>
  call.find((a) => a.startsWith(`${option}=`))?.slice(option.length + 1) ??
  call[call.indexOf(option) + 1]

describe('the Azure CLI script with hostile names', () => {
  it('run with a fake az, makes exactly the calls of the plan and nothing else', () => {
    fc.assert(
      fc.property(hostileCase(), ({ design, twin }) => {
        const script = exportDesign(design, 'cli')
        expect(script).not.toMatch(UNSAFE_BUT_NEWLINE)
        // Parses (bash -n, mvdan/sh) into as many statements as the plain twin's script. (Not
        // line for line: the T-SQL comments at the end keep a name's line breaks, each line of
        // it a comment of its own, so the final statement moves down.)
        const dir = mkdtempSync(join(tmpdir(), 'idtopo-'))
        writeFileSync(join(dir, 'identity.sh'), script)
        execFileSync('bash', ['-n', join(dir, 'identity.sh')])
        expect(bashStatements(script)).toHaveLength(
          bashStatements(exportDesign(twin, 'cli')).length,
        )

        const { run } = runExportedScript(script)
        expect(run.stderr).toBe('')
        expect(run.status).toBe(0)
        expect(run.canary).toBe(false)
        for (const call of run.calls) expect(ALLOWED).toContain(subcommand(call))
        const { run: plain } = runExportedScript(exportDesign(twin, 'cli'))
        expect(run.calls.map(subcommand)).toEqual(plain.calls.map(subcommand))

        const m = exportModel(design)
        const calls = (sub: string) => run.calls.filter((c) => subcommand(c) === sub)
        expect(calls('identity create')).toEqual(
          created(m).map((i) => [
            'identity',
            'create',
            `--name=${asBash(i.name)}`,
            `--resource-group=${FAKE_GROUP}`,
            expect.stringMatching(/^--location=/),
            '--query',
            'id',
            '--output',
            'tsv',
          ]),
        )
        expect(
          sorted(
            calls('identity federated-credential create').map((c) => ({
              app: argOf(c, '--name'),
              identity: argOf(c, '--identity-name'),
              subject: argOf(c, '--subject'),
            })),
          ),
        ).toEqual(
          sorted(
            aksPairs(m).map((p) => ({
              app: asBash(federatedCredentialName(p.app)),
              identity: asBash(p.identity),
              subject: asBash(`system:serviceaccount:default:${p.app}`),
            })),
          ),
        )
        expect(sorted(cliAssignments(script, design))).toEqual(expected(design))
      }),
      { examples: EXPLOITS, numRuns: 10, endOnFailure: true },
    )
  })

  it('takes hostile azure.* values given to the export as exactly those values, expanding nothing', () => {
    fc.assert(
      // Not empty: an empty value is no value, and the script asks Azure instead.
      fc.property(nonEmpty, nonEmpty, nonEmpty, (sub, group, location) => {
        const d = TEMPLATES[2]!.design
        const script = exportDesign(d, 'cli', {
          context: { subscriptionId: sub, resourceGroup: group, location },
        })
        expect(script).not.toMatch(UNSAFE_BUT_NEWLINE)
        // An empty environment: the script's own defaults (the hostile values) apply.
        const run = runExportedScript(script, { SUBSCRIPTION_ID: '', RESOURCE_GROUP: '' }).run
        expect(run.canary).toBe(false)
        expect(run.calls.find((c) => subcommand(c) === 'account set')).toEqual([
          'account',
          'set',
          `--subscription=${asBash(sub)}`,
        ])
        const create = run.calls.find((c) => subcommand(c) === 'identity create')!
        expect(argOf(create, '--resource-group')).toBe(asBash(group))
        expect(argOf(create, '--location')).toBe(asBash(location))
      }),
      // Values az would take for options of their own when given as a word apart (argparse).
      { numRuns: 25, endOnFailure: true, examples: [['-x', '--debug', '-l']] },
    )
  })

  it.skipIf(!HAS_SHELLCHECK)(
    needsTool('passes shellcheck with $(…) and backquotes in names', 'shellcheck', HAS_SHELLCHECK),
    () => {
      for (const { design } of exploitCases()) {
        const file = join(mkdtempSync(join(tmpdir(), 'idtopo-')), 'exploit.sh')
        writeFileSync(file, exportDesign(design, 'cli'))
        // Throws with the findings on any; SC2016 took '…$(…)…' (inert) for a mistake.
        execFileSync('shellcheck', ['--severity=style', file])
      }
    },
  )
})

describe('Terraform with hostile names', () => {
  it('parses to exactly the plan’s resources, named as the design names them', async () => {
    await fc.assert(
      fc.asyncProperty(hostileCase(), async ({ design, twin }) => {
        const text = exportDesign(design, 'terraform')
        expect(text).not.toMatch(UNSAFE_BUT_NEWLINE)
        const json = await parseTerraform(text)
        const plain = await parseTerraform(exportDesign(twin, 'terraform'))
        const m = exportModel(design)
        const count = (j: Record<string, any>, kind: string, type: string) =>
          Object.keys(j[kind]?.[type] ?? {}).length
        // Block types and how many of each; variable and output labels are names, so counted.
        const shape = (j: Record<string, any>) => ({
          ...Object.fromEntries(
            ['resource', 'data'].map((k) => [
              k,
              Object.fromEntries(
                Object.entries(j[k] ?? {}).map(([t, v]) => [t, Object.keys(v as object).length]),
              ),
            ]),
          ),
          variables: Object.keys(j.variable ?? {}).length,
          outputs: Object.keys(j.output ?? {}).length,
          locals: Object.entries(j.locals?.[0] ?? {}).map(([k, v]) => [
            k,
            typeof v === 'object' ? Object.keys(v as object).length : 'value',
          ]),
        })
        expect(shape(json)).toEqual(shape(plain))
        expect(Object.keys(json.resource ?? {}).sort()).toEqual(
          Object.keys({
            ...(created(m).length ? { azurerm_user_assigned_identity: 1 } : {}),
            ...(aksPairs(m).length ? { azurerm_federated_identity_credential: 1 } : {}),
            ...(m.roleAssignments.length ? { azurerm_role_assignment: 1 } : {}),
            ...(m.cosmosAssignments.length ? { azurerm_cosmosdb_sql_role_assignment: 1 } : {}),
            ...(m.vaultPolicies.length ? { azurerm_key_vault_access_policy: 1 } : {}),
            ...(m.redisAssignments.length
              ? { azurerm_redis_cache_access_policy_assignment: 1 }
              : {}),
          }).sort(),
        )
        expect(count(json, 'resource', 'azurerm_role_assignment')).toBe(m.roleAssignments.length)
        expect(count(json, 'resource', 'azurerm_cosmosdb_sql_role_assignment')).toBe(
          m.cosmosAssignments.length,
        )
        expect(
          Object.values<any>(json.resource?.azurerm_user_assigned_identity ?? {})
            .map((r) => hclLiteral(r[0].name))
            .sort(),
        ).toEqual(
          created(m)
            .map((i) => asFile(i.name))
            .sort(),
        )
        expect(sorted(terraformAssignments(json, design))).toEqual(expected(design))
      }),
      { examples: EXPLOITS, numRuns: 15, endOnFailure: true },
    )
  })
})

describe('Bicep with hostile names', () => {
  const shape = (text: string) =>
    declarations(text).map((d) => [
      d.keyword,
      d.type ?? '',
      d.existing ?? false,
      d.decorators.length,
    ])

  it('has exactly the expected top-level declarations, with the design’s names as values', () => {
    fc.assert(
      fc.property(hostileCase(), ({ design, twin }) => {
        const text = exportDesign(design, 'bicep')
        expect(text).not.toMatch(UNSAFE_BUT_NEWLINE)
        expect(shape(text)).toEqual(shape(exportDesign(twin, 'bicep')))
        // Blocks the file cannot deploy stay disabled: the same declarations once switched on.
        expect(shape(uncommentBlocks(text))).toEqual(
          shape(uncommentBlocks(exportDesign(twin, 'bicep'))),
        )
        const m = exportModel(design)
        const decls = declarations(text)
        const ofType = (type: string) => decls.filter((d) => d.type?.startsWith(`${type}@`))
        expect(
          ofType('Microsoft.ManagedIdentity/userAssignedIdentities')
            .filter((d) => !d.existing)
            .map((d) => literal(entry(d.body, 'name')?.[0]))
            .sort(),
        ).toEqual(
          created(m)
            .map((i) => i.name)
            .sort(),
        )
        expect(
          ofType('Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials')
            .map((d) => literal(entry(d.body, 'name')?.[0]))
            .sort(),
        ).toEqual(
          aksPairs(m)
            .map((p) => federatedCredentialName(p.app))
            .sort(),
        )
        expect(sorted(bicepAssignments(text, design))).toEqual(expected(design, 'bicep'))
      }),
      { examples: EXPLOITS, numRuns: 25, endOnFailure: true },
    )
  })

  it('writes hostile azure.* values given to the export as exactly those values', () => {
    fc.assert(
      fc.property(nonEmpty, (location) => {
        const text = exportDesign(TEMPLATES[2]!.design, 'bicep', { context: { location } })
        const param = declarations(text).find(
          (d) => d.keyword === 'param' && d.tokens[0]?.text === 'location',
        )!
        expect(literal(param.tokens.at(-1))).toBe(location)
      }),
    )
  })
})

describe('Terraform variables', () => {
  it('hold hostile azure.* values given to the export as exactly those values', async () => {
    await fc.assert(
      fc.asyncProperty(nonEmpty, nonEmpty, async (sub, location) => {
        const json = await parseTerraform(
          exportDesign(TEMPLATES[2]!.design, 'terraform', {
            context: { subscriptionId: sub, location },
          }),
        )
        expect(hclLiteral(json.variable.subscription_id[0].default)).toBe(asFile(sub))
        expect(hclLiteral(json.variable.location[0].default)).toBe(asFile(location))
      }),
      { numRuns: 30, endOnFailure: true },
    )
  })
})
