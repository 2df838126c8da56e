// Identity layer of "Data plane", exported by idtopo (Identity Topology Designer).
// Deploy: az deployment group create --resource-group <group> --template-file <this file>
// Apps are referenced, not redeclared: enable their identities first (the appIdentities output,
// e.g. az webapp identity assign), since a system-assigned principal must exist to be granted.
// Role assignment names: idtopo apply's UUID v5 when the principal id and scope are known (the
// same name in every export); otherwise guid(scope, principal resource id, role): a principal
// id created by this deployment is a run-time value, and Bicep has no UUID v5 function. Those
// differ from the names idtopo apply and the Azure CLI export give: an assignment either made
// already is refused here (RoleAssignmentExists, one per scope, principal and role): use one.
targetScope = 'resourceGroup'

@description('Location of the user-assigned identities this file creates.')
param location string = resourceGroup().location

// orders-worker (AKS workload), on the cluster: the OIDC issuer and workload identity on (az aks update --enable-oidc-issuer --enable-workload-identity);
// a service account named orders-worker in namespace default, annotated azure.workload.identity/client-id with the client ID of mi-orders;
// its pods labelled azure.workload.identity/use: "true" (the connection guide has the code).
@description('OIDC issuer URL of the AKS cluster running orders-worker (az aks show --query oidcIssuerProfile.issuerUrl).')
param ordersWorkerOidcIssuer string

// orders-sync (AKS workload), on the cluster: the OIDC issuer and workload identity on (az aks update --enable-oidc-issuer --enable-workload-identity);
// a service account named orders-sync in namespace default, annotated azure.workload.identity/client-id with the client ID of mi-orders;
// its pods labelled azure.workload.identity/use: "true" (the connection guide has the code).
@description('OIDC issuer URL of the AKS cluster running orders-sync (az aks show --query oidcIssuerProfile.issuerUrl).')
param ordersSyncOidcIssuer string

// User-assigned identities

resource miOrders 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'mi-orders'
  location: location
}

resource miOrdersOrdersWorkerFederation 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: miOrders
  name: 'orders-worker'
  properties: {
    issuer: ordersWorkerOidcIssuer
    subject: 'system:serviceaccount:default:orders-worker'
    audiences: ['api://AzureADTokenExchange']
  }
}

resource miOrdersOrdersSyncFederation 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: miOrders
  name: 'orders-sync'
  properties: {
    issuer: ordersSyncOidcIssuer
    subject: 'system:serviceaccount:default:orders-sync'
    audiences: ['api://AzureADTokenExchange']
  }
  dependsOn: [miOrdersOrdersWorkerFederation]
}

// Apps (existing)

resource ordersApi 'Microsoft.App/containerApps@2024-03-01' existing = {
  name: 'orders-api'
}

// Services (existing)

resource kvOrders 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-orders'
}

resource ordersCache 'Microsoft.Cache/redis@2024-11-01' existing = {
  name: 'orders-cache'
}

resource ordersCosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: 'orders-cosmos'
}

// Cosmos DB data-plane role assignments (not Azure RBAC)

// orders-api (systemAssigned) → orders-cosmos: Cosmos DB Built-in Data Reader [resource]
resource ordersApiOrdersCosmosCosmosDbBuiltInDataReader 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: ordersCosmos
  name: guid(ordersCosmos.id, ordersApi.id, '00000000-0000-0000-0000-000000000001')
  properties: {
    roleDefinitionId: '${ordersCosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000001'
    principalId: ordersApi.identity.principalId
    scope: ordersCosmos.id
  }
}

// mi-orders (userAssigned) → orders-cosmos: Cosmos DB Built-in Data Contributor [resource]
resource miOrdersOrdersCosmosCosmosDbBuiltInDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: ordersCosmos
  name: guid(ordersCosmos.id, miOrders.id, '00000000-0000-0000-0000-000000000002')
  properties: {
    roleDefinitionId: '${ordersCosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
    principalId: miOrders.properties.principalId
    scope: ordersCosmos.id
  }
  dependsOn: [ordersApiOrdersCosmosCosmosDbBuiltInDataReader]
}

// Key Vault access policies (vaults using the access policy model)

resource kvOrdersAccessPolicies 'Microsoft.KeyVault/vaults/accessPolicies@2023-07-01' = {
  parent: kvOrders
  name: 'add'
  properties: {
    accessPolicies: [
      {
        // orders-api (systemAssigned) → kv-orders: Key Vault Secrets User
        tenantId: subscription().tenantId
        objectId: ordersApi.identity.principalId
        permissions: {
          keys: []
          secrets: ['get', 'list']
          certificates: []
        }
      }
      {
        // mi-orders (userAssigned) → kv-orders: Key Vault Crypto Officer, Key Vault Secrets User
        tenantId: subscription().tenantId
        objectId: miOrders.properties.principalId
        permissions: {
          keys: ['all']
          secrets: ['get', 'list']
          certificates: []
        }
      }
    ]
  }
}

// Azure Cache for Redis data access policy assignments (not Azure RBAC)

// orders-api (systemAssigned) → orders-cache: Data Contributor
resource ordersApiOrdersCacheDataContributor 'Microsoft.Cache/redis/accessPolicyAssignments@2024-11-01' = {
  parent: ordersCache
  name: guid(ordersCache.id, ordersApi.id, 'Data Contributor')
  properties: {
    accessPolicyName: 'Data Contributor'
    objectId: ordersApi.identity.principalId
    objectIdAlias: 'api'
  }
}

// The `identity` each app's own declaration needs (a whole-resource deployment here would overwrite the app).
output appIdentities object = {
  ordersApi: {
    resourceId: ordersApi.id
    identity: {
      type: 'SystemAssigned,UserAssigned'
      userAssignedIdentities: {
        '${miOrders.id}': {}
      }
    }
  }
}

// Client-ID settings per app (app settings or environment variables; see the connection guide).
output appSettings object = {
  ordersWorker: {
    AZURE_CLIENT_ID: miOrders.properties.clientId
  }
  ordersSync: {
    AZURE_CLIENT_ID: miOrders.properties.clientId
  }
}

// MySQL: run in orders-mysql as its Microsoft Entra admin (no ARM resource exists for it).
output sqlScriptOrdersMysqlMiOrders string = '''
-- As the server's Microsoft Entra administrator (CREATE AADUSER fails if the user exists: skip it then).
CREATE AADUSER 'mi-orders';
GRANT SELECT, INSERT ON *.* TO 'mi-orders';
'''

// PostgreSQL: run in orders-pg as its Microsoft Entra admin (no ARM resource exists for it).
output sqlScriptOrdersPgOrdersApi string = '''
-- In the postgres database, as the server's Microsoft Entra administrator.
DO $idtopo$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'orders-api') THEN
    PERFORM pgaadauth_create_principal('orders-api', false, false);
  END IF;
END
$idtopo$;
GRANT "pg_read_all_data" TO "orders-api";
'''
