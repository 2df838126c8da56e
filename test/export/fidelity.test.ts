import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { exportDesign, EXPORT_FORMATS } from '@/export/export.ts'
import { alignHcl } from '@/export/hcl-format.ts'
import type { Design } from '@/model/types.ts'
import { resourceId, roleAssignmentName } from '@/plan/arm-ids.ts'
import { TEMPLATES } from '@/templates/index.ts'
import { bound, everyService } from '../guide/fixtures.ts'
import { dataPlane } from './fixtures.ts'

const designs: Design[] = [...TEMPLATES.map((t) => t.design), everyService(), bound(), dataPlane()]

describe('terraform fmt alignment (hashicorp/hcl hclwrite format.go rules)', () => {
  it('aligns consecutive single-line attributes, at any indent, one space after the longest lead', () => {
    expect(alignHcl(['a = 1', 'long_name = 2', '  n = "x = y"'])).toEqual([
      'a         = 1',
      'long_name = 2',
      '  n       = "x = y"',
    ])
  })

  it('breaks runs at blank lines, comments, multi-line openers, closers and heredoc bodies', () => {
    const input = [
      'a = 1',
      '',
      'bb = 2',
      '# c = 3',
      'ccc = 3',
      'obj = {',
      '  k = "v"',
      '}',
      'value = <<-EOT',
      'x = 1',
      'EOT',
      'd = [1, 2]',
      'eeee = "${a} {"',
    ]
    expect(alignHcl(input)).toEqual([
      'a = 1',
      '',
      'bb = 2',
      '# c = 3',
      'ccc = 3',
      'obj = {',
      '  k = "v"',
      '}',
      'value = <<-EOT',
      'x = 1',
      'EOT',
      'd    = [1, 2]',
      'eeee = "${a} {"',
    ])
  })

  it.each(designs.map((d) => [d.name, d] as const))(
    'the Terraform export of %s is already formatted',
    (_, d) => {
      const lines = exportDesign(d, 'terraform').split('\n')
      expect(alignHcl(lines)).toEqual(lines)
    },
  )

  it('takes azurerm 4.65 to 5.x and names a federated credential’s identity as both do', () => {
    // 4.65 renamed parent_id user_assigned_identity_id; 5.0 removed parent_id and the
    // credential's resource_group_name (its upgrade guide and resource docs).
    const tf = exportDesign(dataPlane(), 'terraform')
    expect(tf).toContain('version = ">= 4.65, < 6.0"')
    const credential = tf.slice(tf.indexOf('resource "azurerm_federated_identity_credential"'))
    const block = credential.slice(0, credential.indexOf('}'))
    expect(block).toMatch(
      /\n {2}user_assigned_identity_id = azurerm_user_assigned_identity\.mi_orders\.id\n/,
    )
    expect(block).not.toMatch(/parent_id|resource_group_name/)
  })
})

describe('ARM’s per-resource serialisation in every export', () => {
  const bicep = exportDesign(dataPlane(), 'bicep')
  const tf = exportDesign(dataPlane(), 'terraform')

  it('Bicep chains one Cosmos DB account’s data roles and one identity’s federated credentials', () => {
    expect(bicep).toMatch(
      /resource miOrdersOrdersCosmosCosmosDbBuiltInDataContributor [^\n]+\n(?:[^\n]*\n)*?\s+dependsOn: \[ordersApiOrdersCosmosCosmosDbBuiltInDataReader\]\n\}/,
    )
    expect(bicep).toMatch(
      /resource miOrdersOrdersSyncFederation [^\n]+\n(?:[^\n]*\n)*?\s+dependsOn: \[miOrdersOrdersWorkerFederation\]\n\}/,
    )
    expect(bicep.match(/dependsOn/g)).toHaveLength(2)
  })

  it('Terraform chains them too (depends_on)', () => {
    expect(tf).toContain(
      'depends_on          = [azurerm_cosmosdb_sql_role_assignment.orders_api_orders_cosmos_cosmos_db_built_in_data_reader]',
    )
    expect(tf).toMatch(
      /depends_on +?= \[azurerm_federated_identity_credential\.mi_orders_orders_worker_federation\]/,
    )
  })

  it('the CLI script writes one account’s data roles together, each waited for', () => {
    const cli = exportDesign(dataPlane(), 'cli')
    const cosmos = cli.split('\n').filter((l) => l.startsWith('assign_cosmos_role "'))
    expect(cosmos).toHaveLength(2)
    expect(new Set(cosmos.map((l) => l.split(' ')[1]))).toEqual(new Set(['"$ORDERS_COSMOS_ID"']))
  })
})

