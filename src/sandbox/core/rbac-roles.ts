import { ROLE_PERMISSIONS } from '../../catalog/role-permissions.data.ts'

/**
 * The built-in control-plane roles apply needs, with the permission lists Azure publishes for them
 * (kept once, in catalog/role-permissions.data.ts, from MicrosoftDocs/azure-docs
 * articles/role-based-access-control/built-in-roles/*.md). The sandbox authorizes every call
 * against these when sign-in is on; roles not listed here get the catalog's list or the
 * approximation in role-definitions.ts.
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

const role = (id: string, name: string, description: string): ControlPlaneRole => {
  const [permission, ...more] = ROLE_PERMISSIONS[id] ?? []
  if (!permission || more.length > 0)
    throw new Error(`the catalog has no single permission entry for ${name}`)
  return { id, name, description, permission }
}

export const CONTROL_PLANE_ROLES: readonly ControlPlaneRole[] = [
  role(
    '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
    'Owner',
    'Grants full access to manage all resources, including the ability to assign roles in Azure RBAC.',
  ),
  role(
    'b24988ac-6180-42a0-ab88-20f7382dd24c',
    'Contributor',
    'Grants full access to manage all resources, but does not allow you to assign roles in Azure RBAC, manage assignments in Azure Blueprints, or share image galleries.',
  ),
  role(
    'acdd72a7-3385-48ef-bd42-f606fba81ae7',
    'Reader',
    'View all resources, but does not allow you to make any changes.',
  ),
  role(
    '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
    'User Access Administrator',
    'Lets you manage user access to Azure resources.',
  ),
  role(
    'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
    'Role Based Access Control Administrator',
    'Manage access to Azure resources by assigning roles using Azure RBAC. This role does not allow you to manage access using other ways, such as Azure Policy.',
  ),
  role(
    'e40ec5ca-96e0-45a2-b4ff-59039f2c2b59',
    'Managed Identity Contributor',
    'Create, Read, Update, and Delete User Assigned Identity',
  ),
  role(
    'f1a07417-d97a-45cb-824c-7a7467783830',
    'Managed Identity Operator',
    'Read and Assign User Assigned Identity',
  ),
  role(
    'de139f84-1756-47ae-9be6-808fbbe84772',
    'Website Contributor',
    'Lets you manage websites (not web plans), but not access to them.',
  ),
]

export const controlPlaneRole = (guid: string): ControlPlaneRole | undefined =>
  CONTROL_PLANE_ROLES.find((r) => r.id === guid.toLowerCase())
