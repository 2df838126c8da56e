/**
 * The permission lists of the built-in control-plane roles apply needs, exactly as Azure defines
 * them (MicrosoftDocs/azure-docs, articles/role-based-access-control/built-in-roles/privileged.md,
 * general.md, identity.md, web-and-mobile.md). The sandbox authorizes every call against these
 * when sign-in is on; roles not listed here get the approximation in role-definitions.ts.
 */
export interface Permission {
  readonly actions: readonly string[]
  readonly notActions: readonly string[]
  readonly dataActions: readonly string[]
  readonly notDataActions: readonly string[]
}

export interface ControlPlaneRole {
  readonly id: string
  readonly name: string
  readonly description: string
  readonly permission: Permission
}

const permission = (actions: readonly string[], notActions: readonly string[] = []): Permission => ({
  actions,
  notActions,
  dataActions: [],
  notDataActions: [],
})

const DEPLOYMENTS_AND_SUPPORT = [
  'Microsoft.Authorization/*/read',
  'Microsoft.Insights/alertRules/*',
  'Microsoft.Resources/subscriptions/resourceGroups/read',
  'Microsoft.Resources/deployments/*',
  'Microsoft.Support/*',
]

export const CONTROL_PLANE_ROLES: readonly ControlPlaneRole[] = [
  {
    id: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
    name: 'Owner',
    description:
      'Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.',
    permission: permission(['*']),
  },
  {
    id: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
    name: 'Contributor',
    description:
      'Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.',
    permission: permission(
      ['*'],
      [
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
      ],
    ),
  },
  {
    id: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
    name: 'Reader',
    description: 'View all resources, but does not allow you to make any changes.',
    permission: permission(['*/read']),
  },
  {
    id: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
    name: 'User Access Administrator',
    description: 'Lets you manage user access to Azure resources.',
    permission: permission(['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*']),
  },
  {
    id: 'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
    name: 'Role Based Access Control Administrator',
    description:
      'Manage access to Azure resources by assigning roles using Azure RBAC. This role does not allow you to manage access using other ways, such as Azure Policy.',
    permission: permission([
      'Microsoft.Authorization/roleAssignments/write',
      'Microsoft.Authorization/roleAssignments/delete',
      '*/read',
      'Microsoft.Support/*',
    ]),
  },
  {
    id: 'e40ec5ca-96e0-45a2-b4ff-59039f2c2b59',
    name: 'Managed Identity Contributor',
    description: 'Create, Read, Update, and Delete User Assigned Identity',
    permission: permission([
      'Microsoft.ManagedIdentity/userAssignedIdentities/read',
      'Microsoft.ManagedIdentity/userAssignedIdentities/write',
      'Microsoft.ManagedIdentity/userAssignedIdentities/delete',
      'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/read',
      'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write',
      'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/delete',
      'Microsoft.ManagedIdentity/userAssignedIdentities/revokeTokens/action',
      ...DEPLOYMENTS_AND_SUPPORT,
    ]),
  },
  {
    id: 'f1a07417-d97a-45cb-824c-7a7467783830',
    name: 'Managed Identity Operator',
    description: 'Read and Assign User Assigned Identity',
    permission: permission([
      'Microsoft.ManagedIdentity/userAssignedIdentities/*/read',
      'Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action',
      ...DEPLOYMENTS_AND_SUPPORT,
    ]),
  },
  {
    id: 'de139f84-1756-47ae-9be6-808fbbe84772',
    name: 'Website Contributor',
    description: 'Lets you manage websites (not web plans), but not access to them.',
    permission: permission([
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
  },
]

export const controlPlaneRole = (guid: string): ControlPlaneRole | undefined =>
  CONTROL_PLANE_ROLES.find((r) => r.id === guid.toLowerCase())
