// Identity layer of "Every service", exported by idtopo (Identity Topology Designer).
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

@description('Object ID of the Microsoft Entra user Ann Example.')
param annExamplePrincipalId string

// contoso-aks-app (AKS workload), on the cluster: the OIDC issuer and workload identity on (az aks update --enable-oidc-issuer --enable-workload-identity);
// a service account named contoso-aks-app in namespace default, annotated azure.workload.identity/client-id with the client ID of mi-contoso-messaging;
// its pods labelled azure.workload.identity/use: "true" (the connection guide has the code).
@description('OIDC issuer URL of the AKS cluster running contoso-aks-app (az aks show --query oidcIssuerProfile.issuerUrl).')
param contosoAksAppOidcIssuer string

// User-assigned identities

resource miContosoData 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'mi-contoso-data'
  location: location
}

resource miContosoMessaging 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'mi-contoso-messaging'
  location: location
}

resource miContosoMessagingContosoAksAppFederation 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials@2023-01-31' = {
  parent: miContosoMessaging
  name: 'contoso-aks-app'
  properties: {
    issuer: contosoAksAppOidcIssuer
    subject: 'system:serviceaccount:default:contoso-aks-app'
    audiences: ['api://AzureADTokenExchange']
  }
}

// Apps (existing)

resource contosoApi 'Microsoft.Web/sites@2023-12-01' existing = {
  name: 'contoso-api'
}

resource contosoJobs 'Microsoft.App/containerApps@2024-03-01' existing = {
  name: 'contoso-jobs'
}

resource contosoVm 'Microsoft.Compute/virtualMachines@2024-03-01' existing = {
  name: 'contoso-vm'
}

resource contosoLogic 'Microsoft.Logic/workflows@2019-05-01' existing = {
  name: 'contoso-logic'
}

// Services (existing)

resource contosost 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'contosost'
}

resource contosoarchive 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'contosoarchive'
}

resource kvContoso 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-contoso'
}

resource contosoBus 'Microsoft.ServiceBus/namespaces@2021-11-01' existing = {
  name: 'contoso-bus'
}

resource contosoEvents 'Microsoft.EventHub/namespaces@2024-01-01' existing = {
  name: 'contoso-events'
}

resource contosoCosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: 'contoso-cosmos'
}

resource contosoConfig 'Microsoft.AppConfiguration/configurationStores@2023-03-01' existing = {
  name: 'contoso-config'
}

resource contosoOpenai 'Microsoft.CognitiveServices/accounts@2023-05-01' existing = {
  name: 'contoso-openai'
}

// Role assignments

// Ann Example (developer) → kv-contoso: Key Vault Secrets Officer [resourceGroup]
resource annExampleKvContosoKeyVaultSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, annExamplePrincipalId, 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')
    principalId: annExamplePrincipalId
    principalType: 'User'
  }
}

// contoso-api (systemAssigned) → contoso-config: App Configuration Data Reader [resource]
resource contosoApiContosoConfigAppConfigurationDataReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(contosoConfig.id, contosoApi.id, '516239f1-63e1-4d78-a4de-a74fb236a071')
  scope: contosoConfig
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '516239f1-63e1-4d78-a4de-a74fb236a071')
    principalId: contosoApi.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// contoso-api (systemAssigned) → kv-contoso: Key Vault Crypto User [resource]
resource contosoApiKvContosoKeyVaultCryptoUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(kvContoso.id, contosoApi.id, '12338af0-0e69-4776-bea7-57ae8d297424')
  scope: kvContoso
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '12338af0-0e69-4776-bea7-57ae8d297424')
    principalId: contosoApi.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// contoso-api (systemAssigned) → kv-contoso: Key Vault Secrets User [resource]
resource contosoApiKvContosoKeyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(kvContoso.id, contosoApi.id, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: kvContoso
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: contosoApi.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// contoso-api (systemAssigned) → contoso-openai: Cognitive Services OpenAI User [resource]
resource contosoApiContosoOpenaiCognitiveServicesOpenAiUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(contosoOpenai.id, contosoApi.id, '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd')
  scope: contosoOpenai
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd')
    principalId: contosoApi.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Contoso developers (developer) → contosost: Storage Blob Data Contributor [resource]
resource contosoDevelopersContosostStorageBlobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(contosost.id, contosoDevelopersPrincipalId, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: contosost
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
    principalId: contosoDevelopersPrincipalId
    principalType: 'Group'
  }
}

