import { Principals } from '@/apply/principals.ts'
import { describe, expect, it } from 'vitest'
import { designScopes } from '@/apply/design-scopes.ts'
import { prepareApply } from '@/apply/prepare.ts'
import { findPrunable } from '@/apply/prune.ts'
import { roleByName } from '@/catalog/roles.ts'
import type { Design } from '@/model/types.ts'
import { roleDefinitionResourceId } from '@/plan/arm-ids.ts'
import { templateById } from '@/templates/index.ts'
import { applyOnce, inPageWorld, SUB, TARGET } from '../apply/support.ts'

const OTHER_SUB = '22222222-2222-2222-2222-222222222222'
const RG = `/subscriptions/${SUB}/resourceGroups/sandbox-rg`
const STORE = `${RG}/providers/Microsoft.Storage/storageAccounts/contosoassets`

const grantOn = (azure: Record<string, string>): Design => ({
  name: 'Pre-bound',
  nodes: [
    { id: 'web', kind: 'app', name: 'contoso-web', hosting: 'appService', systemAssigned: true },
    { id: 'blob', kind: 'service', name: 'contosoassets', service: 'storage', azure },
  ],
  edges: [
    {
      id: 'e',
      kind: 'access',
      source: 'web',
      target: 'blob',
      via: 'system',
      roles: ['Storage Blob Data Reader'],
    },
  ],
})

describe('apply refuses pre-set bindings it must not act on', () => {
  const bindProblems = async (design: Design): Promise<string[]> => {
    const world = inPageWorld()
    const prepared = prepareApply(
      design,
      await world.gateway.listResources(SUB, 'sandbox-rg'),
      TARGET,
    )
    return prepared.ok ? [] : prepared.error.problems.map((p) => `${p.node}: ${p.message}`)
  }

  it('a subscription id on a storage node: refused at bind, never a grant at subscription scope', async () => {
    expect(await bindProblems(grantOn({ resourceId: `/subscriptions/${SUB}` }))).toEqual([
      'blob: azure.resourceId of "contosoassets" names a subscription, not a Microsoft.Storage/storageAccounts: nothing is granted or changed there',
    ])
  })

  it('a key vault id on a storage node, and a resource group id', async () => {
    expect(
      await bindProblems(grantOn({ resourceId: `${RG}/providers/Microsoft.KeyVault/vaults/kv-1` })),
    ).toEqual([
      'blob: azure.resourceId of "contosoassets" names a Microsoft.KeyVault/vaults, not a Microsoft.Storage/storageAccounts: nothing is granted or changed there',
    ])
    expect(await bindProblems(grantOn({ resourceId: RG }))).toEqual([
      'blob: azure.resourceId of "contosoassets" names a resource group, not a Microsoft.Storage/storageAccounts: nothing is granted or changed there',
    ])
  })

  it('a binding in another subscription than the one applied to', async () => {
    const other = STORE.replace(SUB, OTHER_SUB)
    expect(await bindProblems(grantOn({ resourceId: other }))).toEqual([
      `blob: azure.resourceId of "contosoassets" is in subscription ${OTHER_SUB}, not in ${SUB} being applied to`,
    ])
  })

  it('binds a well-typed pre-set id as before', async () => {
    expect(await bindProblems(grantOn({ resourceId: STORE }))).toEqual([])
  })
})

describe('prune offers only assignments at the design’s own scopes', () => {
  it('never another group, a resource in it, or the subscription', async () => {
    const world = inPageWorld()
    world.sandbox.seed({
      resourceGroups: [{ name: 'other-rg', location: 'westeurope' }],
      resources: [
        {
          type: 'Microsoft.Storage/storageAccounts',
          name: 'otherstore',
          resourceGroup: 'other-rg',
        },
      ],
    })
    const applied = await applyOnce(templateById('scenario-3')!.design, world)
    // Made by the run: the report has it (the preview, read before, does not).
    const principals = Principals.fromRecord(applied.report.principals)
    const identity = principals.get({ type: 'userAssigned', node: 'mi-storage' })!
    const reader = roleDefinitionResourceId(SUB, roleByName('Reader')!.id!)
    const otherRg = `/subscriptions/${SUB}/resourceGroups/other-rg`
    const scopes = {
      inGroup: `${RG}/providers/Microsoft.KeyVault/vaults/kv-contoso-orders`,
      group: RG,
      otherGroup: otherRg,
      otherResource: `${otherRg}/providers/Microsoft.Storage/storageAccounts/otherstore`,
      subscription: `/subscriptions/${SUB}`,
    }
    let n = 0
    for (const scope of Object.values(scopes)) {
      await world.gateway.createRoleAssignment(scope, `bbbbbbbb-0000-4000-8000-00000000000${n++}`, {
        roleDefinitionId: reader,
        principalId: identity.principalId,
        principalType: 'ServicePrincipal',
      })
    }
    const offered = await findPrunable(applied.prepared, principals, world.gateway, SUB)
    expect(offered.map((c) => c.assignment.scope).sort()).toEqual(
      [scopes.group, scopes.inGroup].sort(),
    )
  })

  it('treats management-group and tenant scopes, and look-alike group names, as outside', () => {
    const owned = designScopes(grantOn({ resourceId: STORE }))
    expect(owned(STORE)).toBe(true)
    expect(owned(RG.toUpperCase())).toBe(true)
    expect(owned(`${RG}-2/providers/Microsoft.Storage/storageAccounts/x`)).toBe(false)
    expect(owned('/providers/Microsoft.Management/managementGroups/root')).toBe(false)
    expect(owned('/')).toBe(false)
    expect(owned(`/subscriptions/${SUB}`)).toBe(false)
  })
})
