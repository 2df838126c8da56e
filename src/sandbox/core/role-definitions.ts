import { ALL_ROLES, rolePermissions, type RoleFact } from '../../catalog/roles.ts'
import { SERVICES } from '../../catalog/services.ts'
import { type Ctx, json } from './context.ts'
import { allCustomRoles, customRoleRequest, renderCustomRole } from './custom-roles.ts'
import { armError } from './errors.ts'
import { parseFilter } from './odata-filter.ts'
import { pageOf } from './paging.ts'
import { CONTROL_PLANE_ROLES, controlPlaneRole, type Permission } from './rbac-roles.ts'
import { queryParam } from './request.ts'
import type { Scope } from './scopes.ts'
import type { JsonObject, SandboxResponse } from './types.ts'

/** A built-in the sandbox serves: its GUID, name, description and permissions. */
export interface BuiltInRole {
  readonly id: string
  readonly name: string
  readonly description: string
  readonly permission: Permission
}

/**
 * The control-plane roles apply needs (real permission lists, rbac-roles.ts), then the catalog's
 * other Azure RBAC built-ins (Cosmos DB and SQL data roles are not ARM roles), approximated.
 */
const BUILT_INS: readonly BuiltInRole[] = [
  ...CONTROL_PLANE_ROLES,
  ...ALL_ROLES.filter(
    (r): r is RoleFact & { id: string } => r.grant === 'rbac' && !!r.id && !controlPlaneRole(r.id),
  ).map((r) => {
    const known = published(r)
    return {
      id: r.id,
      name: r.name,
      description: `${r.name} (sandbox copy of the built-in role${known ? '' : '; permissions approximated'}).`,
      permission: known ?? approximatePermission(r),
    }
  }),
]

export const builtInRole = (guid: string): BuiltInRole | undefined =>
  BUILT_INS.find((r) => r.id.toLowerCase() === guid.toLowerCase())

const byName = (name: string): Permission => {
  const role = CONTROL_PLANE_ROLES.find((r) => r.name === name)
  if (!role) throw new Error(`no control-plane role ${name}`)
  return role.permission
}

export const OWNER_PERMISSION: Permission = byName('Owner')
export const CONTRIBUTOR_PERMISSION: Permission = byName('Contributor')

/** A built-in's one published permission entry, when the catalog has it (role-permissions.data.ts). */
function published(role: RoleFact): Permission | undefined {
  const entries = rolePermissions(role)
  return entries?.length === 1 ? entries[0] : undefined
}

/** Roles the catalog has no permission list for: approximated by their provider and plane. */
function approximatePermission(role: RoleFact): Permission {
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

function render(scope: Scope, role: BuiltInRole): JsonObject {
  const p = role.permission
  return {
    properties: {
      roleName: role.name,
      type: 'BuiltInRole',
      description: role.description,
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
  if (builtInRole(guid) && ctx.request.method !== 'GET')
    return armError(405, 'MethodNotAllowed', 'Built-in role definitions cannot be changed.')
  const custom = customRoleRequest(ctx, scope, guid)
  if (custom) return custom
  const role = builtInRole(guid)
  if (!role)
    return armError(
      404,
      'RoleDefinitionDoesNotExist',
      `The specified role definition with ID '${guid}' does not exist.`,
    )
  return json(200, render(scope, role))
}

/** LIST with `$filter=roleName eq '…'` or `type eq 'BuiltInRole' | 'CustomRole'`, built-ins first. */
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
  const keep = (name: string, type: string): boolean =>
    clauses.every(
      (c) =>
        c.kind === 'eq' &&
        (c.field === 'rolename' ? name.toLowerCase() === c.value.toLowerCase() : c.value === type),
    )
  const roles = [
    ...BUILT_INS.filter((r) => keep(r.name, 'BuiltInRole')).map((r) => () => render(scope, r)),
    ...allCustomRoles(ctx)
      .filter((r) => keep(r.roleName, 'CustomRole'))
      .map((r) => () => renderCustomRole(scope.subscriptionId, r)),
  ]
  return pageOf(ctx, roles, (r) => r())
}