// contoso-logic (systemAssigned) → contoso-bus: Azure Service Bus Data Sender [resource]
resource contosoLogicContosoBusAzureServiceBusDataSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(contosoBus.id, contosoLogic.id, '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
  scope: contosoBus
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
    principalId: contosoLogic.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// mi-contoso-data (userAssigned) → contosost: Storage Blob Data Contributor [resource]
resource miContosoDataContosostStorageBlobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(contosost.id, miContosoData.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: contosost
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
    principalId: miContosoData.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// mi-contoso-data (userAssigned) → contosost: Storage Blob Data Reader [resource]
resource miContosoDataContosostStorageBlobDataReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(contosost.id, miContosoData.id, '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: contosost
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
    principalId: miContosoData.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// mi-contoso-data (userAssigned) → contosost: Storage Queue Data Contributor [resource]
resource miContosoDataContosostStorageQueueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(contosost.id, miContosoData.id, '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
  scope: contosost
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
    principalId: miContosoData.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// mi-contoso-data (userAssigned) → contosoarchive: Storage Blob Data Reader [resource]
resource miContosoDataContosoarchiveStorageBlobDataReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(contosoarchive.id, miContosoData.id, '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
  scope: contosoarchive
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1')
    principalId: miContosoData.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// mi-contoso-data (userAssigned) → contosoarchive: Storage Table Data Reader [resource]
resource miContosoDataContosoarchiveStorageTableDataReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(contosoarchive.id, miContosoData.id, '76199698-9eea-4c19-bc75-cec21354c6b6')
  scope: contosoarchive
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '76199698-9eea-4c19-bc75-cec21354c6b6')
    principalId: miContosoData.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// mi-contoso-messaging (userAssigned) → contoso-events: Azure Event Hubs Data Receiver [resource]
resource miContosoMessagingContosoEventsAzureEventHubsDataReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(contosoEvents.id, miContosoMessaging.id, 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde')
  scope: contosoEvents
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde')
    principalId: miContosoMessaging.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// mi-contoso-messaging (userAssigned) → contoso-events: Azure Event Hubs Data Sender [resource]
resource miContosoMessagingContosoEventsAzureEventHubsDataSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(contosoEvents.id, miContosoMessaging.id, '2b629674-e913-4c01-ae53-ef4638d8f975')
  scope: contosoEvents
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '2b629674-e913-4c01-ae53-ef4638d8f975')
    principalId: miContosoMessaging.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// mi-contoso-messaging (userAssigned) → contoso-bus: Azure Service Bus Data Receiver [resource]
resource miContosoMessagingContosoBusAzureServiceBusDataReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(contosoBus.id, miContosoMessaging.id, '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0')
  scope: contosoBus
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0')
    principalId: miContosoMessaging.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// mi-contoso-messaging (userAssigned) → contoso-bus: Azure Service Bus Data Sender [resource]
resource miContosoMessagingContosoBusAzureServiceBusDataSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(contosoBus.id, miContosoMessaging.id, '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
  scope: contosoBus
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39')
    principalId: miContosoMessaging.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Cosmos DB data-plane role assignments (not Azure RBAC)

// Contoso developers (developer) → contoso-cosmos: Cosmos DB Built-in Data Reader [resource]
resource contosoDevelopersContosoCosmosCosmosDbBuiltInDataReader 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: contosoCosmos
  name: guid(contosoCosmos.id, contosoDevelopersPrincipalId, '00000000-0000-0000-0000-000000000001')
  properties: {
    roleDefinitionId: '${contosoCosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000001'
    principalId: contosoDevelopersPrincipalId
    scope: contosoCosmos.id
  }
}

// mi-contoso-data (userAssigned) → contoso-cosmos: Cosmos DB Built-in Data Contributor [resource]
resource miContosoDataContosoCosmosCosmosDbBuiltInDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: contosoCosmos
  name: guid(contosoCosmos.id, miContosoData.id, '00000000-0000-0000-0000-000000000002')
  properties: {
    roleDefinitionId: '${contosoCosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
    principalId: miContosoData.properties.principalId
    scope: contosoCosmos.id
  }
  dependsOn: [contosoDevelopersContosoCosmosCosmosDbBuiltInDataReader]
}

// The `identity` each app's own declaration needs (a whole-resource deployment here would overwrite the app).
output appIdentities object = {
  contosoApi: {
    resourceId: contosoApi.id
    identity: {
      type: 'SystemAssigned, UserAssigned'
      userAssignedIdentities: {
        '${miContosoData.id}': {}
        '${miContosoMessaging.id}': {}
      }
    }
  }
  contosoJobs: {
    resourceId: contosoJobs.id
    identity: {
      type: 'UserAssigned'
      userAssignedIdentities: {
        '${miContosoMessaging.id}': {}
      }
    }
  }
  contosoVm: {
    resourceId: contosoVm.id
    identity: {
      type: 'UserAssigned'
      userAssignedIdentities: {
        '${miContosoData.id}': {}
      }
    }
  }
  contosoLogic: {
    resourceId: contosoLogic.id
    identity: {
      type: 'SystemAssigned'
    }
  }
}

// Client-ID settings per app (app settings or environment variables; see the connection guide).
output appSettings object = {
  contosoApi: {
    MANAGED_IDENTITY_CLIENT_ID_STORAGE_CONTOSOST: miContosoData.properties.clientId
    MANAGED_IDENTITY_CLIENT_ID_STORAGE_CONTOSOARCHIVE: miContosoData.properties.clientId
    MANAGED_IDENTITY_CLIENT_ID_COSMOS: miContosoData.properties.clientId
    MANAGED_IDENTITY_CLIENT_ID_SQL: miContosoData.properties.clientId
    MANAGED_IDENTITY_CLIENT_ID_SERVICEBUS: miContosoMessaging.properties.clientId
  }
  contosoJobs: {
    AZURE_CLIENT_ID: miContosoMessaging.properties.clientId
  }
  contosoVm: {
    AZURE_CLIENT_ID: miContosoData.properties.clientId
  }
  contosoAksApp: {
    AZURE_CLIENT_ID: miContosoMessaging.properties.clientId
  }
}

// SQL: run in contoso-sql/orders as its Microsoft Entra admin (no ARM resource exists for it).
output sqlScriptContosoSqlOrdersContosoDevelopers string = '''
-- If CREATE USER fails with Msg 33131 (another principal has this name),
-- add WITH OBJECT_ID = '<its object id>' to it and a suffix to the name.
IF DATABASE_PRINCIPAL_ID(N'Contoso developers') IS NULL
    CREATE USER [Contoso developers] FROM EXTERNAL PROVIDER;
ALTER ROLE [db_datareader] ADD MEMBER [Contoso developers];
'''

// SQL: run in contoso-sql/orders as its Microsoft Entra admin (no ARM resource exists for it).
output sqlScriptContosoSqlOrdersContosoLogic string = '''
-- If CREATE USER fails with Msg 33131 (another principal has this name),
-- add WITH OBJECT_ID = '<its object id>' to it and a suffix to the name.
IF DATABASE_PRINCIPAL_ID(N'contoso-logic') IS NULL
    CREATE USER [contoso-logic] FROM EXTERNAL PROVIDER;
ALTER ROLE [db_datawriter] ADD MEMBER [contoso-logic];
'''

// SQL: run in contoso-sql/orders as its Microsoft Entra admin (no ARM resource exists for it).
output sqlScriptContosoSqlOrdersMiContosoData string = '''
-- If CREATE USER fails with Msg 33131 (another principal has this name),
-- add WITH OBJECT_ID = '<its object id>' to it and a suffix to the name.
IF DATABASE_PRINCIPAL_ID(N'mi-contoso-data') IS NULL
    CREATE USER [mi-contoso-data] FROM EXTERNAL PROVIDER;
ALTER ROLE [db_datareader] ADD MEMBER [mi-contoso-data];
'''
