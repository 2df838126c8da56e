import { changed, type Ctx, json, newGuid, noContent } from './context.ts'
import { tryLock } from './locks.ts'
import {
  armError,
  invalidRequestContent,
  methodNotAllowed,
  parentResourceNotFound,
} from './errors.ts'
import { genericResourceId, GUID, idKey } from './ids.ts'
import { startOperation } from './operations.ts'
import { pageOf } from './paging.ts'
import { jsonBody } from './request.ts'
import {
  deleteResourceTree,
  findResource,
  isAtOrBelow,
  renderResource,
  storeChild,
} from './resource-store.ts'
import type { Address } from './resources.ts'
import type { JsonObject, OperationRecord, ResourceRecord, SandboxResponse } from './types.ts'

export const SQL_ROLE_DEFINITIONS = 'microsoft.documentdb/databaseaccounts/sqlroledefinitions'
export const SQL_ROLE_ASSIGNMENTS = 'microsoft.documentdb/databaseaccounts/sqlroleassignments'
const ACCOUNT_TYPE = 'Microsoft.DocumentDB/databaseAccounts'

const BUILT_IN = [
  {
    guid: '00000000-0000-0000-0000-000000000001',
    roleName: 'Cosmos DB Built-in Data Reader',
    dataActions: [
      'Microsoft.DocumentDB/databaseAccounts/readMetadata',
      'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/executeQuery',
      'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/readChangeFeed',
      'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/items/read',
    ],
  },
  {
    guid: '00000000-0000-0000-0000-000000000002',
    roleName: 'Cosmos DB Built-in Data Contributor',
    dataActions: [
      'Microsoft.DocumentDB/databaseAccounts/readMetadata',
      'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/*',
      'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/items/*',
    ],
  },
] as const

function renderDefinition(account: ResourceRecord, d: (typeof BUILT_IN)[number]): JsonObject {
  return {
    id: `${account.id}/sqlRoleDefinitions/${d.guid}`,
    name: d.guid,
    type: 'Microsoft.DocumentDB/databaseAccounts/sqlRoleDefinitions',
    properties: {
      roleName: d.roleName,
      type: 'BuiltInRole',
      assignableScopes: [account.id],
      permissions: [{ dataActions: [...d.dataActions], notDataActions: [] }],
    },
  }
}

/** 202 + Azure-AsyncOperation and Location, as the Cosmos DB provider answers writes. */
function accepted(
  ctx: Ctx,
  account: ResourceRecord,
  error?: OperationRecord['error'],
): SandboxResponse {
  const op = startOperation(ctx, undefined, error)
  const base = `${ctx.origin}/subscriptions/${account.subscriptionId}/providers/Microsoft.DocumentDB/locations/${account.location ?? 'westeurope'}`
  const v = ctx.request.query.get('api-version') ?? ''
  return {
    status: 202,
    headers: {
      'azure-asyncoperation': `${base}/operationsStatus/${op}?api-version=${v}`,
      location: `${base}/operationResults/${op}?api-version=${v}`,
    },
  }
}

const bad = (message: string) => armError(400, 'BadRequest', message)

/** Data roles can be scoped to the account, one database, or one container: nothing else. */
function validScope(scope: string, accountId: string): boolean {
  if (!isAtOrBelow(scope, accountId)) return false
  const rest = scope.slice(accountId.length).replace(/\/+$/, '')
  return rest === '' || /^\/dbs\/[^/]+(\/colls\/[^/]+)?$/i.test(rest)
}

/**
 * Cosmos DB takes an exclusive lock on the account for every data-role write, for as long as its
 * asynchronous operation runs; a write meeting it is refused with the provider's 412.
 */
function locked(ctx: Ctx, account: ResourceRecord): SandboxResponse | undefined {
  if (tryLock(ctx, account.id, ctx.settings.faults.operations.durationMs)) return undefined
  return armError(
    412,
    'PreconditionFailed',
    `There is another user operation in progress which requires an exclusive lock on [${account.name}]. Please retry after sometime.\r\nActivityId: ${newGuid(ctx)}, Microsoft.Azure.Documents.Common/2.14.0`,
  )
}

