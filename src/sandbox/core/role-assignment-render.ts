import { armError, compactGuid } from './errors.ts'
import { idKey } from './ids.ts'
import { roleDefinitionId } from './role-definitions.ts'
import type { JsonObject, RoleAssignmentRecord, SandboxResponse } from './types.ts'

const subscriptionOf = (scope: string): string | undefined =>
  /^\/subscriptions\/([^/]+)/i.exec(scope)?.[1]

export const roleAssignmentId = (a: RoleAssignmentRecord): string =>
  `${a.scope === '/' ? '' : a.scope}/providers/Microsoft.Authorization/roleAssignments/${a.name}`

/** As live ARM answers (2022-04-01): `roleDefinitionId` in subscription form, audit fields, nulls. */
export function renderRoleAssignment(a: RoleAssignmentRecord): JsonObject {
  return {
    properties: {
      roleDefinitionId: roleDefinitionId(subscriptionOf(a.scope), a.roleDefinitionGuid),
      principalId: a.principalId,
      principalType: a.principalType,
      scope: a.scope,
      condition: a.condition,
      conditionVersion: a.conditionVersion,
      createdOn: a.createdOn,
      updatedOn: a.updatedOn,
      createdBy: a.createdBy,
      updatedBy: a.updatedBy,
      delegatedManagedIdentityResourceId: null,
      description: a.description,
    },
    id: roleAssignmentId(a),
    type: 'Microsoft.Authorization/roleAssignments',
    name: a.name,
  }
}

export const sameAssignment = (
  a: RoleAssignmentRecord,
  scope: string,
  roleGuid: string,
  principalId: string,
): boolean =>
  a.principalId === principalId.toLowerCase() &&
  a.roleDefinitionGuid === roleGuid.toLowerCase() &&
  idKey(a.scope) === idKey(scope)

export const roleAssignmentExists = (existing: RoleAssignmentRecord): SandboxResponse =>
  armError(
    409,
    'RoleAssignmentExists',
    `The role assignment already exists. The ID of the existing role assignment is ${compactGuid(existing.name)}.`,
  )

export const roleAssignmentNotFound = (name: string): SandboxResponse =>
  armError(404, 'RoleAssignmentNotFound', `The role assignment '${name}' is not found.`)

export const authorizationFailed = (
  caller: string,
  action: string,
  scope: string,
): SandboxResponse =>
  armError(
    403,
    'AuthorizationFailed',
    `The client '${caller}' with object id '${caller}' does not have authorization to perform action '${action}' over scope '${scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  )

export const principalNotFound = (principalId: string, tenantId: string): SandboxResponse =>
  armError(
    400,
    'PrincipalNotFound',
    `Principal ${compactGuid(principalId)} does not exist in the directory ${tenantId}. Check that you have the correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype`,
  )
