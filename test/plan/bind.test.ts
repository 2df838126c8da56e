import { describe, expect, it } from 'vitest'
import { armScope, parseArmId, resourceId, roleAssignmentName, roleDefinitionGuidOf } from '@/plan/arm-ids.ts'
import { bindPlan } from '@/plan/bind.ts'
import { derivePlan } from '@/plan/derive.ts'
import type { PlanAction } from '@/plan/types.ts'
import { design } from '../support/builder.ts'

const SUB = '11111111-1111-1111-1111-111111111111'
const ST = resourceId(SUB, 'rg', 'Microsoft.Storage/storageAccounts', 'st1')
const PINNED_NAME = '1f146b7b-40c2-569f-8b1c-c7ccc101596b'
const COSMOS = resourceId(SUB, 'rg', 'Microsoft.DocumentDB/databaseAccounts', 'cos')

describe('ARM ids', () => {
  it('builds and parses resource ids, nested types included', () => {
    expect(ST).toBe(`/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1`)
    const db = resourceId(SUB, 'rg', 'Microsoft.Sql/servers/databases', 'srv/orders')
    expect(db).toBe(`/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Sql/servers/srv/databases/orders`)
    expect(parseArmId(db)).toEqual({ subscriptionId: SUB, resourceGroup: 'rg', provider: 'Microsoft.Sql', type: 'Microsoft.Sql/servers/databases', name: 'srv/orders' })
    expect(parseArmId(`//subscriptions/${SUB}`)).toEqual({ subscriptionId: SUB })
    expect(parseArmId('not an id')).toBeUndefined()
  })

  it('maps grant scopes to ARM scopes', () => {
    expect(armScope(ST, 'resource')).toBe(ST)
    expect(armScope(ST, 'resourceGroup')).toBe(`/subscriptions/${SUB}/resourceGroups/rg`)
    expect(armScope(ST, 'subscription')).toBe(`/subscriptions/${SUB}`)
  })

  it('derives role assignment names deterministically, case-insensitively, as GUIDs', () => {
    const name = roleAssignmentName(ST, 'P1', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
    expect(name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(roleAssignmentName(ST.toUpperCase(), 'p1', 'BA92F5B4-2D11-453D-A403-E96B0029C9FE')).toBe(name)
    expect(roleAssignmentName(ST, 'p2', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')).not.toBe(name)
  })

  it('names an assignment as before for well-formed text, and one with a lone surrogate in its scope instead of throwing', () => {
    // Pinned: names already written to Azure must not change.
    const role = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
    expect(roleAssignmentName(ST, 'p1', role)).toBe(PINNED_NAME)
    const vault = `${ST}/providers/Microsoft.KeyVault/vaults/`
    expect(roleAssignmentName(`${vault}\ud800x`, 'p1', role)).toBe(roleAssignmentName(`${vault}\ufffdx`, 'p1', role))
  })

  it('reads the GUID of a role definition id in tenant or subscription form', () => {
    expect(roleDefinitionGuidOf(`/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/ABC`)).toBe('abc')
    expect(roleDefinitionGuidOf('/providers/Microsoft.Authorization/roleDefinitions/abc')).toBe('abc')
  })
})

describe('bindPlan', () => {
  const d = design()
    .app('api')
    .identity('mi')
    .service('st', 'storage')
    .service('cos', 'cosmosDb')
    .attach('api', 'mi')
    .access('api', 'st', ['Storage Blob Data Reader'], { scope: 'resourceGroup' })
    .access('api', 'cos', ['Cosmos DB Built-in Data Reader'])
    .build()
  const ids: Record<string, string> = { st: ST, cos: COSMOS }
  const bound = bindPlan(derivePlan(d), {
    resourceIdOf: (node) => ids[node],
    principalIdOf: (p) => (p.node === 'mi' ? 'pid-mi' : undefined),
    clientIdOf: (node) => (node === 'mi' ? 'cid-mi' : undefined),
  })
  const find = <K extends PlanAction['action']>(kind: K) =>
    bound.actions.find((a): a is Extract<PlanAction, { action: K }> => a.action === kind)

  it('adds scope, principal, role definition and name to RBAC assignments', () => {
    const scope = `/subscriptions/${SUB}/resourceGroups/rg`
    expect(find('assignRole')?.arm).toEqual({
      scope,
      principalId: 'pid-mi',
      roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1`,
      name: roleAssignmentName(scope, 'pid-mi', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'),
    })
  })

  it('uses account-relative ids for Cosmos DB data roles', () => {
    expect(find('assignCosmosDataRole')?.arm).toMatchObject({
      scope: COSMOS,
      roleDefinitionId: `${COSMOS}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000001`,
    })
  })

  it('fills client ids into settings and leaves unknown principals unbound', () => {
    expect(find('setAppSettings')?.settings).toEqual([{ name: 'AZURE_CLIENT_ID', identity: 'mi', value: 'cid-mi' }])
    const unbound = bindPlan(derivePlan(d), { resourceIdOf: () => undefined, principalIdOf: () => undefined })
    expect(unbound).toEqual(derivePlan(d))
  })
})
