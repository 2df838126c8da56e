import type { Design } from '@/model/types.ts'
import { design } from '../support/builder.ts'

/**
 * One app per kind of hosting, reaching every service kind with its SDK's roles, through the
 * system-assigned identity and two user-assigned ones; developers as a user and a group.
 */
export function everyService(): Design {
  return design()
    .named('Every service')
    .app('api', { name: 'contoso-api', systemAssigned: true })
    .app('jobs', { name: 'contoso-jobs', hosting: 'containerApp' })
    .app('vm', { name: 'contoso-vm', hosting: 'virtualMachine' })
    .app('aks', { name: 'contoso-aks-app', hosting: 'aksWorkload' })
    .app('logic', { name: 'contoso-logic', hosting: 'logicApp', systemAssigned: true })
    .identity('mi-data', { name: 'mi-contoso-data' })
    .identity('mi-msg', { name: 'mi-contoso-messaging' })
    .service('st', 'storage', { name: 'contosost' })
    .service('st2', 'storage', { name: 'contosoarchive' })
    .service('kv', 'keyVault', { name: 'kv-contoso' })
    .service('sb', 'serviceBus', { name: 'contoso-bus' })
    .service('eh', 'eventHubs', { name: 'contoso-events' })
    .service('cosmos', 'cosmosDb', { name: 'contoso-cosmos' })
    .service('sql', 'sql', { name: 'contoso-sql/orders' })
    .service('cfg', 'appConfiguration', { name: 'contoso-config' })
    .service('oai', 'openAI', { name: 'contoso-openai' })
    .developer('devs', 'group', { name: 'Contoso developers' })
    .developer('ann', 'user', { name: 'Ann Example' })
    .attach('api', 'mi-data')
    .attach('api', 'mi-msg')
    .attach('jobs', 'mi-msg')
    .attach('vm', 'mi-data')
    .attach('aks', 'mi-msg')
    .access('api', 'kv', ['Key Vault Secrets User', 'Key Vault Crypto User'], { via: 'system' })
    .access('api', 'cfg', ['App Configuration Data Reader'], { via: 'system' })
    .access('api', 'oai', ['Cognitive Services OpenAI User'], { via: 'system' })
    .access('api', 'st', ['Storage Blob Data Contributor', 'Storage Queue Data Contributor'], {
      via: 'mi-data',
    })
    .access('api', 'st2', ['Storage Blob Data Reader', 'Storage Table Data Reader'], {
      via: 'mi-data',
    })
    .access('api', 'cosmos', ['Cosmos DB Built-in Data Contributor'], { via: 'mi-data' })
    .access('api', 'sql', ['db_datareader'], { via: 'mi-data' })
    .access('api', 'sb', ['Azure Service Bus Data Sender'], { via: 'mi-msg' })
    .access('jobs', 'sb', ['Azure Service Bus Data Receiver'])
    .access('jobs', 'eh', ['Azure Event Hubs Data Sender', 'Azure Event Hubs Data Receiver'])
    .access('vm', 'st', ['Storage Blob Data Reader'])
    .access('aks', 'eh', ['Azure Event Hubs Data Receiver'])
    .access('logic', 'sb', ['Azure Service Bus Data Sender'])
    .access('logic', 'sql', ['db_datawriter'])
    .access('devs', 'st', ['Storage Blob Data Contributor'])
    .access('devs', 'cosmos', ['Cosmos DB Built-in Data Reader'])
    .access('devs', 'sql', ['db_datareader'])
    .access('ann', 'kv', ['Key Vault Secrets Officer'], { scope: 'resourceGroup' })
    .build()
}

export const SUB = '11111111-1111-1111-1111-111111111111'
const rg = (group: string): string => `/subscriptions/${SUB}/resourceGroups/${group}`

/** Scenario-like design bound to Azure: resource ids, a developer's object id, an existing identity. */
export function bound(): Design {
  const base = design()
    .named('Bound design')
    .app('web', {
      name: 'contoso-web',
      systemAssigned: true,
      azure: {
        resourceId: `${rg('app-rg')}/providers/Microsoft.Web/sites/contoso-web`,
        principalId: 'aaaaaaaa-0000-0000-0000-000000000001',
      },
    })
    .identity('mi', {
      name: 'mi-existing',
      azure: {
        resourceId: `${rg('id-rg')}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/mi-existing`,
        principalId: 'bbbbbbbb-0000-0000-0000-000000000002',
        clientId: 'cccccccc-0000-0000-0000-000000000003',
      },
    })
    .identity('mi-new', {
      name: 'mi-new',
      azure: { subscriptionId: SUB, resourceGroup: 'app-rg', location: 'westeurope' },
    })
    .service('st', 'storage', {
      name: 'contosost',
      azure: {
        resourceId: `${rg('app-rg')}/providers/Microsoft.Storage/storageAccounts/contosost`,
      },
    })
    .service('kv', 'keyVault', {
      name: 'kv-other',
      azure: { resourceId: `${rg('other-rg')}/providers/Microsoft.KeyVault/vaults/kv-other` },
    })
    .service('cosmos', 'cosmosDb', {
      name: 'contoso-cosmos',
      azure: {
        resourceId: `${rg('app-rg')}/providers/Microsoft.DocumentDB/databaseAccounts/contoso-cosmos`,
      },
    })
    .developer('dev', 'user', {
      name: 'Dana',
      azure: { principalId: 'dddddddd-0000-0000-0000-000000000004' },
    })
    .attach('web', 'mi')
    .attach('web', 'mi-new')
    .access('web', 'st', ['Storage Blob Data Reader'], { via: 'system' })
    .access('web', 'kv', ['Key Vault Secrets User'], { via: 'mi' })
    .access('web', 'cosmos', ['Cosmos DB Built-in Data Reader'], { via: 'mi' })
    .access('web', 'st', ['Storage Queue Data Reader'], { via: 'mi-new', id: 'web-st-queue' })
    .access('dev', 'st', ['Reader'], { scope: 'subscription' })
    .access('dev', 'kv', ['Key Vault Secrets User'])
    .build()
  return base
}
