import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { v5 as uuidv5 } from 'uuid'
import { describe, expect, it } from 'vitest'
import { exportDesign, exportFileName, EXPORT_FORMATS } from '@/export/export.ts'
import { exportModel } from '@/export/model.ts'
import type { Design } from '@/model/types.ts'
import { ASSIGNMENT_NAMESPACE, roleAssignmentName } from '@/plan/arm-ids.ts'
import { TEMPLATES } from '@/templates/index.ts'
import { bound, everyService } from '../guide/fixtures.ts'
import { dataPlane } from './fixtures.ts'
import {
  bicepAssignments,
  cliAssignments,
  parseTerraform,
  terraformAssignments,
  type Found,
} from './read-exports.ts'

const designs: [string, Design][] = [
  ...TEMPLATES.map((t): [string, Design] => [t.id, t.design]),
  ['every-service', everyService()],
  ['bound', bound()],
  ['data-plane', dataPlane()],
]
const EXT = { bicep: 'bicep', terraform: 'tf', cli: 'sh' } as const

/** What the plan says each export must hold: role definition, target, principal, principal type. */
function expected(d: Design): Found[] {
  const m = exportModel(d)
  const name = (node: string): string => m.names[node] ?? node
  return [...m.roleAssignments, ...m.cosmosAssignments]
    .map((a) => ({
      kind: a.action === 'assignRole' ? ('rbac' as const) : ('cosmos' as const),
      roleDefinitionId: a.roleDefinitionId,
      target: name(a.target),
      principal: name(a.principal.node),
      principalType: a.action === 'assignRole' ? a.principalType : undefined,
      name: a.arm?.name,
    }))
    .sort(byKey)
}
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
    expect(bicepAssignments(exportDesign(d, 'bicep'), d).sort(byKey)).toEqual(expected(d))
  })

  it('the Azure CLI script passes bash -n and shellcheck, and holds every assignment', () => {
    const script = exportDesign(d, 'cli')
    const file = join(mkdtempSync(join(tmpdir(), 'idtopo-')), `${id}.sh`)
    writeFileSync(file, script)
    execFileSync('bash', ['-n', file])
    execFileSync('shellcheck', ['--severity=style', file]) // throws with the findings on any
    expect(cliAssignments(script, d).sort(byKey)).toEqual(expected(d))
  })
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
      /uuidv5\(local\.assignment_namespace, lower\("\$\{local\.service_ids\.blob\}\|\$\{azurerm_user_assigned_identity\.mi_storage\.principal_id\}\|ba92f5b4-2d11-453d-a403-e96b0029c9fe"\)\)/,
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
      "name: guid(blob.id, miStorage.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')",
    )
    expect(text).toContain("principalType: 'ServicePrincipal'")
    expect(text).toContain("principalType: 'Group'")
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

describe('context and file names', () => {
  it('takes subscription, group and location from flags, else from the design', () => {
    const cli = exportDesign(bound(), 'cli')
    expect(cli).toContain(
      'SUBSCRIPTION_ID="${SUBSCRIPTION_ID:-11111111-1111-1111-1111-111111111111}"',
    )
    expect(cli).toContain('RESOURCE_GROUP="${RESOURCE_GROUP:-app-rg}"')
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

describe('hostile names', () => {
  it('keeps the script valid and the Terraform parseable with quotes, dollars and braces in names', async () => {
    const d = {
      ...everyService(),
      name: `It's "tricky" $HOME \${x} %{y}`,
      nodes: everyService().nodes.map((n) =>
        n.id === 'ann' ? { ...n, name: `O'Brien "$(rm -rf)" }` } : n,
      ),
    }
    const file = join(mkdtempSync(join(tmpdir(), 'idtopo-')), 'tricky.sh')
    writeFileSync(file, exportDesign(d, 'cli'))
    execFileSync('bash', ['-n', file])
    execFileSync('shellcheck', ['--severity=style', file])
    const json = await parseTerraform(exportDesign(d, 'terraform'))
    expect(terraformAssignments(json, d).length).toBe(expected(d).length)
  })
})
