// Identity layer of "Data plane", exported by idtopo (Identity Topology Designer).
// Deploy: az deployment group create --resource-group <group> --template-file <this file>
// Apps are referenced, not redeclared: enable their identities first (the appIdentities output,
// or the Azure CLI export), since a system-assigned principal must exist to be granted.
// Role assignment names: idtopo apply's UUID v5 when the principal id and scope are known (the
// same name in every export); otherwise guid(scope, principal resource id, role): a principal
// id created by this deployment is a run-time value, and Bicep has no UUID v5 function.
targetScope = 'resourceGroup'

@description('Location of the user-assigned identities this file creates.')
param location string = resourceGroup().location

@description('OIDC issuer URL of the AKS cluster running orders-worker (az aks show --query oidcIssuerProfile.issuerUrl).')
param aks1OidcIssuer string

@description('OIDC issuer URL of the AKS cluster running orders-sync (az aks show --query oidcIssuerProfile.issuerUrl).')
param aks2OidcIssuer string

// User-assigned identities

resource mi 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'mi-orders'
  location: location
}

resource miAks1Federation 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: mi
  name: 'orders-worker'
  properties: {
    issuer: aks1OidcIssuer
    subject: 'system:serviceaccount:default:orders-worker'
    audiences: ['api://AzureADTokenExchange']
  }
}

resource miAks2Federation 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: mi
  name: 'orders-sync'
  properties: {
    issuer: aks2OidcIssuer
    subject: 'system:serviceaccount:default:orders-sync'
    audiences: ['api://AzureADTokenExchange']
  }
  dependsOn: [miAks1Federation]
}

// Apps (existing)

resource api 'Microsoft.App/containerApps@2024-03-01' existing = {
  name: 'orders-api'
}

// Services (existing)

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-orders'
}

resource cache 'Microsoft.Cache/redis@2024-11-01' existing = {
  name: 'orders-cache'
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: 'orders-cosmos'
}

// Cosmos DB data-plane role assignments (not Azure RBAC)

// api (systemAssigned) → cosmos: Cosmos DB Built-in Data Reader [resource]
resource apiCosmosCosmosDbBuiltInDataReader 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmos
  name: guid(cosmos.id, api.id, '00000000-0000-0000-0000-000000000001')
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000001'
    principalId: api.identity.principalId
    scope: cosmos.id
  }
}

// mi (userAssigned) → cosmos: Cosmos DB Built-in Data Contributor [resource]
resource miCosmosCosmosDbBuiltInDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmos
  name: guid(cosmos.id, mi.id, '00000000-0000-0000-0000-000000000002')
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
    principalId: mi.properties.principalId
    scope: cosmos.id
  }
  dependsOn: [apiCosmosCosmosDbBuiltInDataReader]
}

// Key Vault access policies (vaults using the access policy model)

resource kvAccessPolicies 'Microsoft.KeyVault/vaults/accessPolicies@2023-07-01' = {
  parent: kv
  name: 'add'
  properties: {
    accessPolicies: [
      {
        // api (systemAssigned): Key Vault Secrets User
        tenantId: subscription().tenantId
        objectId: api.identity.principalId
        permissions: {
          keys: []
          secrets: ['get', 'list']
          certificates: []
        }
      }
      {
        // mi (userAssigned): Key Vault Crypto Officer, Key Vault Secrets User
        tenantId: subscription().tenantId
        objectId: mi.properties.principalId
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

// api (systemAssigned) → cache: Data Contributor
resource apiCacheDataContributor 'Microsoft.Cache/redis/accessPolicyAssignments@2024-11-01' = {
  parent: cache
  name: guid(cache.id, api.id, 'Data Contributor')
  properties: {
    accessPolicyName: 'Data Contributor'
    objectId: api.identity.principalId
    objectIdAlias: 'api'
  }
}

// The `identity` each app's own declaration needs (a whole-resource deployment here would overwrite the app).
output appIdentities object = {
  api: {
    resourceId: api.id
    identity: {
      type: 'SystemAssigned,UserAssigned'
      userAssignedIdentities: {
        '${mi.id}': {}
      }
    }
  }
}

// Client-ID settings per app (app settings or environment variables; see the connection guide).
output appSettings object = {
  aks1: {
    AZURE_CLIENT_ID: mi.properties.clientId
  }
  aks2: {
    AZURE_CLIENT_ID: mi.properties.clientId
  }
}

// MySQL: run in orders-mysql as its Microsoft Entra admin (no ARM resource exists for it).
output sqlScriptMyMi string = '''
-- As the server's Microsoft Entra administrator (CREATE AADUSER fails if the user exists: skip it then).
CREATE AADUSER 'mi-orders';
GRANT SELECT, INSERT ON *.* TO 'mi-orders';
'''

// PostgreSQL: run in orders-pg as its Microsoft Entra admin (no ARM resource exists for it).
output sqlScriptPgApi string = '''
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
