// Identity layer of "Every service", exported by idtopo (Identity Topology Designer).
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

@description('Object ID of the Microsoft Entra user Ann Example.')
param annPrincipalId string

@description('OIDC issuer URL of the AKS cluster running contoso-aks-app (az aks show --query oidcIssuerProfile.issuerUrl).')
param aksOidcIssuer string

// User-assigned identities

resource miData 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'mi-contoso-data'
  location: location
}

resource miMsg 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'mi-contoso-messaging'
  location: location
}

resource miMsgAksFederation 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: miMsg
  name: 'contoso-aks-app'
  properties: {
    issuer: aksOidcIssuer
    subject: 'system:serviceaccount:default:contoso-aks-app'
    audiences: ['api://AzureADTokenExchange']
  }
}

// Apps (existing)

resource api 'Microsoft.Web/sites@2023-12-01' existing = {
  name: 'contoso-api'
}

resource jobs 'Microsoft.App/containerApps@2024-03-01' existing = {
  name: 'contoso-jobs'
}

resource vm 'Microsoft.Compute/virtualMachines@2024-03-01' existing = {
  name: 'contoso-vm'
}

resource logic 'Microsoft.Logic/workflows@2019-05-01' existing = {
  name: 'contoso-logic'
}

// Services (existing)

resource st 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'contosost'
}

resource st2 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'contosoarchive'
}

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-contoso'
}

resource sb 'Microsoft.ServiceBus/namespaces@2021-11-01' existing = {
  name: 'contoso-bus'
}

resource eh 'Microsoft.EventHub/namespaces@2024-01-01' existing = {
  name: 'contoso-events'
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: 'contoso-cosmos'
}

resource cfg 'Microsoft.AppConfiguration/configurationStores@2023-03-01' existing = {
  name: 'contoso-config'
}

resource oai 'Microsoft.CognitiveServices/accounts@2023-05-01' existing = {
  name: 'contoso-openai'
}

// Role assignments

// ann (developer) → kv: Key Vault Secrets Officer [resourceGroup]
resource annKvKeyVaultSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, annPrincipalId, 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')
    principalId: annPrincipalId
    principalType: 'User'
  }
}

// api (systemAssigned) → cfg: App Configuration Data Reader [resource]
resource apiCfgAppConfigurationDataReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(cfg.id, api.id, '516239f1-63e1-4d78-a4de-a74fb236a071')
  scope: cfg
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '516239f1-63e1-4d78-a4de-a74fb236a071')
    principalId: api.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// api (systemAssigned) → kv: Key Vault Crypto User [resource]
resource apiKvKeyVaultCryptoUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(kv.id, api.id, '12338af0-0e69-4776-bea7-57ae8d297424')
  scope: kv
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '12338af0-0e69-4776-bea7-57ae8d297424')
    principalId: api.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// api (systemAssigned) → kv: Key Vault Secrets User [resource]
resource apiKvKeyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(kv.id, api.id, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: kv
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: api.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// api (systemAssigned) → oai: Cognitive Services OpenAI User [resource]
resource apiOaiCognitiveServicesOpenAiUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(oai.id, api.id, '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd')
  scope: oai
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd')
    principalId: api.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// devs (developer) → st: Storage Blob Data Contributor [resource]
resource devsStStorageBlobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(st.id, devsPrincipalId, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: st
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
    principalId: devsPrincipalId
    principalType: 'Group'
  }
}

