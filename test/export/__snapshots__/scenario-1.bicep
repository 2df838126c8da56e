// Identity layer of "Scenario 1: one app, system-assigned identity", exported by idtopo (Identity Topology Designer).
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

// Apps (existing)

resource contosoWeb 'Microsoft.Web/sites@2023-12-01' existing = {
  name: 'contoso-web'
}

// Services (existing)

resource contosoassets 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: 'contosoassets'
}

resource kvContoso 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-contoso'
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

// Contoso developers (developer) → kv-contoso: Key Vault Secrets User [resource]
resource contosoDevelopersKvContosoKeyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(kvContoso.id, contosoDevelopersPrincipalId, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: kvContoso
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: contosoDevelopersPrincipalId
    principalType: 'Group'
  }
}

// contoso-web (systemAssigned) → contosoassets: Storage Blob Data Contributor [resource]
resource contosoWebContosoassetsStorageBlobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(contosoassets.id, contosoWeb.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: contosoassets
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
    principalId: contosoWeb.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// contoso-web (systemAssigned) → kv-contoso: Key Vault Secrets User [resource]
resource contosoWebKvContosoKeyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(kvContoso.id, contosoWeb.id, '4633458b-17de-408a-b874-0445c86b69e6')
  scope: kvContoso
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    principalId: contosoWeb.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// The `identity` each app's own declaration needs (a whole-resource deployment here would overwrite the app).
output appIdentities object = {
  contosoWeb: {
    resourceId: contosoWeb.id
    identity: {
      type: 'SystemAssigned'
    }
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
output sqlScriptContosoSqlOrdersContosoWeb string = '''
-- If CREATE USER fails with Msg 33131 (another principal has this name),
-- add WITH OBJECT_ID = '<its object id>' to it and a suffix to the name.
IF DATABASE_PRINCIPAL_ID(N'contoso-web') IS NULL
    CREATE USER [contoso-web] FROM EXTERNAL PROVIDER;
ALTER ROLE [db_datareader] ADD MEMBER [contoso-web];
ALTER ROLE [db_datawriter] ADD MEMBER [contoso-web];
'''
