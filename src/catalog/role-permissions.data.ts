// Permissions of built-in roles, by role definition GUID, exactly as Azure publishes them: the JSON
// blocks of MicrosoftDocs/azure-docs articles/role-based-access-control/built-in-roles/*.md
// (privileged.md, general.md, identity.md, storage.md, security.md, web-and-mobile.md; ms.date
// 07/01/2026). The
// reference file (shared/reference/azure-roles.json) has no permission lists, so they live here;
// catalog/privilege.ts decides from them which roles are privileged, and the sandbox serves them.
// Roles not listed keep the reference's flags and approximated lists in the sandbox.
import type { RolePermission } from './privilege.ts'

const none: readonly string[] = []
const p = (
  actions: readonly string[],
  dataActions: readonly string[] = none,
  notActions: readonly string[] = none,
): RolePermission => ({ actions, notActions, dataActions, notDataActions: none })

const KV_READ_ACTIONS = [
  'Microsoft.Authorization/*/read',
  'Microsoft.Insights/alertRules/*',
  'Microsoft.Resources/deployments/*',
  'Microsoft.Resources/subscriptions/resourceGroups/read',
  'Microsoft.Support/*',
  'Microsoft.KeyVault/checkNameAvailability/read',
  'Microsoft.KeyVault/deletedVaults/read',
  'Microsoft.KeyVault/locations/*/read',
  'Microsoft.KeyVault/vaults/*/read',
  'Microsoft.KeyVault/operations/read',
]
const MI_COMMON = [
  'Microsoft.Authorization/*/read',
  'Microsoft.Insights/alertRules/*',
  'Microsoft.Resources/subscriptions/resourceGroups/read',
  'Microsoft.Resources/deployments/*',
  'Microsoft.Support/*',
]

