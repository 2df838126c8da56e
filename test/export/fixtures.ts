import type { Design } from '@/model/types.ts'
import { design } from '../support/builder.ts'

/**
 * Grants that are not Azure role assignments, and the orderings ARM needs: a vault using access
 * policies, Azure Cache for Redis, PostgreSQL and MySQL flexible servers, two Cosmos DB data roles
 * on one account, two AKS workloads federating one identity, and a Container App with both kinds.
 */
export function dataPlane(): Design {
  return design()
    .named('Data plane')
    .app('api', { name: 'orders-api', hosting: 'containerApp', systemAssigned: true })
    .app('aks1', { name: 'orders-worker', hosting: 'aksWorkload' })
    .app('aks2', { name: 'orders-sync', hosting: 'aksWorkload' })
    .identity('mi', { name: 'mi-orders' })
    .service('kv', 'keyVault', { name: 'kv-orders', permissionModel: 'accessPolicy' })
    .service('cache', 'redis', { name: 'orders-cache' })
    .service('pg', 'postgresql', { name: 'orders-pg' })
    .service('my', 'mysql', { name: 'orders-mysql' })
    .service('cosmos', 'cosmosDb', { name: 'orders-cosmos' })
    .attach('api', 'mi')
    .attach('aks1', 'mi')
    .attach('aks2', 'mi')
    .access('api', 'kv', ['Key Vault Secrets User'], { via: 'system' })
    .access('aks1', 'kv', ['Key Vault Crypto Officer', 'Key Vault Secrets User'], { via: 'mi' })
    .access('api', 'cache', ['Data Contributor'], { via: 'system' })
    .access('api', 'pg', ['pg_read_all_data'], { via: 'system' })
    .access('aks2', 'my', ['SELECT', 'INSERT'], { via: 'mi' })
    .access('api', 'cosmos', ['Cosmos DB Built-in Data Reader'], { via: 'system' })
    .access('aks1', 'cosmos', ['Cosmos DB Built-in Data Contributor'], { via: 'mi' })
    .build()
}

/**
 * Access granted only above the services (their resource group, the subscription), one service
 * bound and one not: the script reads no service's id (shellcheck SC2034 on an unread one).
 */
export function broadScopes(): Design {
  return design()
    .named('Broad scopes')
    .app('web', { name: 'orders-web', systemAssigned: true })
    .identity('mi', { name: 'mi-orders' })
    .attach('web', 'mi')
    .service('st', 'storage', { name: 'ordersstore' })
    .service('kv', 'keyVault', {
      name: 'kv-orders',
      azure: {
        resourceId:
          '/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/kv-rg/providers/Microsoft.KeyVault/vaults/kv-orders',
      },
    })
    .access('web', 'st', ['Storage Blob Data Reader'], { via: 'mi', scope: 'resourceGroup' })
    .access('web', 'kv', ['Key Vault Secrets User'], { via: 'system', scope: 'resourceGroup' })
    .access('web', 'st', ['Reader'], { via: 'system', scope: 'subscription' })
    .build()
}
