import { describe, expect, it } from 'vitest'
import { derivePlan } from '@/plan/derive.ts'
import { serializePlan } from '@/plan/export.ts'
import type { PlanAction } from '@/plan/types.ts'
import { templateById } from '@/templates/index.ts'
import { design } from '../support/builder.ts'

const SBDC = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
const KVSU = '4633458b-17de-408a-b874-0445c86b69e6'
const COSMOS_CONTRIBUTOR = '00000000-0000-0000-0000-000000000002'
const SB_SENDER = '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
const SB_RECEIVER = '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'

const planOf = (id: string) => derivePlan(templateById(id)!.design)
const ofKind = <K extends PlanAction['action']>(actions: readonly PlanAction[], kind: K) =>
  actions.filter((a): a is Extract<PlanAction, { action: K }> => a.action === kind)

const assignment = (
  type: 'systemAssigned' | 'userAssigned' | 'developer',
  node: string,
  roleName: string,
  roleDefinitionId: string,
  target: string,
  principalType = type === 'developer' ? 'Group' : 'ServicePrincipal',
) => ({
  action: 'assignRole',
  principal: { type, node },
  principalType,
  roleName,
  roleDefinitionId,
  target,
  scope: 'resource',
})

describe('plan of scenario 1: one app with its system-assigned identity reaching three services', () => {
  const plan = planOf('scenario-1')

  it('enables the identity, assigns two RBAC roles per principal and scripts SQL', () => {
    expect(plan.actions.map((a) => a.action)).toEqual([
      'enableSystemAssigned',
      ...Array(4).fill('assignRole'),
      'sqlContainedUser',
      'sqlContainedUser',
    ])
    expect(ofKind(plan.actions, 'assignRole')).toEqual([
      assignment('developer', 'devs', 'Storage Blob Data Contributor', SBDC, 'blob'),
      assignment('developer', 'devs', 'Key Vault Secrets User', KVSU, 'vault'),
      assignment('systemAssigned', 'web', 'Storage Blob Data Contributor', SBDC, 'blob'),
      assignment('systemAssigned', 'web', 'Key Vault Secrets User', KVSU, 'vault'),
    ])
  })

  it('grants a Cosmos DB data role on the account, once, whatever scope its edges were drawn at', () => {
    const d = design()
      .app('web', { systemAssigned: true })
      .app('api', { systemAssigned: true })
      .service('db', 'cosmosDb', { name: 'orders-cosmos' })
      .access('web', 'db', ['Cosmos DB Built-in Data Contributor'], {
        via: 'system',
        scope: 'resourceGroup',
      })
      .access('web', 'db', ['Cosmos DB Built-in Data Contributor'], {
        via: 'system',
        id: 'web-db-2',
      })
      .access('api', 'db', ['Cosmos DB Built-in Data Contributor'], {
        via: 'system',
        scope: 'subscription',
      })
      .build()
    expect(
      ofKind(derivePlan(d).actions, 'assignCosmosDataRole').map((a) => [a.principal.node, a.scope]),
    ).toEqual([
      ['api', 'resource'],
      ['web', 'resource'],
    ])
  })

  it('writes the exact T-SQL for the app and the developers', () => {
    const [devs, web] = ofKind(plan.actions, 'sqlContainedUser')
    expect(web).toMatchObject({
      principal: { type: 'systemAssigned', node: 'web' },
      target: 'db',
      user: 'contoso-web',
    })
    expect(web?.script).toBe(
      [
        '-- If CREATE USER fails with Msg 33131 (another principal has this name),',
        "-- add WITH OBJECT_ID = '<its object id>' to it and a suffix to the name.",
        "IF DATABASE_PRINCIPAL_ID(N'contoso-web') IS NULL",
        '    CREATE USER [contoso-web] FROM EXTERNAL PROVIDER;',
        'ALTER ROLE [db_datareader] ADD MEMBER [contoso-web];',
        'ALTER ROLE [db_datawriter] ADD MEMBER [contoso-web];',
        '',
      ].join('\n'),
    )
    expect(devs?.user).toBe('Contoso developers')
  })

  it('tells who runs a user’s script to name the user by sign-in name, keeping the name out of the comment', () => {
    // A line break in a comment would end it: the rest of the name would run as T-SQL.
    const name = 'Ann\nDROP TABLE orders; --'
    const d = design()
      .developer('ann', 'user', { name })
      .service('db', 'sql', { name: 'srv/orders' })
      .access('ann', 'db', ['db_datareader'])
      .build()
    const [ann] = ofKind(derivePlan(d).actions, 'sqlContainedUser')
    expect(ann?.script).toBe(
      [
        '-- A Microsoft Entra user is named by their sign-in name (user principal name, such as',
        '-- name@contoso.com): put it in place of the name below if that is not it.',
        "IF DATABASE_PRINCIPAL_ID(N'Ann\nDROP TABLE orders; --') IS NULL",
        '    CREATE USER [Ann\nDROP TABLE orders; --] FROM EXTERNAL PROVIDER;',
        'ALTER ROLE [db_datareader] ADD MEMBER [Ann\nDROP TABLE orders; --];',
        '',
      ].join('\n'),
    )
  })

  it('says how to get past a display name another principal shares, with the object id the design knows (never a name: it could end the comment)', () => {
    const d = design()
      .developer('devs', 'group', {
        name: "Devs'\nDROP TABLE orders; --",
        azure: { principalId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301' },
      })
      .identity('mi', { name: 'mi-orders' })
      .app('web', { systemAssigned: true })
      .attach('web', 'mi')
      .service('db', 'sql', { name: 'srv/orders' })
      .access('devs', 'db', ['db_datareader'])
      .access('web', 'db', ['db_datareader'], { via: 'mi' })
      .build()
    const scripts = ofKind(derivePlan(d).actions, 'sqlContainedUser').map((a) =>
      a.script.split('\n').slice(0, 2),
    )
    expect(scripts).toEqual([
      [
        '-- If CREATE USER fails with Msg 33131 (another principal has this name),',
        "-- add WITH OBJECT_ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301' to it and a suffix to the name.",
      ],
      [
        '-- If CREATE USER fails with Msg 33131 (another principal has this name),',
        "-- add WITH OBJECT_ID = '<its object id>' to it and a suffix to the name.",
      ],
    ])
  })

  it('names a bound app or identity by its resource name, as Microsoft Entra does, not by its label', () => {
    const rg = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg/providers'
    const d = design()
      .app('web', {
        name: 'Web front end',
        systemAssigned: true,
        azure: { resourceId: `${rg}/Microsoft.Web/sites/app-contoso-web` },
      })
      .app('api', { name: 'API' })
      .identity('mi', {
        name: 'Orders identity',
        azure: { resourceId: `${rg}/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders` },
      })
      .attach('api', 'mi')
      .service('db', 'sql', { name: 'srv/orders' })
      .service('pg', 'postgresql', { name: 'pg-orders' })
      .access('web', 'db', ['db_datareader'], { via: 'system' })
      .access('api', 'pg', ['azure_pg_admin'], { via: 'mi' })
      .build()
    const actions = derivePlan(d).actions
    expect(ofKind(actions, 'sqlContainedUser').map((a) => a.user)).toEqual(['app-contoso-web'])
    const [pg] = ofKind(actions, 'databaseUser')
    expect(pg?.user).toBe('id-orders')
    expect(pg?.script).toContain("pgaadauth_create_principal('id-orders', false, false)")
  })

  it('needs no client-id settings: the app only uses its system-assigned identity', () => {
    expect(ofKind(plan.actions, 'setAppSettings')).toEqual([])
  })
})

describe('plan of scenario 2: apps sharing user-assigned identities', () => {
  const plan = planOf('scenario-2')

  it('creates and attaches the identities before granting them', () => {
    expect(plan.actions.slice(0, 7)).toEqual([
      { action: 'createIdentity', node: 'mi-storage', name: 'mi-contoso-storage' },
      { action: 'createIdentity', node: 'mi-data', name: 'mi-contoso-databases' },
      { action: 'attachIdentity', app: 'web1', identity: 'mi-storage' },
      { action: 'attachIdentity', app: 'web1', identity: 'mi-data' },
      { action: 'attachIdentity', app: 'web2', identity: 'mi-storage' },
      { action: 'attachIdentity', app: 'web2', identity: 'mi-data' },
      { action: 'attachIdentity', app: 'func', identity: 'mi-storage' },
    ])
  })

  it('grants each shared identity once, however many apps use it', () => {
    expect(ofKind(plan.actions, 'assignRole')).toEqual([
      assignment('developer', 'devs', 'Storage Blob Data Contributor', SBDC, 'blob'),
      assignment('userAssigned', 'mi-storage', 'Storage Blob Data Contributor', SBDC, 'blob'),
    ])
    expect(
      ofKind(plan.actions, 'assignCosmosDataRole').map((a) => [
        a.principal.node,
        a.roleDefinitionId,
        a.target,
      ]),
    ).toEqual([
      ['devs', COSMOS_CONTRIBUTOR, 'cosmos'],
      ['mi-data', COSMOS_CONTRIBUTOR, 'cosmos'],
    ])
    expect(ofKind(plan.actions, 'sqlContainedUser').map((a) => [a.user, a.roles])).toEqual([
      ['Contoso developers', ['db_datareader', 'db_datawriter']],
      ['mi-contoso-databases', ['db_datareader', 'db_datawriter']],
    ])
  })

  it('sets one client id per connection on apps with two identities, AZURE_CLIENT_ID on the app with one', () => {
    const perConnection = [
      { name: 'MANAGED_IDENTITY_CLIENT_ID_STORAGE', identity: 'mi-storage' },
      { name: 'MANAGED_IDENTITY_CLIENT_ID_COSMOS', identity: 'mi-data' },
      { name: 'MANAGED_IDENTITY_CLIENT_ID_SQL', identity: 'mi-data' },
    ]
    expect(ofKind(plan.actions, 'setAppSettings')).toEqual([
      { action: 'setAppSettings', app: 'web1', settings: perConnection },
      { action: 'setAppSettings', app: 'web2', settings: perConnection },
      {
        action: 'setAppSettings',
        app: 'func',
        settings: [{ name: 'AZURE_CLIENT_ID', identity: 'mi-storage' }],
      },
    ])
  })

  it('exports stable JSON', async () => {
    await expect(serializePlan(plan)).toMatchFileSnapshot('./__snapshots__/scenario-2.plan.json')
  })
})

describe('plan of scenario 3: a shared identity plus a system-assigned one for an app’s own dependency', () => {
  const plan = planOf('scenario-3')

  it('reproduces the role assignments exactly', () => {
    expect(ofKind(plan.actions, 'assignRole')).toEqual([
      assignment('systemAssigned', 'api', 'Key Vault Secrets User', KVSU, 'vault'),
      assignment('developer', 'devs', 'Storage Blob Data Contributor', SBDC, 'blob'),
      assignment('developer', 'devs', 'Azure Service Bus Data Receiver', SB_RECEIVER, 'queue'),
      assignment('developer', 'devs', 'Azure Service Bus Data Sender', SB_SENDER, 'queue'),
      assignment('developer', 'devs', 'Key Vault Secrets User', KVSU, 'vault'),
      assignment('userAssigned', 'mi-storage', 'Storage Blob Data Contributor', SBDC, 'blob'),
      assignment('userAssigned', 'mi-storage', 'Azure Service Bus Data Sender', SB_SENDER, 'queue'),
    ])
  })

  it('names a setting per user-assigned connection of the app that also uses its system identity', () => {
    expect(ofKind(plan.actions, 'setAppSettings')).toEqual([
      {
        action: 'setAppSettings',
        app: 'api',
        settings: [
          { name: 'MANAGED_IDENTITY_CLIENT_ID_STORAGE', identity: 'mi-storage' },
          { name: 'MANAGED_IDENTITY_CLIENT_ID_SERVICEBUS', identity: 'mi-storage' },
        ],
      },
      {
        action: 'setAppSettings',
        app: 'worker',
        settings: [{ name: 'AZURE_CLIENT_ID', identity: 'mi-storage' }],
      },
    ])
  })
})

describe('plan derivation rules', () => {
  it('makes one assignment per distinct grant, whatever the number of edges and role spellings', () => {
    const d = design()
      .app('a')
      .app('b')
      .identity('mi')
      .service('st', 'storage')
      .attach('a', 'mi')
      .attach('b', 'mi')
      .access('a', 'st', ['Storage Blob Data Reader', 'Storage Blob Data Reader'], { via: 'mi' })
      .access('b', 'st', ['2A2B9908-6EA1-4AE2-8E65-A410DF84E7D1'], { via: 'mi' })
      .access('b', 'st', ['Storage Blob Data Reader'], { via: 'mi', scope: 'resourceGroup' })
      .build()
    expect(ofKind(derivePlan(d).actions, 'assignRole').map((a) => [a.roleName, a.scope])).toEqual([
      ['Storage Blob Data Reader', 'resource'],
      ['Storage Blob Data Reader', 'resourceGroup'],
    ])
  })

  it('gives unresolved edges and unknown role names no assignment, and custom GUIDs one each', () => {
    const custom = 'AAAAAAAA-1111-2222-3333-444444444444'
    const d = design()
      .app('noid')
      .app('sys', { systemAssigned: true })
      .service('st', 'storage')
      .developer('ann', 'user')
      .access('noid', 'st', ['Storage Blob Data Reader'])
      .access('sys', 'st', ['Storage Blob Data Superuser', custom])
      .access('ann', 'st', [custom])
      .build()
    expect(ofKind(derivePlan(d).actions, 'assignRole')).toEqual([
      {
        ...assignment('developer', 'ann', custom.toLowerCase(), custom.toLowerCase(), 'st', 'User'),
      },
      { ...assignment('systemAssigned', 'sys', custom.toLowerCase(), custom.toLowerCase(), 'st') },
    ])
  })

  it("creates nothing for another service's data role, and assigns an RBAC role wherever it is put", () => {
    // A Cosmos DB role, a database role and a Redis access policy on a storage account: none of
    // them exists there (role-not-for-service reports them). An RBAC role of another service is
    // assigned, as ARM takes it.
    const d = design()
      .app('api', { systemAssigned: true })
      .service('st', 'storage')
      .access('api', 'st', [
        'Cosmos DB Built-in Data Contributor',
        'db_datareader',
        'Data Owner',
        'Key Vault Secrets User',
      ])
      .build()
    expect(derivePlan(d).actions).toEqual([
      { action: 'enableSystemAssigned', node: 'api' },
      assignment('systemAssigned', 'api', 'Key Vault Secrets User', KVSU, 'st'),
    ])
  })

  it('skips creating identities that are bound to an existing resource', () => {
    const d = design()
      .identity('new')
      .identity('existing', {
        azure: {
          resourceId:
            '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/x',
        },
      })
      .build()
    expect(ofKind(derivePlan(d).actions, 'createIdentity').map((a) => a.node)).toEqual(['new'])
  })

  it('does not depend on the order of edges in the file', () => {
    const d = templateById('scenario-3')!.design
    const reversed = { ...d, edges: [...d.edges].reverse() }
    const roles = (p: ReturnType<typeof derivePlan>) => ofKind(p.actions, 'assignRole')
    expect(roles(derivePlan(reversed))).toEqual(roles(derivePlan(d)))
  })
})

describe('client-id settings', () => {
  it('stay distinct when two services of a kind have names that normalise alike', () => {
    const d = design()
      .app('api', { systemAssigned: true })
      .identity('mi1')
      .identity('mi2')
      .service('kv1', 'keyVault', { name: 'kv-orders' })
      .service('kv2', 'keyVault', { name: 'kv_orders' })
      .attach('api', 'mi1')
      .attach('api', 'mi2')
      .access('api', 'kv1', ['Key Vault Secrets User'], { via: 'mi1' })
      .access('api', 'kv2', ['Key Vault Secrets User'], { via: 'mi2' })
      .build()
    const [settings] = ofKind(derivePlan(d).actions, 'setAppSettings')
    expect(settings?.settings).toEqual([
      { name: 'MANAGED_IDENTITY_CLIENT_ID_KEYVAULT_KV_ORDERS', identity: 'mi1' },
      { name: 'MANAGED_IDENTITY_CLIENT_ID_KEYVAULT_KV_ORDERS_2', identity: 'mi2' },
    ])
  })

  it('of one app are named from its own connections only, not an app named before it', () => {
    // The plan works out each app's names in lists kept from app to app: "one" leaves a third
    // STORAGE behind, where "two", with two connections, must not see it.
    const d = design()
      .app('one')
      .app('two')
      .identity('mi1')
      .identity('mi2')
      .service('sa1', 'storage')
      .service('kv1', 'keyVault')
      .service('sa2', 'storage')
      .service('kv2', 'keyVault')
      .service('sa3', 'storage')
      .attach('one', 'mi1')
      .attach('one', 'mi2')
      .attach('two', 'mi1')
      .attach('two', 'mi2')
      .access('one', 'sa1', ['Storage Blob Data Reader'], { via: 'mi1' })
      .access('one', 'kv1', ['Key Vault Secrets User'], { via: 'mi2' })
      .access('one', 'sa2', ['Storage Blob Data Reader'], { via: 'mi2' })
      .access('two', 'kv2', ['Key Vault Secrets User'], { via: 'mi1' })
      .access('two', 'sa3', ['Storage Blob Data Reader'], { via: 'mi2' })
      .build()
    expect(ofKind(derivePlan(d).actions, 'setAppSettings')).toEqual([
      {
        action: 'setAppSettings',
        app: 'one',
        settings: [
          { name: 'MANAGED_IDENTITY_CLIENT_ID_STORAGE_SA1', identity: 'mi1' },
          { name: 'MANAGED_IDENTITY_CLIENT_ID_KEYVAULT', identity: 'mi2' },
          { name: 'MANAGED_IDENTITY_CLIENT_ID_STORAGE_SA2', identity: 'mi2' },
        ],
      },
      {
        action: 'setAppSettings',
        app: 'two',
        settings: [
          { name: 'MANAGED_IDENTITY_CLIENT_ID_KEYVAULT', identity: 'mi1' },
          { name: 'MANAGED_IDENTITY_CLIENT_ID_STORAGE', identity: 'mi2' },
        ],
      },
    ])
  })
})
