// Identity layer of "Scenario 3: shared identity plus a system-assigned one", exported by idtopo (Identity Topology Designer).
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

@description('Object ID of the Microsoft Entra group Contoso developers.')
param contosoDevelopersPrincipalId string

// User-assigned identities

resource miContosoOrdersStorage 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'mi-contoso-orders-storage'
  location: location
}

// Apps (existing)

resource contosoOrdersApi 'Microsoft.App/containerApps@2024-03-01' existing = {
  name: 'contoso-orders-api'
}

resource contosoOrdersWorker 'Microsoft.Web/sites@2023-12-01' existing = {
  name: 'contoso-orders-worker'
}

// Services (existing)

resource contosoorders 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'contosoorders'
}

resource contosoOrdersBus 'Microsoft.ServiceBus/namespaces@2021-11-01' existing = {
  name: 'contoso-orders-bus'
}

resource kvContosoOrders 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-contoso-orders'
}

// Role assignments

// contoso-orders-api (systemAssigned) → kv-contoso-orders: Key Vault Secrets User [resource]
resource contosoOrdersApiKvContosoOrdersKeyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(kvContosoOrders.id, contosoOrdersApi.id, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: kvContosoOrders
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: contosoOrdersApi.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Contoso developers (developer) → contosoorders: Storage Blob Data Contributor [resource]
resource contosoDevelopersContosoordersStorageBlobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(contosoorders.id, contosoDevelopersPrincipalId, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: contosoorders
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
    principalId: contosoDevelopersPrincipalId
    principalType: 'Group'
  }
}

// Contoso developers (developer) → contoso-orders-bus: Azure Service Bus Data Receiver [resource]
resource contosoDevelopersContosoOrdersBusAzureServiceBusDataReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(contosoOrdersBus.id, contosoDevelopersPrincipalId, '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0')
  scope: contosoOrdersBus
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0')
    principalId: contosoDevelopersPrincipalId
    principalType: 'Group'
  }
}

// Contoso developers (developer) → contoso-orders-bus: Azure Service Bus Data Sender [resource]
resource contosoDevelopersContosoOrdersBusAzureServiceBusDataSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(contosoOrdersBus.id, contosoDevelopersPrincipalId, '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
  scope: contosoOrdersBus
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
    principalId: contosoDevelopersPrincipalId
    principalType: 'Group'
  }
}

// Contoso developers (developer) → kv-contoso-orders: Key Vault Secrets User [resource]
resource contosoDevelopersKvContosoOrdersKeyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(kvContosoOrders.id, contosoDevelopersPrincipalId, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: kvContosoOrders
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: contosoDevelopersPrincipalId
    principalType: 'Group'
  }
}

// mi-contoso-orders-storage (userAssigned) → contosoorders: Storage Blob Data Contributor [resource]
resource miContosoOrdersStorageContosoordersStorageBlobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(contosoorders.id, miContosoOrdersStorage.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: contosoorders
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
    principalId: miContosoOrdersStorage.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// mi-contoso-orders-storage (userAssigned) → contoso-orders-bus: Azure Service Bus Data Sender [resource]
resource miContosoOrdersStorageContosoOrdersBusAzureServiceBusDataSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(contosoOrdersBus.id, miContosoOrdersStorage.id, '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
  scope: contosoOrdersBus
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
    principalId: miContosoOrdersStorage.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// The `identity` each app's own declaration needs (a whole-resource deployment here would overwrite the app).
output appIdentities object = {
  contosoOrdersApi: {
    resourceId: contosoOrdersApi.id
    identity: {
      type: 'SystemAssigned,UserAssigned'
      userAssignedIdentities: {
        '${miContosoOrdersStorage.id}': {}
      }
    }
  }
  contosoOrdersWorker: {
    resourceId: contosoOrdersWorker.id
    identity: {
      type: 'UserAssigned'
      userAssignedIdentities: {
        '${miContosoOrdersStorage.id}': {}
      }
    }
  }
}

// Client-ID settings per app (app settings or environment variables; see the connection guide).
output appSettings object = {
  contosoOrdersApi: {
    MANAGED_IDENTITY_CLIENT_ID_STORAGE: miContosoOrdersStorage.properties.clientId
    MANAGED_IDENTITY_CLIENT_ID_SERVICEBUS: miContosoOrdersStorage.properties.clientId
  }
  contosoOrdersWorker: {
    AZURE_CLIENT_ID: miContosoOrdersStorage.properties.clientId
  }
}
