// Identity layer of "Broad scopes", exported by idtopo (Identity Topology Designer).
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

// User-assigned identities

resource miOrders 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'mi-orders'
  location: location
}

// Apps (existing)

resource ordersWeb 'Microsoft.Web/sites@2023-12-01' existing = {
  name: 'orders-web'
}

// Services (existing)

resource ordersstore 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'ordersstore'
}

resource kvOrders 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-orders'
}

// Role assignments

// mi-orders (userAssigned) → ordersstore: Storage Blob Data Reader [resourceGroup]
resource miOrdersOrdersstoreStorageBlobDataReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, miOrders.id, '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
    principalId: miOrders.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// orders-web (systemAssigned) → kv-orders: Key Vault Secrets User [resourceGroup]
resource ordersWebKvOrdersKeyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup('22222222-2222-2222-2222-222222222222', 'kv-rg').id, ordersWeb.id, '4633458b-17de-408a-b874-0445c86b69e6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: ordersWeb.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// orders-web (systemAssigned) → ordersstore: Reader [subscription]
// Not deployable from this resource-group file (subscription scope): deploy it at that scope, or run the Azure CLI export.
// resource ordersWebOrdersstoreReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
//   name: guid(subscription().id, ordersWeb.id, 'acdd72a7-3385-48ef-bd42-f606fba81ae7')
//   properties: {
//     roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae7')
//     principalId: ordersWeb.identity.principalId
//     principalType: 'ServicePrincipal'
//   }
// }

// The `identity` each app's own declaration needs (a whole-resource deployment here would overwrite the app).
output appIdentities object = {
  ordersWeb: {
    resourceId: ordersWeb.id
    identity: {
      type: 'SystemAssigned, UserAssigned'
      userAssignedIdentities: {
        '${miOrders.id}': {}
      }
    }
  }
}

// Client-ID settings per app (app settings or environment variables; see the connection guide).
output appSettings object = {
  ordersWeb: {
    MANAGED_IDENTITY_CLIENT_ID_STORAGE: miOrders.properties.clientId
  }
}