// logic (systemAssigned) → sb: Azure Service Bus Data Sender [resource]
resource logicSbAzureServiceBusDataSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(sb.id, logic.id, '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
  scope: sb
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
    principalId: logic.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// mi-data (userAssigned) → st: Storage Blob Data Contributor [resource]
resource miDataStStorageBlobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(st.id, miData.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: st
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
    principalId: miData.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// mi-data (userAssigned) → st: Storage Blob Data Reader [resource]
resource miDataStStorageBlobDataReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(st.id, miData.id, '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: st
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
    principalId: miData.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// mi-data (userAssigned) → st: Storage Queue Data Contributor [resource]
resource miDataStStorageQueueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(st.id, miData.id, '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
  scope: st
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
    principalId: miData.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// mi-data (userAssigned) → st2: Storage Blob Data Reader [resource]
resource miDataSt2StorageBlobDataReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(st2.id, miData.id, '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: st2
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
    principalId: miData.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// mi-data (userAssigned) → st2: Storage Table Data Reader [resource]
resource miDataSt2StorageTableDataReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(st2.id, miData.id, '76199698-9eea-4c19-bc75-cec21354c6b6')
  scope: st2
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '76199698-9eea-4c19-bc75-cec21354c6b6')
    principalId: miData.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// mi-msg (userAssigned) → eh: Azure Event Hubs Data Receiver [resource]
resource miMsgEhAzureEventHubsDataReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(eh.id, miMsg.id, 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde')
  scope: eh
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde')
    principalId: miMsg.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// mi-msg (userAssigned) → eh: Azure Event Hubs Data Sender [resource]
resource miMsgEhAzureEventHubsDataSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(eh.id, miMsg.id, '2b629674-e913-4c01-ae53-ef4638d8f975')
  scope: eh
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '2b629674-e913-4c01-ae53-ef4638d8f975')
    principalId: miMsg.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// mi-msg (userAssigned) → sb: Azure Service Bus Data Receiver [resource]
resource miMsgSbAzureServiceBusDataReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(sb.id, miMsg.id, '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0')
  scope: sb
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0')
    principalId: miMsg.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// mi-msg (userAssigned) → sb: Azure Service Bus Data Sender [resource]
resource miMsgSbAzureServiceBusDataSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(sb.id, miMsg.id, '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
  scope: sb
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
    principalId: miMsg.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Cosmos DB data-plane role assignments (not Azure RBAC)

// devs (developer) → cosmos: Cosmos DB Built-in Data Reader [resource]
resource devsCosmosCosmosDbBuiltInDataReader 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmos
  name: guid(cosmos.id, devsPrincipalId, '00000000-0000-0000-0000-000000000001')
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000001'
    principalId: devsPrincipalId
    scope: cosmos.id
  }
}

// mi-data (userAssigned) → cosmos: Cosmos DB Built-in Data Contributor [resource]
resource miDataCosmosCosmosDbBuiltInDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmos
  name: guid(cosmos.id, miData.id, '00000000-0000-0000-0000-000000000002')
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
    principalId: miData.properties.principalId
    scope: cosmos.id
  }
  dependsOn: [devsCosmosCosmosDbBuiltInDataReader]
}

// The `identity` each app's own declaration needs (a whole-resource deployment here would overwrite the app).
output appIdentities object = {
  api: {
    resourceId: api.id
    identity: {
      type: 'SystemAssigned, UserAssigned'
      userAssignedIdentities: {
        '${miData.id}': {}
        '${miMsg.id}': {}
      }
    }
  }
  jobs: {
    resourceId: jobs.id
    identity: {
      type: 'UserAssigned'
      userAssignedIdentities: {
        '${miMsg.id}': {}
      }
    }
  }
  vm: {
    resourceId: vm.id
    identity: {
      type: 'UserAssigned'
      userAssignedIdentities: {
        '${miData.id}': {}
      }
    }
  }
  logic: {
    resourceId: logic.id
    identity: {
      type: 'SystemAssigned'
    }
  }
}

// Client-ID settings per app (app settings or environment variables; see the connection guide).
output appSettings object = {
  api: {
    MANAGED_IDENTITY_CLIENT_ID_STORAGE_CONTOSOST: miData.properties.clientId
    MANAGED_IDENTITY_CLIENT_ID_STORAGE_CONTOSOARCHIVE: miData.properties.clientId
    MANAGED_IDENTITY_CLIENT_ID_COSMOS: miData.properties.clientId
    MANAGED_IDENTITY_CLIENT_ID_SQL: miData.properties.clientId
    MANAGED_IDENTITY_CLIENT_ID_SERVICEBUS: miMsg.properties.clientId
  }
  jobs: {
    AZURE_CLIENT_ID: miMsg.properties.clientId
  }
  vm: {
    AZURE_CLIENT_ID: miData.properties.clientId
  }
  aks: {
    AZURE_CLIENT_ID: miMsg.properties.clientId
  }
}

// SQL: run in contoso-sql/orders as its Microsoft Entra admin (no ARM resource exists for it).
output sqlScriptSqlDevs string = '''
IF DATABASE_PRINCIPAL_ID(N'Contoso developers') IS NULL
    CREATE USER [Contoso developers] FROM EXTERNAL PROVIDER;
ALTER ROLE [db_datareader] ADD MEMBER [Contoso developers];
'''

// SQL: run in contoso-sql/orders as its Microsoft Entra admin (no ARM resource exists for it).
output sqlScriptSqlLogic string = '''
IF DATABASE_PRINCIPAL_ID(N'contoso-logic') IS NULL
    CREATE USER [contoso-logic] FROM EXTERNAL PROVIDER;
ALTER ROLE [db_datawriter] ADD MEMBER [contoso-logic];
'''

// SQL: run in contoso-sql/orders as its Microsoft Entra admin (no ARM resource exists for it).
output sqlScriptSqlMiData string = '''
IF DATABASE_PRINCIPAL_ID(N'mi-contoso-data') IS NULL
    CREATE USER [mi-contoso-data] FROM EXTERNAL PROVIDER;
ALTER ROLE [db_datareader] ADD MEMBER [mi-contoso-data];
'''
