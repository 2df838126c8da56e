// Identity layer of "Bound design", exported by idtopo (Identity Topology Designer).
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
param location string = 'westeurope'

// User-assigned identities

resource miExisting 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: 'mi-existing'
  scope: resourceGroup('11111111-1111-1111-1111-111111111111', 'id-rg')
}

resource miNew 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'mi-new'
  location: location
}

// Apps (existing)

resource contosoWeb 'Microsoft.Web/sites@2023-12-01' existing = {
  name: 'contoso-web'
}

// Services (existing)

resource contosost 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'contosost'
}

resource kvOther 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-other'
  scope: resourceGroup('11111111-1111-1111-1111-111111111111', 'other-rg')
}

resource contosoCosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: 'contoso-cosmos'
}

// Role assignments

// Dana (developer) → kv-other: Key Vault Secrets User [resource]
// Not deployable from this resource-group file (the service is in another resource group): deploy it at that scope, or run the Azure CLI export.
// resource danaKvOtherKeyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
//   name: '76ae07dd-7ec7-52ea-a808-f5f5a24ebaf9'
//   scope: kvOther
//   properties: {
//     roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
//     principalId: 'dddddddd-0000-0000-0000-000000000004'
//     principalType: 'User'
//   }
// }

// Dana (developer) → contosost: Reader [subscription]
// Not deployable from this resource-group file (subscription scope): deploy it at that scope, or run the Azure CLI export.
// resource danaContosostReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
//   name: '2c23f702-fd55-582d-b7ff-c09905691139'
//   properties: {
//     roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae7')
//     principalId: 'dddddddd-0000-0000-0000-000000000004'
//     principalType: 'User'
//   }
// }

// mi-existing (userAssigned) → kv-other: Key Vault Secrets User [resource]
// Not deployable from this resource-group file (the service is in another resource group): deploy it at that scope, or run the Azure CLI export.
// resource miExistingKvOtherKeyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
//   name: 'b4f8bbc1-e99f-56f7-a6c5-8dd4a7bf5305'
//   scope: kvOther
//   properties: {
//     roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
//     principalId: miExisting.properties.principalId
//     principalType: 'ServicePrincipal'
//   }
// }

// mi-new (userAssigned) → contosost: Storage Queue Data Reader [resource]
resource miNewContosostStorageQueueDataReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(contosost.id, miNew.id, '19e7f393-937e-4f77-808e-94535e297925')
  scope: contosost
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '19e7f393-937e-4f77-808e-94535e297925')
    principalId: miNew.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// contoso-web (systemAssigned) → contosost: Storage Blob Data Reader [resource]
resource contosoWebContosostStorageBlobDataReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: '9f0d6d3c-e79c-58c2-9cd7-e0f9049f18e1'
  scope: contosost
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
    principalId: 'aaaaaaaa-0000-0000-0000-000000000001'
    principalType: 'ServicePrincipal'
  }
}

// Cosmos DB data-plane role assignments (not Azure RBAC)

// mi-existing (userAssigned) → contoso-cosmos: Cosmos DB Built-in Data Reader [resource]
resource miExistingContosoCosmosCosmosDbBuiltInDataReader 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: contosoCosmos
  name: '2dcb9c99-9525-5f7d-a8d7-a6ad23e05839'
  properties: {
    roleDefinitionId: '${contosoCosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000001'
    principalId: miExisting.properties.principalId
    scope: contosoCosmos.id
  }
}

// The `identity` each app's own declaration needs (a whole-resource deployment here would overwrite the app).
output appIdentities object = {
  contosoWeb: {
    resourceId: contosoWeb.id
    identity: {
      type: 'SystemAssigned, UserAssigned'
      userAssignedIdentities: {
        '${miExisting.id}': {}
        '${miNew.id}': {}
      }
    }
  }
}

// Client-ID settings per app (app settings or environment variables; see the connection guide).
output appSettings object = {
  contosoWeb: {
    MANAGED_IDENTITY_CLIENT_ID_KEYVAULT: miExisting.properties.clientId
    MANAGED_IDENTITY_CLIENT_ID_COSMOS: miExisting.properties.clientId
    MANAGED_IDENTITY_CLIENT_ID_STORAGE: miNew.properties.clientId
  }
}
