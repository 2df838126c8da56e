import { describe, expect, it } from 'vitest'
import { runCli } from '@/cli/main.ts'
import { applyEdits } from '@/model/edits.ts'
import { parseDesign, parseDesignText } from '@/model/parse.ts'
import { formatProblem } from '@/model/problems.ts'
import { serializeDesign } from '@/model/serialize.ts'
import { memoryIO } from '../support/memory-io.ts'

const SUB = '11111111-1111-1111-1111-111111111111'
const OTHER_SUB = '22222222-2222-2222-2222-222222222222'
const RG = `/subscriptions/${SUB}/resourceGroups/rg-app`
const id = (type: string, name: string, rg = RG) => `${rg}/providers/${type}/${name}`

const doc = (azure: Record<string, Record<string, unknown> | undefined> = {}) => ({
  format: 'identity-topology',
  version: 1,
  name: 'Bindings',
  nodes: [
    { id: 'api', kind: 'app', name: 'api', hosting: 'appService', azure: azure.api },
    { id: 'mi', kind: 'identity', name: 'mi', azure: azure.mi },
    { id: 'st', kind: 'service', name: 'receiptstore', service: 'storage', azure: azure.st },
    { id: 'db', kind: 'service', name: 'srv/orders', service: 'sql', azure: azure.db },
    { id: 'devs', kind: 'developer', name: 'devs', principal: 'group', azure: azure.devs },
  ],
  edges: [],
})

function problems(input: unknown): string[] {
  const r = parseDesign(input)
  return r.ok ? [] : r.error.map(formatProblem)
}