describe('the same assignment name in Bicep, Terraform, the CLI script and apply', () => {
  const SUB = '11111111-1111-1111-1111-111111111111'
  const DEV = 'aaaaaaaa-0000-4000-8000-0000000000d1'
  const design: Design = {
    name: 'Named',
    nodes: [
      {
        id: 'devs',
        kind: 'developer',
        name: 'devs',
        principal: 'group',
        azure: { principalId: DEV },
      },
      { id: 'st', kind: 'service', name: 'namedstore', service: 'storage' },
    ],
    edges: [
      {
        id: 'e1',
        kind: 'access',
        source: 'devs',
        target: 'st',
        roles: ['Storage Blob Data Reader'],
      },
    ],
  }
  const context = { subscriptionId: SUB, resourceGroup: 'sandbox-rg' }
  const scope = resourceId(SUB, 'sandbox-rg', 'Microsoft.Storage/storageAccounts', 'namedstore')
  // What idtopo apply names it (src/apply/steps/assign-role.ts).
  const applied = roleAssignmentName(scope, DEV, '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')

  it.each(EXPORT_FORMATS)('%s names it as apply does when the principal id is known', (format) => {
    expect(exportDesign(design, format, { context })).toContain(applied)
  })

  it('the CLI script’s assignment_name computes the very name apply uses (mixed case in)', () => {
    const cli = exportDesign(design, 'cli', { context })
    const helper = cli.slice(
      cli.indexOf('assignment_name() {'),
      cli.indexOf('\n}\n', cli.indexOf('assignment_name() {')) + 3,
    )
    const namespace = /^ASSIGNMENT_NAMESPACE=(.+)$/m.exec(cli)?.[1]
    const upper = scope.toUpperCase()
    const name = execFileSync('bash', [
      '-c',
      `set -euo pipefail\nASSIGNMENT_NAMESPACE=${namespace}\n${helper}\nassignment_name "$1" "$2" "$3"`,
      'x',
      upper,
      DEV,
      '2A2B9908-6EA1-4AE2-8E65-A410DF84E7D1',
    ])
      .toString()
      .trim()
    expect(name).toBe(applied)
  })

  it('the CLI script’s assignment_name lower-cases non-ASCII letters as apply does (a group named RG-ÄPFEL-Ω)', () => {
    const cli = exportDesign(design, 'cli', { context })
    const helper = cli.slice(
      cli.indexOf('assignment_name() {'),
      cli.indexOf('\n}\n', cli.indexOf('assignment_name() {')) + 3,
    )
    const namespace = /^ASSIGNMENT_NAMESPACE=(.+)$/m.exec(cli)?.[1]
    const unicode = scope.replace(/resourceGroups\/[^/]+/, 'resourceGroups/RG-ÄPFEL-Ω')
    const role = '2A2B9908-6EA1-4AE2-8E65-A410DF84E7D1'
    const name = execFileSync(
      'bash',
      [
        '-c',
        `set -euo pipefail\nASSIGNMENT_NAMESPACE=${namespace}\n${helper}\nassignment_name "$1" "$2" "$3"`,
        'x',
        unicode,
        DEV,
        role,
      ],
      { env: { ...process.env, LANG: 'C.UTF-8' } },
    )
      .toString()
      .trim()
    expect(name).toBe(roleAssignmentName(unicode, DEV, role))
  })

  it('the one case it cannot: Bicep, for a principal made by the same deployment', () => {
    const made: Design = {
      ...design,
      nodes: [
        { id: 'api', kind: 'app', name: 'named-api', hosting: 'appService' },
        { id: 'mi', kind: 'identity', name: 'mi-named' },
        design.nodes[1]!,
      ],
      edges: [
        { id: 'a1', kind: 'attach', source: 'api', target: 'mi' },
        {
          id: 'e1',
          kind: 'access',
          source: 'api',
          target: 'st',
          via: 'mi',
          roles: ['Storage Blob Data Reader'],
        },
      ],
    }
    expect(exportDesign(made, 'bicep', { context })).toContain(
      "name: guid(namedstore.id, miNamed.id, '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')",
    )
    expect(exportDesign(made, 'terraform', { context })).toContain(
      'uuidv5(local.assignment_namespace, lower("${local.service_ids.namedstore}|${azurerm_user_assigned_identity.mi_named.principal_id}|2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"))',
    )
    expect(exportDesign(made, 'cli', { context })).toContain(
      '"$(assignment_name "$NAMEDSTORE_ID" "$MI_NAMED_PRINCIPAL_ID" 2a2b9908-6ea1-4ae2-8e65-a410df84e7d1)"',
    )
  })
})

describe('identity type as each provider spells it', () => {
  it('bicep: Container Apps without the space, as ARM’s Microsoft.App spells it', () => {
    const text = exportDesign(dataPlane(), 'bicep')
    expect(text).toContain('SystemAssigned,UserAssigned')
    expect(text).not.toContain('SystemAssigned, UserAssigned')
  })

  it('terraform: with the space for every resource, the one spelling azurerm’s identity blocks take', () => {
    const text = exportDesign(dataPlane(), 'terraform')
    expect(text).toMatch(/type +?= "SystemAssigned, UserAssigned"/)
    expect(text).not.toContain('SystemAssigned,UserAssigned')
  })
})
