import type { RolePermission } from '../../catalog/privilege.ts'
import { ALL_ROLES, roleByName, rolePermissions, type RoleFact } from '../../catalog/roles.ts'
import { SERVICES } from '../../catalog/services.ts'
import { type Ctx, json } from './context.ts'
import { allCustomRoles, customRoleRequest, renderCustomRole } from './custom-roles.ts'
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

export type Permission = RolePermission

/** A built-in's one published permission entry (catalog/role-permissions.data.ts). */
function published(role: RoleFact | undefined): Permission | undefined {
  const entries = role ? rolePermissions(role) : undefined
  return entries?.length === 1 ? entries[0] : undefined
}

const named = (name: string): Permission => {
  const entry = published(roleByName(name))
  if (!entry) throw new Error(`the catalog has no permissions for ${name}`)
  return entry
}

export const OWNER_PERMISSION: Permission = named('Owner')
export const CONTRIBUTOR_PERMISSION: Permission = named('Contributor')

/** A built-in role's permissions: the published list where the catalog has it, else approximated by provider and plane. */
function permissionOf(role: RoleFact): Permission {
  const known = published(role)
  if (known) return known
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