describe('azure.* fields are checked by their real format, with the path of §4/§8', () => {
  it('accepts well-formed bindings of every field, Unicode group names and nested types', () => {
    const r = parseDesign(
      doc({
        api: {
          resourceId: id('Microsoft.Web/sites', 'api'),
          principalId: 'AAAAAAAA-0000-4000-8000-000000000001',
        },
        mi: {
          subscriptionId: SUB,
          resourceGroup: 'rg-Zürich_(1).x',
          location: 'westeurope',
          clientId: '00000000-0000-4000-8000-000000000002',
        },
        st: { resourceId: id('microsoft.storage/STORAGEACCOUNTS', 'receiptstore') },
        db: { resourceId: `${RG}/providers/Microsoft.Sql/servers/srv/databases/orders` },
        devs: { principalId: '00000000-0000-4000-8000-000000000003' },
      }),
    )
    expect(r.ok ? [] : r.error.map(formatProblem)).toEqual([])
  })

  it.each([
    [
      'subscriptionId not a GUID',
      { mi: { subscriptionId: 'prod' } },
      'nodes[1].azure.subscriptionId: expected a subscription id (a GUID',
    ],
    [
      'subscriptionId with a command',
      { mi: { subscriptionId: '$(touch /tmp/x)' } },
      'nodes[1].azure.subscriptionId: expected a subscription id',
    ],
    [
      'principalId not a GUID',
      { devs: { principalId: 'alice@contoso.com' } },
      'nodes[4].azure.principalId: expected a Microsoft Entra object id',
    ],
    [
      'clientId not a GUID',
      { mi: { clientId: "x'; rm -rf ~" } },
      'nodes[1].azure.clientId: expected a client id',
    ],
    [
      'group with a slash',
      { mi: { resourceGroup: 'rg/../other' } },
      'nodes[1].azure.resourceGroup: a resource group name may only hold letters, digits',
    ],
    [
      'group with a command',
      { mi: { resourceGroup: 'rg$(id)' } },
      'nodes[1].azure.resourceGroup: a resource group name may only hold',
    ],
    [
      'group ending with a period',
      { mi: { resourceGroup: 'rg.' } },
      'nodes[1].azure.resourceGroup: a resource group name cannot end with a period',
    ],
    [
      'group of 91 characters',
      { mi: { resourceGroup: 'r'.repeat(91) } },
      'nodes[1].azure.resourceGroup: a resource group name must be 1–90 characters',
    ],
    [
      'region display name',
      { mi: { location: 'West Europe' } },
      'nodes[1].azure.location: expected an Azure region name in lower-case letters and digits',
    ],
    [
      'region with a newline',
      { mi: { location: 'westeurope\nrm -rf /' } },
      'nodes[1].azure.location: expected an Azure region name',
    ],
    [
      'resource id that is a subscription',
      { st: { resourceId: `/subscriptions/${SUB}` } },
      'nodes[2].azure.resourceId: expected the id of a Microsoft.Storage/storageAccounts, got the id of a subscription',
    ],
    [
      'resource id that is a group',
      { st: { resourceId: RG } },
      'nodes[2].azure.resourceId: expected the id of a Microsoft.Storage/storageAccounts, got the id of a resource group',
    ],
    [
      'resource id of another type',
      { st: { resourceId: id('Microsoft.KeyVault/vaults', 'kv') } },
      'nodes[2].azure.resourceId: expected the id of a Microsoft.Storage/storageAccounts, got the id of a Microsoft.KeyVault/vaults',
    ],
    [
      'app bound to a storage account',
      { api: { resourceId: id('Microsoft.Storage/storageAccounts', 'st') } },
      'nodes[0].azure.resourceId: expected the id of a Microsoft.Web/sites',
    ],
    [
      'identity bound to a site',
      { mi: { resourceId: id('Microsoft.Web/sites', 'api') } },
      'nodes[1].azure.resourceId: expected the id of a Microsoft.ManagedIdentity/userAssignedIdentities',
    ],
    [
      'SQL server instead of database',
      { db: { resourceId: id('Microsoft.Sql/servers', 'srv') } },
      'nodes[3].azure.resourceId: expected the id of a Microsoft.Sql/servers/databases, got the id of a Microsoft.Sql/servers',
    ],
    [
      'developer with a resource id',
      { devs: { resourceId: id('Microsoft.Storage/storageAccounts', 'st') } },
      'nodes[4].azure.resourceId: a developer is bound by azure.principalId',
    ],
    [
      'path traversal in a name',
      { st: { resourceId: id('Microsoft.Storage/storageAccounts', '..') + '/../x' } },
      'nodes[2].azure.resourceId: not an ARM resource id',
    ],
    [
      'query in a name',
      { st: { resourceId: id('Microsoft.Storage/storageAccounts', 'st?api-version=1') } },
      'nodes[2].azure.resourceId: not an ARM resource id: the name "st?api-version=1" holds a character',
    ],
    [
      'empty segment',
      {
        st: {
          resourceId: `/subscriptions/${SUB}//resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st`,
        },
      },
      'nodes[2].azure.resourceId: not an ARM resource id: an ARM id has no empty segments',
    ],
    [
      'subscription not a GUID',
      {
        st: {
          resourceId: id(
            'Microsoft.Storage/storageAccounts',
            'st',
            '/subscriptions/s/resourceGroups/rg',
          ),
        },
      },
      'nodes[2].azure.resourceId: not an ARM resource id: the subscription id "s" is not a GUID',
    ],
    [
      'extension resource',
      {
        st: {
          resourceId: `${id('Microsoft.Storage/storageAccounts', 'st')}/providers/Microsoft.Storage/storageAccounts/x`,
        },
      },
      'nodes[2].azure.resourceId: not an ARM resource id: extension resources',
    ],
    [
      'not a string',
      { st: { resourceId: 42 } },
      'nodes[2].azure.resourceId: expected a string, got the number 42',
    ],
  ])('refuses %s', (_what, azure, expected) => {
    const found = problems(doc(azure))
    expect(
      found.some((p) => p.startsWith(expected)),
      found.join('\n'),
    ).toBe(true)
  })

  it('refuses bindings in two subscriptions, at the later node, naming the first', () => {
    const found = problems(
      doc({
        api: { resourceId: id('Microsoft.Web/sites', 'api') },
        mi: { subscriptionId: OTHER_SUB, resourceGroup: 'rg', location: 'westeurope' },
        st: {
          resourceId: id(
            'Microsoft.Storage/storageAccounts',
            'st',
            `/subscriptions/${OTHER_SUB}/resourceGroups/rg`,
          ),
        },
      }),
    )
    expect(found).toEqual([
      `nodes[1].azure.subscriptionId: in subscription ${OTHER_SUB}, but the design is bound to subscription ${SUB} (nodes[0].azure.resourceId): a design is applied to one subscription`,
      `nodes[2].azure.resourceId: in subscription ${OTHER_SUB}, but the design is bound to subscription ${SUB} (nodes[0].azure.resourceId): a design is applied to one subscription`,
    ])
  })

  it('exits 2 from the CLI with the path of the wrong-type resource id and nothing on stdout', async () => {
    const m = memoryIO({
      'd.json': JSON.stringify(doc({ st: { resourceId: `/subscriptions/${SUB}` } })),
    })
    expect(await runCli(['plan', 'd.json'], m.io)).toBe(2)
    expect(m.stdout()).toBe('')
    expect(m.stderr()).toContain(
      'nodes[2].azure.resourceId: expected the id of a Microsoft.Storage/storageAccounts, got the id of a subscription',
    )
  })

  it('keeps any characters in names, controls included: they are escaped where written', () => {
    const hostile = 'a\u0000b\u001b[2K\rOwner\'"$(id)`\n\u202e'
    const input = doc()
    input.nodes[2]!.name = hostile
    input.name = hostile
    const r = parseDesign(input)
    if (!r.ok) throw new Error(r.error.map(formatProblem).join('\n'))
    expect(r.value.name).toBe(hostile)
    const again = parseDesignText(serializeDesign(r.value))
    expect(again.ok && again.value.nodes[2]?.name).toBe(hostile)
  })
})