export const ROLE_PERMISSIONS: Readonly<Record<string, readonly RolePermission[]>> = {
  // Owner
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': [p(['*'])],
  // Contributor
  'b24988ac-6180-42a0-ab88-20f7382dd24c': [
    p(['*'], none, [
      'Microsoft.Authorization/*/Delete',
      'Microsoft.Authorization/*/Write',
      'Microsoft.Authorization/elevateAccess/Action',
      'Microsoft.Blueprint/blueprintAssignments/write',
      'Microsoft.Blueprint/blueprintAssignments/delete',
      'Microsoft.Compute/galleries/share/action',
      'Microsoft.Purview/consents/write',
      'Microsoft.Purview/consents/delete',
      'Microsoft.Resources/deploymentStacks/manageDenySetting/action',
      'Microsoft.Subscription/cancel/action',
      'Microsoft.Subscription/enable/action',
    ]),
  ],
  // Reader
  'acdd72a7-3385-48ef-bd42-f606fba81ae7': [p(['*/read'])],
  // User Access Administrator
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9': [
    p(['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*']),
  ],
  // Role Based Access Control Administrator
  'f58310d9-a9f6-439a-9e8d-f62e7b41a168': [
    p([
      'Microsoft.Authorization/roleAssignments/write',
      'Microsoft.Authorization/roleAssignments/delete',
      '*/read',
      'Microsoft.Support/*',
    ]),
  ],
  // Storage Blob Data Reader
  '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1': [
    p(
      [
        'Microsoft.Storage/storageAccounts/blobServices/containers/read',
        'Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action',
      ],
      ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'],
    ),
  ],
  // Storage Blob Data Contributor
  'ba92f5b4-2d11-453d-a403-e96b0029c9fe': [
    p(
      [
        'Microsoft.Storage/storageAccounts/blobServices/containers/delete',
        'Microsoft.Storage/storageAccounts/blobServices/containers/read',
        'Microsoft.Storage/storageAccounts/blobServices/containers/write',
        'Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action',
      ],
      [
        'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete',
        'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read',
        'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write',
        'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/move/action',
        'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action',
      ],
    ),
  ],
  // Storage Blob Data Owner
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b': [
    p(
      [
        'Microsoft.Storage/storageAccounts/blobServices/containers/*',
        'Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action',
      ],
      ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*'],
    ),
  ],
  // Storage Blob Delegator
  'db58b8e5-c6ad-4a2a-8342-4190687cbf4a': [
    p(['Microsoft.Storage/storageAccounts/blobServices/generateUserDelegationKey/action']),
  ],
  // Storage Account Contributor
  '17d1049b-9a84-46fb-8f53-869881c3d3ab': [
    p([
      'Microsoft.Authorization/*/read',
      'Microsoft.Insights/alertRules/*',
      'Microsoft.Insights/diagnosticSettings/*',
      'Microsoft.Network/virtualNetworks/subnets/joinViaServiceEndpoint/action',
      'Microsoft.ResourceHealth/availabilityStatuses/read',
      'Microsoft.Resources/deployments/*',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
      'Microsoft.Storage/storageAccounts/*',
      'Microsoft.Support/*',
    ]),
  ],
  // Storage Account Key Operator Service Role
  '81a9662b-bebf-436f-a333-f67b29880f12': [
    p([
      'Microsoft.Storage/storageAccounts/listkeys/action',
      'Microsoft.Storage/storageAccounts/regeneratekey/action',
    ]),
  ],
  // Reader and Data Access
  'c12c1c16-33a1-487b-954d-41c89c60f349': [
    p([
      'Microsoft.Storage/storageAccounts/listKeys/action',
      'Microsoft.Storage/storageAccounts/ListAccountSas/action',
      'Microsoft.Storage/storageAccounts/read',
    ]),
  ],
  // Key Vault Administrator
  '00482a5a-887f-4fb3-b363-3b7fe8e74483': [p(KV_READ_ACTIONS, ['Microsoft.KeyVault/vaults/*'])],
  // Key Vault Certificate User
  'db79e9a7-68ee-4b58-9aeb-b90e7c24fcba': [
    p(none, [
      'Microsoft.KeyVault/vaults/certificates/read',
      'Microsoft.KeyVault/vaults/secrets/getSecret/action',
      'Microsoft.KeyVault/vaults/secrets/readMetadata/action',
      'Microsoft.KeyVault/vaults/keys/read',
    ]),
  ],
  // Key Vault Certificates Officer
  'a4417e6f-fecd-4de8-b567-7b0420556985': [
    p(KV_READ_ACTIONS, [
      'Microsoft.KeyVault/vaults/certificatecas/*',
      'Microsoft.KeyVault/vaults/certificates/*',
      'Microsoft.KeyVault/vaults/certificatecontacts/write',
    ]),
  ],
  // Key Vault Contributor
  'f25e0fa2-a7c8-4377-a976-54943a77a395': [
    p(
      [
        'Microsoft.Authorization/*/read',
        'Microsoft.Insights/alertRules/*',
        'Microsoft.KeyVault/*',
        'Microsoft.Resources/deployments/*',
        'Microsoft.Resources/subscriptions/resourceGroups/read',
        'Microsoft.Support/*',
      ],
      none,
      [
        'Microsoft.KeyVault/locations/deletedVaults/purge/action',
        'Microsoft.KeyVault/hsmPools/*',
        'Microsoft.KeyVault/managedHsms/*',
      ],
    ),
  ],
  // Key Vault Crypto Officer
  '14b46e9e-c2b7-41b4-b07b-48a6ebf60603': [
    p(KV_READ_ACTIONS, [
      'Microsoft.KeyVault/vaults/keys/*',
      'Microsoft.KeyVault/vaults/keyrotationpolicies/*',
    ]),
  ],
  // Key Vault Crypto Service Encryption User
  'e147488a-f6f5-4113-8e2d-b22465e65bf6': [
    p(
      [
        'Microsoft.EventGrid/eventSubscriptions/write',
        'Microsoft.EventGrid/eventSubscriptions/read',
        'Microsoft.EventGrid/eventSubscriptions/delete',
      ],
      [
        'Microsoft.KeyVault/vaults/keys/read',
        'Microsoft.KeyVault/vaults/keys/wrap/action',
        'Microsoft.KeyVault/vaults/keys/unwrap/action',
      ],
    ),
  ],
  // Key Vault Crypto User
  '12338af0-0e69-4776-bea7-57ae8d297424': [
    p(none, [
      'Microsoft.KeyVault/vaults/keys/read',
      'Microsoft.KeyVault/vaults/keys/update/action',
      'Microsoft.KeyVault/vaults/keys/backup/action',
      'Microsoft.KeyVault/vaults/keys/encrypt/action',
      'Microsoft.KeyVault/vaults/keys/decrypt/action',
      'Microsoft.KeyVault/vaults/keys/wrap/action',
      'Microsoft.KeyVault/vaults/keys/unwrap/action',
      'Microsoft.KeyVault/vaults/keys/sign/action',
      'Microsoft.KeyVault/vaults/keys/verify/action',
    ]),
  ],
  // Key Vault Data Access Administrator (its ABAC condition limits the roles it may assign to
  // the eight Key Vault data roles, Key Vault Administrator included: still a grant of roles)
  '8b54135c-b56d-4d72-a534-26097cfdc8d8': [
    p([
      'Microsoft.Authorization/roleAssignments/write',
      'Microsoft.Authorization/roleAssignments/delete',
      'Microsoft.Authorization/*/read',
      'Microsoft.Resources/deployments/*',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
      'Microsoft.Resources/subscriptions/read',
      'Microsoft.Management/managementGroups/read',
      'Microsoft.Resources/deployments/*',
      'Microsoft.Support/*',
      'Microsoft.KeyVault/vaults/*/read',
    ]),
  ],
  // Key Vault Reader
  '21090545-7ca7-4776-b22c-e363652d74d2': [
    p(KV_READ_ACTIONS, [
      'Microsoft.KeyVault/vaults/*/read',
      'Microsoft.KeyVault/vaults/secrets/readMetadata/action',
    ]),
  ],
  // Key Vault Secrets Officer
  'b86a8fe4-44ce-4948-aee5-eccb2c155cd7': [
    p(KV_READ_ACTIONS, ['Microsoft.KeyVault/vaults/secrets/*']),
  ],
  // Key Vault Secrets User
  '4633458b-17de-408a-b874-0445c86b69e6': [
    p(none, [
      'Microsoft.KeyVault/vaults/secrets/getSecret/action',
      'Microsoft.KeyVault/vaults/secrets/readMetadata/action',
    ]),
  ],
  // Managed Identity Contributor
  'e40ec5ca-96e0-45a2-b4ff-59039f2c2b59': [
    p([
      'Microsoft.ManagedIdentity/userAssignedIdentities/read',
      'Microsoft.ManagedIdentity/userAssignedIdentities/write',
      'Microsoft.ManagedIdentity/userAssignedIdentities/delete',
      'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/read',
      'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write',
      'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/delete',
      'Microsoft.ManagedIdentity/userAssignedIdentities/revokeTokens/action',
      ...MI_COMMON,
    ]),
  ],
  // Website Contributor (not a catalog role: apply's writes to App Service need it)
  'de139f84-1756-47ae-9be6-808fbbe84772': [
    p([
      'Microsoft.Authorization/*/read',
      'Microsoft.Insights/alertRules/*',
      'Microsoft.Insights/components/*',
      'Microsoft.ResourceHealth/availabilityStatuses/read',
      'Microsoft.Resources/deployments/*',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
      'Microsoft.Support/*',
      'Microsoft.Web/certificates/*',
      'Microsoft.Web/listSitesAssignedToHostName/read',
      'Microsoft.Web/serverFarms/join/action',
      'Microsoft.Web/serverFarms/read',
      'Microsoft.Web/sites/*',
    ]),
  ],
  // Managed Identity Operator
  'f1a07417-d97a-45cb-824c-7a7467783830': [
    p([
      'Microsoft.ManagedIdentity/userAssignedIdentities/*/read',
      'Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action',
      ...MI_COMMON,
    ]),
  ],
}
