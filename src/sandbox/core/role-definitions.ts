import { ALL_ROLES, type RoleFact } from '../../catalog/roles.ts'
import { SERVICES } from '../../catalog/services.ts'
import { type Ctx, json } from './context.ts'
import { armError } from './errors.ts'
import { parseFilter } from './odata-filter.ts'
import { pageOf } from './paging.ts'
import { queryParam } from './request.ts'
import type { Scope } from './scopes.ts'
import type { JsonObject, SandboxResponse } from './types.ts'

/** The Azure RBAC built-ins of the catalog (Cosmos DB and SQL data roles are not ARM roles). */
const BUILT_INS = ALL_ROLES.filter(
  (r): r is RoleFact & { id: string } => r.grant === 'rbac' && !!r.id,
)

export const builtInRole = (guid: string) =>
  BUILT_INS.find((r) => r.id.toLowerCase() === guid.toLowerCase())

const CONTRIBUTOR_NOT_ACTIONS = [
  'Microsoft.Authorization/*/Delete',
  'Microsoft.Authorization/*/Write',
  'Microsoft.Authorization/elevateAccess/Action',
  'Microsoft.Blueprint/blueprintAssignments/write',
  'Microsoft.Blueprint/blueprintAssignments/delete',
  'Microsoft.Compute/galleries/share/action',
  'Microsoft.Purview/consents/write',
  'Microsoft.Purview/consents/delete',
]

export interface Permission {
  readonly actions: readonly string[]
  readonly notActions: readonly string[]
  readonly dataActions: readonly string[]
  readonly notDataActions: readonly string[]
}

export const OWNER_PERMISSION: Permission = {
  actions: ['*'],
  notActions: [],
  dataActions: [],
  notDataActions: [],
}
export const CONTRIBUTOR_PERMISSION: Permission = {
  ...OWNER_PERMISSION,
  notActions: CONTRIBUTOR_NOT_ACTIONS,
}

/** The catalog has no permission lists; these approximate each role by its provider and plane. */
function permissionOf(role: RoleFact): Permission {
  switch (role.name) {
    case 'Owner':
      return OWNER_PERMISSION
    case 'Contributor':
      return CONTRIBUTOR_PERMISSION
    case 'Reader':
      return { ...OWNER_PERMISSION, actions: ['*/read'] }
    case 'User Access Administrator':
      return {
        ...OWNER_PERMISSION,
        actions: ['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*'],
      }
    case 'Role Based Access Control Administrator':
      return {
        ...OWNER_PERMISSION,
        actions: [
          'Microsoft.Authorization/roleAssignments/write',
          'Microsoft.Authorization/roleAssignments/delete',
          '*/read',
        ],
      }
  }
  const service = role.services.find((s) => s !== '*')
  const namespace = service
    ? (SERVICES[service].armType.split('/')[0] ?? '')
    : 'Microsoft.Resources'
  return role.plane === 'data'
    ? {
        actions: [`${namespace}/*/read`],
        notActions: [],
        dataActions: [`${namespace}/*`],
        notDataActions: [],
      }
    : {
        actions: [`${namespace}/*`, 'Microsoft.Resources/deployments/*'],
        notActions: [],
        dataActions: [],
        notDataActions: [],
      }
}

/** Role definition ids take the subscription form inside a subscription, the tenant form at the root. */
export function roleDefinitionId(subscriptionId: string | undefined, guid: string): string {
  const prefix = subscriptionId ? `/subscriptions/${subscriptionId}` : ''
  return `${prefix}/providers/Microsoft.Authorization/roleDefinitions/${guid}`
}

const BUILT_IN_DATE = '2015-02-02T21:55:09.8806423Z'

function render(scope: Scope, role: RoleFact & { id: string }): JsonObject {
  const p = permissionOf(role)
  return {
    properties: {
      roleName: role.name,
      type: 'BuiltInRole',
      description: `${role.name} (sandbox copy of the built-in role; permissions approximated).`,
      assignableScopes: ['/'],
      permissions: [
        {
          actions: [...p.actions],
          notActions: [...p.notActions],
          dataActions: [...p.dataActions],
          notDataActions: [...p.notDataActions],
        },
      ],
      createdOn: BUILT_IN_DATE,
      updatedOn: BUILT_IN_DATE,
      createdBy: null,
      updatedBy: null,
    },
    id: roleDefinitionId(scope.subscriptionId, role.id),
    type: 'Microsoft.Authorization/roleDefinitions',
    name: role.id,
  }
}

export function getRoleDefinition(ctx: Ctx, scope: Scope, guid: string): SandboxResponse {
  if (ctx.request.method !== 'GET')
    return armError(405, 'MethodNotAllowed', 'The sandbox holds only built-in role definitions.')
  const role = builtInRole(guid)
  if (!role)
    return armError(
      404,
      'RoleDefinitionDoesNotExist',
      `The specified role definition with ID '${guid}' does not exist.`,
    )
  return json(200, render(scope, role))
}

/** LIST with `$filter=roleName eq '…'` or `type eq 'BuiltInRole'`. */
export function listRoleDefinitions(ctx: Ctx, scope: Scope): SandboxResponse {
  const text = queryParam(ctx.request.query, '$filter')
  const clauses = text ? parseFilter(text) : []
  if (
    !clauses ||
    clauses.some((c) => c.kind !== 'eq' || (c.field !== 'rolename' && c.field !== 'type'))
  )
    return armError(
      400,
      'InvalidFilterInQueryString',
      `The $filter '${text ?? ''}' is not supported.`,
    )
  const roles = BUILT_INS.filter((r) =>
    clauses.every(
      (c) =>
        c.kind === 'eq' &&
        (c.field === 'rolename'
          ? r.name.toLowerCase() === c.value.toLowerCase()
          : c.value === 'BuiltInRole'),
    ),
  )
  return pageOf(ctx, roles, (r) => render(scope, r))
}
