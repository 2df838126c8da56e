// Identity layer of "Scenario 2: apps sharing user-assigned identities", exported by idtopo (Identity Topology Designer).
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
  name: 'mi-contoso-storage'
  location: location
}

resource miData 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'mi-contoso-databases'
  location: location
}

// Apps (existing)

resource web1 'Microsoft.Web/sites@2023-12-01' existing = {
  name: 'contoso-web-1'
}

resource web2 'Microsoft.Web/sites@2023-12-01' existing = {
  name: 'contoso-web-2'
}

resource func2 'Microsoft.Web/sites@2023-12-01' existing = {
  name: 'contoso-func'
}

// Services (existing)

resource blob 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'contosoassets'
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: 'contoso-cosmos'
}

// Role assignments

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

// Cosmos DB data-plane role assignments (not Azure RBAC)

// devs (developer) → cosmos: Cosmos DB Built-in Data Contributor [resource]
resource devsCosmosCosmosDbBuiltInDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmos
  name: guid(cosmos.id, devsPrincipalId, '00000000-0000-0000-0000-000000000002')
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
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
  dependsOn: [devsCosmosCosmosDbBuiltInDataContributor]
}

// The `identity` each app's own declaration needs (a whole-resource deployment here would overwrite the app).
output appIdentities object = {
  web1: {
    resourceId: web1.id
    identity: {
      type: 'UserAssigned'
      userAssignedIdentities: {
        '${miStorage.id}': {}
        '${miData.id}': {}
      }
    }
  }
  web2: {
    resourceId: web2.id
    identity: {
      type: 'UserAssigned'
      userAssignedIdentities: {
        '${miStorage.id}': {}
        '${miData.id}': {}
      }
    }
  }
  func: {
    resourceId: func2.id
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
  web1: {
    MANAGED_IDENTITY_CLIENT_ID_STORAGE: miStorage.properties.clientId
    MANAGED_IDENTITY_CLIENT_ID_COSMOS: miData.properties.clientId
    MANAGED_IDENTITY_CLIENT_ID_SQL: miData.properties.clientId
  }
  web2: {
    MANAGED_IDENTITY_CLIENT_ID_STORAGE: miStorage.properties.clientId
    MANAGED_IDENTITY_CLIENT_ID_COSMOS: miData.properties.clientId
    MANAGED_IDENTITY_CLIENT_ID_SQL: miData.properties.clientId
  }
  func: {
    AZURE_CLIENT_ID: miStorage.properties.clientId
  }
}

// SQL: run in contoso-sql/orders as its Microsoft Entra admin (no ARM resource exists for it).
output sqlScriptDbDevs string = '''
IF DATABASE_PRINCIPAL_ID(N'Contoso developers') IS NULL
    CREATE USER [Contoso developers] FROM EXTERNAL PROVIDER;
ALTER ROLE [db_datareader] ADD MEMBER [Contoso developers];
ALTER ROLE [db_datawriter] ADD MEMBER [Contoso developers];
'''

// SQL: run in contoso-sql/orders as its Microsoft Entra admin (no ARM resource exists for it).
output sqlScriptDbMiData string = '''
IF DATABASE_PRINCIPAL_ID(N'mi-contoso-databases') IS NULL
    CREATE USER [mi-contoso-databases] FROM EXTERNAL PROVIDER;
ALTER ROLE [db_datareader] ADD MEMBER [mi-contoso-databases];
ALTER ROLE [db_datawriter] ADD MEMBER [mi-contoso-databases];
'''