function putAssignment(ctx: Ctx, account: ResourceRecord, name: string): SandboxResponse {
  if (!GUID.test(name)) return bad(`The role assignment id '${name}' must be a GUID.`)
  const body = jsonBody(ctx.request)
  if (!body.ok) return invalidRequestContent(body.error)
  const p = body.value.properties
  const props: JsonObject = p && typeof p === 'object' && !Array.isArray(p) ? p : {}
  const { roleDefinitionId, scope, principalId } = props
  const definition = BUILT_IN.find(
    (d) =>
      typeof roleDefinitionId === 'string' &&
      idKey(roleDefinitionId) === idKey(`${account.id}/sqlRoleDefinitions/${d.guid}`),
  )
  if (!definition)
    return bad(
      `The provided role definition id '${String(roleDefinitionId)}' does not exist in account '${account.name}'.`,
    )
  if (typeof scope !== 'string' || !validScope(scope, account.id))
    return bad(
      `The provided scope '${String(scope)}' is not valid. Scopes must be the account, '/dbs/{database}' or '/dbs/{database}/colls/{container}' under it.`,
    )
  if (typeof principalId !== 'string' || !GUID.test(principalId))
    return bad(`The provided principal id '${String(principalId)}' is not a valid GUID.`)
  const lock = locked(ctx, account)
  if (lock) return lock
  // Cosmos DB looks the principal up in Microsoft Entra ID (it takes no principal type to skip
  // that): one made moments ago is not found yet, and the accepted write fails
  // (pulumi/pulumi-azure-native#2816; later runs succeed).
  const known = ctx.state.principals[principalId.toLowerCase()]
  if (known && ctx.now - known.createdAt < ctx.settings.entraLookupMs)
    return accepted(ctx, account, {
      status: 400,
      code: 'BadRequest',
      message: `The provided principal ID [${principalId}] was not found in the AAD tenant(s) [${ctx.state.tenantId}] which are associated with the customer's subscription.\r\nActivityId: ${newGuid(ctx)}, Microsoft.Azure.Documents.Common/2.14.0`,
    })
  storeChild(ctx.state, account, 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments', name, {
    roleDefinitionId: `${account.id}/sqlRoleDefinitions/${definition.guid}`,
    scope,
    principalId,
  })
  changed(ctx)
  return accepted(ctx, account)
}

/**
 * Cosmos DB data-plane RBAC under an account: the two built-in `sqlRoleDefinitions` and
 * `sqlRoleAssignments` (PUT/DELETE asynchronous as in Azure; GET/LIST).
 */
export function cosmosRbac(ctx: Ctx, at: Address, collection: boolean): SandboxResponse {
  const [accountName = ''] = at.name.split('/')
  const account = findResource(
    ctx.state,
    genericResourceId(at.subscriptionId, at.resourceGroup, ACCOUNT_TYPE, accountName),
  )
  if (!account) return parentResourceNotFound(accountName)
  const leaf = at.name.split('/')[1] ?? ''
  const method = ctx.request.method
  if (at.type.toLowerCase() === SQL_ROLE_DEFINITIONS) {
    if (method !== 'GET') return methodNotAllowed(method)
    if (collection) return pageOf(ctx, [...BUILT_IN], (d) => renderDefinition(account, d))
    const d = BUILT_IN.find((x) => x.guid === leaf.toLowerCase())
    return d
      ? json(200, renderDefinition(account, d))
      : armError(404, 'NotFound', `Role definition '${leaf}' was not found.`)
  }
  if (collection) {
    if (method !== 'GET') return methodNotAllowed(method)
    const prefix = idKey(`${account.id}/sqlRoleAssignments/`)
    return pageOf(
      ctx,
      Object.values(ctx.state.resources).filter((r) => idKey(r.id).startsWith(prefix)),
      renderResource,
    )
  }
  const existing = findResource(ctx.state, at.id)
  switch (method) {
    case 'PUT':
      return putAssignment(ctx, account, leaf)
    case 'GET':
      return existing
        ? json(200, renderResource(existing))
        : armError(404, 'NotFound', `Role assignment '${leaf}' was not found.`)
    case 'DELETE':
      if (!existing) return noContent(204)
      {
        const lock = locked(ctx, account)
        if (lock) return lock
      }
      deleteResourceTree(ctx, existing)
      return accepted(ctx, account)
    default:
      return methodNotAllowed(method)
  }
}
