// Built-in roles the reference (shared/reference/azure-roles.json) lacks, added because a designer
// may put them on an edge and each can hand out more access than it names: privileged from their
// permissions (role-permissions.data.ts). Names and GUIDs as the official built-in roles list
// spells them (MicrosoftDocs/azure-docs articles/role-based-access-control/built-in-roles/
// identity.md and security.md); the same in every tenant.
import type { RoleFact } from './role-fact.ts'

export const ADDED_ROLE_FACTS: readonly RoleFact[] = [
  {name: 'Managed Identity Operator', id: 'f1a07417-d97a-45cb-824c-7a7467783830', services: ['*'], plane: 'control', grant: 'rbac'},
  {name: 'Managed Identity Contributor', id: 'e40ec5ca-96e0-45a2-b4ff-59039f2c2b59', services: ['*'], plane: 'control', grant: 'rbac'},
  {name: 'Key Vault Data Access Administrator', id: '8b54135c-b56d-4d72-a534-26097cfdc8d8', services: ['keyVault'], plane: 'control', grant: 'rbac'},
]
