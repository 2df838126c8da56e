// Identity layer of "Scenario 2: apps sharing user-assigned identities", exported by idtopo (Identity Topology Designer).
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

resource miContosoStorage 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'mi-contoso-storage'
  location: location
}

resource miContosoDatabases 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'mi-contoso-databases'
  location: location
}

// Apps (existing)

resource contosoWeb1 'Microsoft.Web/sites@2023-12-01' existing = {
  name: 'contoso-web-1'
}

resource contosoWeb2 'Microsoft.Web/sites@2023-12-01' existing = {
  name: 'contoso-web-2'
}

resource contosoFunc 'Microsoft.Web/sites@2023-12-01' existing = {
  name: 'contoso-func'
}

// Services (existing)

resource contosoassets 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'contosoassets'
}

resource contosoCosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: 'contoso-cosmos'
}

// Role assignments

// Contoso developers (developer) → contosoassets: Storage Blob Data Contributor [resource]
resource contosoDevelopersContosoassetsStorageBlobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(contosoassets.id, contosoDevelopersPrincipalId, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: contosoassets
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
    principalId: contosoDevelopersPrincipalId
    principalType: 'Group'
  }
}

// mi-contoso-storage (userAssigned) → contosoassets: Storage Blob Data Contributor [resource]
resource miContosoStorageContosoassetsStorageBlobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(contosoassets.id, miContosoStorage.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: contosoassets
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
    principalId: miContosoStorage.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// Cosmos DB data-plane role assignments (not Azure RBAC)

// Contoso developers (developer) → contoso-cosmos: Cosmos DB Built-in Data Contributor [resource]
resource contosoDevelopersContosoCosmosCosmosDbBuiltInDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: contosoCosmos
  name: guid(contosoCosmos.id, contosoDevelopersPrincipalId, '00000000-0000-0000-0000-000000000002')
  properties: {
    roleDefinitionId: '${contosoCosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
    principalId: contosoDevelopersPrincipalId
    scope: contosoCosmos.id
  }
}

// mi-contoso-databases (userAssigned) → contoso-cosmos: Cosmos DB Built-in Data Contributor [resource]
resource miContosoDatabasesContosoCosmosCosmosDbBuiltInDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: contosoCosmos
  name: guid(contosoCosmos.id, miContosoDatabases.id, '00000000-0000-0000-0000-000000000002')
  properties: {
    roleDefinitionId: '${contosoCosmos.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
    principalId: miContosoDatabases.properties.principalId
    scope: contosoCosmos.id
  }
  dependsOn: [contosoDevelopersContosoCosmosCosmosDbBuiltInDataContributor]
}

// The `identity` each app's own declaration needs (a whole-resource deployment here would overwrite the app).
output appIdentities object = {
  contosoWeb1: {
    resourceId: contosoWeb1.id
    identity: {
      type: 'UserAssigned'
      userAssignedIdentities: {
        '${miContosoStorage.id}': {}
        '${miContosoDatabases.id}': {}
      }
    }
  }
  contosoWeb2: {
    resourceId: contosoWeb2.id
    identity: {
      type: 'UserAssigned'
      userAssignedIdentities: {
        '${miContosoStorage.id}': {}
        '${miContosoDatabases.id}': {}
      }
    }
  }
  contosoFunc: {
    resourceId: contosoFunc.id
    identity: {
      type: 'UserAssigned'
      userAssignedIdentities: {
        '${miContosoStorage.id}': {}
      }
    }
  }
}

// Client-ID settings per app (app settings or environment variables; see the connection guide).
output appSettings object = {
  contosoWeb1: {
    MANAGED_IDENTITY_CLIENT_ID_STORAGE: miContosoStorage.properties.clientId
    MANAGED_IDENTITY_CLIENT_ID_COSMOS: miContosoDatabases.properties.clientId
    MANAGED_IDENTITY_CLIENT_ID_SQL: miContosoDatabases.properties.clientId
  }
  contosoWeb2: {
    MANAGED_IDENTITY_CLIENT_ID_STORAGE: miContosoStorage.properties.clientId
    MANAGED_IDENTITY_CLIENT_ID_COSMOS: miContosoDatabases.properties.clientId
    MANAGED_IDENTITY_CLIENT_ID_SQL: miContosoDatabases.properties.clientId
  }
  contosoFunc: {
    AZURE_CLIENT_ID: miContosoStorage.properties.clientId
  }
}

// SQL: run in contoso-sql/orders as its Microsoft Entra admin (no ARM resource exists for it).
output sqlScriptContosoSqlOrdersContosoDevelopers string = '''
-- If CREATE USER fails with Msg 33131 (another principal has this name),
-- add WITH OBJECT_ID = '<its object id>' to it and a suffix to the name.
IF DATABASE_PRINCIPAL_ID(N'Contoso developers') IS NULL
    CREATE USER [Contoso developers] FROM EXTERNAL PROVIDER;
ALTER ROLE [db_datareader] ADD MEMBER [Contoso developers];
ALTER ROLE [db_datawriter] ADD MEMBER [Contoso developers];
'''

// SQL: run in contoso-sql/orders as its Microsoft Entra admin (no ARM resource exists for it).
output sqlScriptContosoSqlOrdersMiContosoDatabases string = '''
-- If CREATE USER fails with Msg 33131 (another principal has this name),
-- add WITH OBJECT_ID = '<its object id>' to it and a suffix to the name.
IF DATABASE_PRINCIPAL_ID(N'mi-contoso-databases') IS NULL
    CREATE USER [mi-contoso-databases] FROM EXTERNAL PROVIDER;
ALTER ROLE [db_datareader] ADD MEMBER [mi-contoso-databases];
ALTER ROLE [db_datawriter] ADD MEMBER [mi-contoso-databases];
'''
