// Identity layer of "Scenario 3: shared identity plus a system-assigned one", exported by idtopo (Identity Topology Designer).
// Deploy: az deployment group create --resource-group <group> --template-file <this file>
// Apps are referenced, not redeclared: enable their identities first (the appIdentities output,
// or the Azure CLI export), since a system-assigned principal must exist to be granted.
// Role assignment names: idtopo apply's UUID v5 when the principal id and scope are known (the
// same name in every export); otherwise guid(scope, principal resource id, role): a principal
// id created by this deployment is a run-time value, and Bicep has no UUID v5 function.
targetScope = 'resourceGroup'

@description('Location of the user-assigned identities this file creates.')
param location string = resourceGroup().location

@description('Object ID of the Microsoft Entra group Contoso developers.')
param devsPrincipalId string

// User-assigned identities

resource miStorage 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'mi-contoso-orders-storage'
  location: location
}

// Apps (existing)

resource api 'Microsoft.App/containerApps@2024-03-01' existing = {
  name: 'contoso-orders-api'
}

resource worker 'Microsoft.Web/sites@2023-12-01' existing = {
  name: 'contoso-orders-worker'
}

// Services (existing)

resource blob 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'contosoorders'
}

resource queue 'Microsoft.ServiceBus/namespaces@2021-11-01' existing = {
  name: 'contoso-orders-bus'
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-contoso-orders'
}

// Role assignments

// api (systemAssigned) → vault: Key Vault Secrets User [resource]
resource apiVaultKeyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, api.id, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: api.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// devs (developer) → blob: Storage Blob Data Contributor [resource]
resource devsBlobStorageBlobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(blob.id, devsPrincipalId, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: blob
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
    principalId: devsPrincipalId
    principalType: 'Group'
  }
}

// devs (developer) → queue: Azure Service Bus Data Receiver [resource]
resource devsQueueAzureServiceBusDataReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(queue.id, devsPrincipalId, '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0')
  scope: queue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0')
    principalId: devsPrincipalId
    principalType: 'Group'
  }
}

// devs (developer) → queue: Azure Service Bus Data Sender [resource]
resource devsQueueAzureServiceBusDataSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(queue.id, devsPrincipalId, '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
  scope: queue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
    principalId: devsPrincipalId
    principalType: 'Group'
  }
}

// devs (developer) → vault: Key Vault Secrets User [resource]
resource devsVaultKeyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, devsPrincipalId, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: devsPrincipalId
    principalType: 'Group'
  }
}

// mi-storage (userAssigned) → blob: Storage Blob Data Contributor [resource]
resource miStorageBlobStorageBlobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(blob.id, miStorage.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: blob
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
    principalId: miStorage.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// mi-storage (userAssigned) → queue: Azure Service Bus Data Sender [resource]
resource miStorageQueueAzureServiceBusDataSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(queue.id, miStorage.id, '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
  scope: queue
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
    principalId: miStorage.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// The `identity` each app's own declaration needs (a whole-resource deployment here would overwrite the app).
output appIdentities object = {
  api: {
    resourceId: api.id
    identity: {
      type: 'SystemAssigned,UserAssigned'
      userAssignedIdentities: {
        '${miStorage.id}': {}
      }
    }
  }
  worker: {
    resourceId: worker.id
    identity: {
      type: 'UserAssigned'
      userAssignedIdentities: {
        '${miStorage.id}': {}
      }
    }
  }
}

// Client-ID settings per app (app settings or environment variables; see the connection guide).
output appSettings object = {
  api: {
    MANAGED_IDENTITY_CLIENT_ID_STORAGE: miStorage.properties.clientId
    MANAGED_IDENTITY_CLIENT_ID_SERVICEBUS: miStorage.properties.clientId
  }
  worker: {
    AZURE_CLIENT_ID: miStorage.properties.clientId
  }
}