describe('edits keep bindings valid', () => {
  const bound = () => {
    const r = parseDesign(
      doc({
        api: { resourceId: id('Microsoft.Web/sites', 'api') },
        st: { resourceId: id('Microsoft.Storage/storageAccounts', 'receiptstore') },
      }),
    )
    if (!r.ok) throw new Error('invalid')
    return r.value
  }

  it('refuses setting a resource id of another type', () => {
    const r = applyEdits(bound(), [
      { type: 'updateNode', id: 'st', set: { azure: { resourceId: `/subscriptions/${SUB}` } } },
    ])
    expect(r.ok ? '' : r.error.message).toContain(
      'azure.resourceId: expected the id of a Microsoft.Storage/storageAccounts, got the id of a subscription',
    )
  })

  it('refuses a binding in another subscription than the design’s', () => {
    const other = id(
      'Microsoft.Storage/storageAccounts',
      'st',
      `/subscriptions/${OTHER_SUB}/resourceGroups/rg`,
    )
    const r = applyEdits(bound(), [
      { type: 'updateNode', id: 'st', set: { azure: { resourceId: other } } },
    ])
    expect(r.ok ? '' : r.error.message).toBe(
      `nodes[2].azure.resourceId: in subscription ${OTHER_SUB}, but the design is bound to subscription ${SUB} (nodes[0].azure.resourceId): a design is applied to one subscription`,
    )
  })

  it('drops a resource id the new hosting kind cannot bind to, keeping the rest of the binding', () => {
    const design = bound()
    const withPrincipal = applyEdits(design, [
      {
        type: 'updateNode',
        id: 'api',
        set: {
          azure: { ...design.nodes[0]!.azure, principalId: '00000000-0000-4000-8000-000000000001' },
        },
      },
    ])
    if (!withPrincipal.ok) throw new Error(withPrincipal.error.message)
    const r = applyEdits(withPrincipal.value, [
      { type: 'updateNode', id: 'api', set: { hosting: 'containerApp' } },
    ])
    if (!r.ok) throw new Error(r.error.message)
    expect(r.value.nodes[0]).toMatchObject({
      hosting: 'containerApp',
      azure: { principalId: '00000000-0000-4000-8000-000000000001' },
    })
    expect(r.value.nodes[0]?.azure?.resourceId).toBeUndefined()
    // a Function App is a Microsoft.Web/sites too: the binding stays
    const same = applyEdits(design, [
      { type: 'updateNode', id: 'api', set: { hosting: 'functionApp' } },
    ])
    expect(same.ok && same.value.nodes[0]?.azure?.resourceId).toBe(id('Microsoft.Web/sites', 'api'))
  })
})
