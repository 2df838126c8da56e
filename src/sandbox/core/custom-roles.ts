import { changed, type Ctx, json, nowIso } from './context.ts'
import { armError, invalidRequestContent, methodNotAllowed } from './errors.ts'
import { GUID } from './ids.ts'
import { jsonBody } from './request.ts'
import type { Scope } from './scopes.ts'
import type { CustomRoleRecord, JsonObject, SandboxResponse } from './types.ts'

/**
 * Custom role definitions, as ARM keeps them (RoleDefinitions_CreateOrUpdate / Get / Delete,
 * api-version 2022-04-01, examples PutRoleDefinition.json): `PUT {scope}/providers/
 * Microsoft.Authorization/roleDefinitions/{GUID}` with `properties.roleName`, `permissions` and
 * `assignableScopes` (never `/`: custom roles are assignable in subscriptions and below here);
 * names are unique (409 `RoleDefinitionWithSameNameExists`); `properties.type` is `CustomRole`.
 */
export const customRole = (ctx: Ctx, guid: string): CustomRoleRecord | undefined =>
  ctx.state.roleDefinitions?.[guid.toLowerCase()]

export const allCustomRoles = (ctx: Ctx): CustomRoleRecord[] =>
  Object.values(ctx.state.roleDefinitions ?? {})

export function renderCustomRole(
  subscriptionId: string | undefined,
  role: CustomRoleRecord,
): JsonObject {
  return {
    properties: {
      roleName: role.roleName,
      type: 'CustomRole',
      description: role.description,
      assignableScopes: [...role.assignableScopes],
      permissions: role.permissions.map((p) => ({
        actions: [...p.actions],
        notActions: [...p.notActions],
        dataActions: [...p.dataActions],
        notDataActions: [...p.notDataActions],
      })),
      createdOn: role.createdOn,
      updatedOn: role.updatedOn,
      createdBy: null,
      updatedBy: null,
    },
    id: `${subscriptionId ? `/subscriptions/${subscriptionId}` : ''}/providers/Microsoft.Authorization/roleDefinitions/${role.guid}`,
    type: 'Microsoft.Authorization/roleDefinitions',
    name: role.guid,
  }
}

/** PUT, GET or DELETE of a custom role; undefined when the GUID names none (built-ins answer). */
export function customRoleRequest(
  ctx: Ctx,
  scope: Scope,
  guid: string,
): SandboxResponse | undefined {
  const method = ctx.request.method
  if (method === 'PUT') return put(ctx, scope, guid)
  const role = customRole(ctx, guid)
  if (!role) return undefined
  if (method === 'GET') return json(200, renderCustomRole(scope.subscriptionId, role))
  if (method === 'DELETE') {
    delete ctx.state.roleDefinitions?.[role.guid]
    changed(ctx)
    return json(200, renderCustomRole(scope.subscriptionId, role))
  }
  return methodNotAllowed(method)
}

const strings = (value: unknown): string[] | undefined =>
  value === undefined
    ? []
    : Array.isArray(value) && value.every((v) => typeof v === 'string')
      ? (value as string[])
      : undefined

function put(ctx: Ctx, scope: Scope, guid: string): SandboxResponse {
  if (!GUID.test(guid))
    return armError(
      400,
      'InvalidRoleDefinitionId',
      `The role definition ID '${guid}' is not a valid GUID.`,
    )
  const body = jsonBody(ctx.request)
  if (!body.ok) return invalidRequestContent(body.error)
  const props = body.value.properties
  if (!props || typeof props !== 'object' || Array.isArray(props))
    return invalidRequestContent(
      'properties with roleName, permissions and assignableScopes are required',
    )
  const { roleName, description, permissions, assignableScopes } = props
  if (typeof roleName !== 'string' || roleName.trim() === '')
    return invalidRequestContent('properties.roleName is required')
  const scopes = strings(assignableScopes)
  if (
    !scopes ||
    scopes.length === 0 ||
    scopes.some((s) => !s.toLowerCase().startsWith('/subscriptions/'))
  )
    return invalidRequestContent(
      'properties.assignableScopes must list subscriptions, groups or resources',
    )
  if (!Array.isArray(permissions) || permissions.length === 0)
    return invalidRequestContent('properties.permissions is required')
  const parsed = permissions.map((p) => {
    const entry = p && typeof p === 'object' && !Array.isArray(p) ? p : {}
    const lists = [entry.actions, entry.notActions, entry.dataActions, entry.notDataActions].map(
      strings,
    )
    return lists.every((l) => l !== undefined)
      ? {
          actions: lists[0]!,
          notActions: lists[1]!,
          dataActions: lists[2]!,
          notDataActions: lists[3]!,
        }
      : undefined
  })
  if (parsed.some((p) => p === undefined))
    return invalidRequestContent('each permission holds lists of action strings')
  const key = guid.toLowerCase()
  if (
    allCustomRoles(ctx).some(
      (r) => r.guid !== key && r.roleName.toLowerCase() === roleName.toLowerCase(),
    )
  )
    return armError(
      409,
      'RoleDefinitionWithSameNameExists',
      'A role definition cannot be updated with a name that already exists.',
    )
  const existing = customRole(ctx, key)
  const record: CustomRoleRecord = {
    guid: key,
    roleName,
    description: typeof description === 'string' ? description : '',
    assignableScopes: scopes,
    permissions: parsed as CustomRoleRecord['permissions'],
    createdOn: existing?.createdOn ?? nowIso(ctx),
    updatedOn: nowIso(ctx),
  }
  ctx.state.roleDefinitions = { ...ctx.state.roleDefinitions, [key]: record }
  changed(ctx)
  return json(existing ? 200 : 201, renderCustomRole(scope.subscriptionId, record))
}
