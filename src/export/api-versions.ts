/**
 * API versions the Bicep export references resources with. An `existing` reference only reads
 * the resource, so any stable version of its type serves; these are recent GA versions.
 */
const API_VERSIONS: Readonly<Record<string, string>> = {
  'Microsoft.ManagedIdentity/userAssignedIdentities': '2023-01-31',
  'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials': '2023-01-31',
  'Microsoft.Authorization/roleAssignments': '2022-04-01',
  'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments': '2024-11-15',
  'Microsoft.Storage/storageAccounts': '2023-05-01',
  'Microsoft.KeyVault/vaults': '2023-07-01',
  'Microsoft.ServiceBus/namespaces': '2021-11-01',
  'Microsoft.EventHub/namespaces': '2024-01-01',
  'Microsoft.EventGrid/topics': '2022-06-15',
  'Microsoft.DocumentDB/databaseAccounts': '2024-11-15',
  'Microsoft.Sql/servers': '2021-11-01',
  'Microsoft.Sql/servers/databases': '2021-11-01',
  'Microsoft.AppConfiguration/configurationStores': '2023-03-01',
  'Microsoft.ContainerRegistry/registries': '2023-07-01',
  'Microsoft.CognitiveServices/accounts': '2023-05-01',
  'Microsoft.Search/searchServices': '2023-11-01',
  'Microsoft.SignalRService/SignalR': '2023-02-01',
  'Microsoft.Web/sites': '2023-12-01',
  'Microsoft.App/containerApps': '2024-03-01',
  'Microsoft.ContainerService/managedClusters': '2024-05-01',
  'Microsoft.Compute/virtualMachines': '2024-03-01',
  'Microsoft.Compute/virtualMachineScaleSets': '2024-03-01',
  'Microsoft.AppPlatform/Spring': '2023-12-01',
  'Microsoft.AppPlatform/Spring/apps': '2023-12-01',
  'Microsoft.Logic/workflows': '2019-05-01',
  'Microsoft.ContainerInstance/containerGroups': '2023-05-01',
  'Microsoft.KeyVault/vaults/accessPolicies': '2023-07-01',
  'Microsoft.Cache/redis': '2024-11-01',
  'Microsoft.Cache/redis/accessPolicyAssignments': '2024-11-01',
  'Microsoft.DBforPostgreSQL/flexibleServers': '2024-08-01',
  'Microsoft.DBforMySQL/flexibleServers': '2023-12-30',
}

/** `Microsoft.Storage/storageAccounts@2023-05-01`. */
export function typeWithVersion(armType: string): string {
  const version = API_VERSIONS[armType]
  if (!version) throw new Error(`no API version for ${armType}`)
  return `${armType}@${version}`
}
