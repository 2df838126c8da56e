import type { ParsedRequest } from './request.ts'

/**
 * What ARM's front door checks before a request reaches the provider: the operation it is (an
 * action string as role definitions list them) and the scope it acts on (the request's own path,
 * so inherited assignments above it count), or a list whose items are filtered to those the caller
 * may read. Action names follow the provider operations ARM reports in its AuthorizationFailed
 * messages (`Microsoft.Resources/subscriptions/resourcegroups/write`, `Microsoft.Web/sites/config/list/action`).
 */
export type Requirement =
  /** Open to any signed-in caller: its own permissions, operation status. */
  | { readonly kind: 'open' }
  | { readonly kind: 'action'; readonly action: string; readonly scope: string }
  /** A list: keep the items the caller may read; `scope` for subscriptions is membership. */
  | { readonly kind: 'filter'; readonly items: 'subscriptions' | 'resourceGroups' | 'resources' }

const RESOURCE_GROUPS = 'Microsoft.Resources/subscriptions/resourcegroups'
const VERB: Readonly<Record<string, string>> = {
  GET: 'read',
  HEAD: 'read',
  PUT: 'write',
  PATCH: 'write',
  DELETE: 'delete',
}

const path = (segs: readonly string[]): string => `/${segs.join('/')}`

export function requirementOf(request: ParsedRequest): Requirement {
  const segs = request.segments
  const lower = segs.map((s) => s.toLowerCase())
  const verb = VERB[request.method] ?? 'action'
  const authz = lastAuthorizationProvider(lower)
  if (authz >= 0) {
    const collection = lower[authz + 2] ?? ''
    if (collection === 'permissions') return { kind: 'open' }
    const type = collection === 'roledefinitions' ? 'roleDefinitions' : 'roleAssignments'
    return { kind: 'action', action: `Microsoft.Authorization/${type}/${verb}`, scope: path(segs) }
  }
  if (lower[0] !== 'subscriptions') return { kind: 'open' }
  if (segs.length === 1) return { kind: 'filter', items: 'subscriptions' }
  if (segs.length === 2)
    return { kind: 'action', action: 'Microsoft.Resources/subscriptions/read', scope: path(segs) }
  if (lower[2] === 'operationresults' || (lower[2] === 'providers' && lower[4] === 'locations'))
    return { kind: 'open' }
  if (lower[2] === 'resources' || (lower[2] === 'providers' && segs.length === 5))
    return { kind: 'filter', items: 'resources' }
  if (lower[2] !== 'resourcegroups') return { kind: 'open' }
  if (segs.length === 3) return { kind: 'filter', items: 'resourceGroups' }
  if (segs.length === 4)
    return { kind: 'action', action: `${RESOURCE_GROUPS}/${verb}`, scope: path(segs) }
  if (lower[4] === 'resources')
    return { kind: 'action', action: `${RESOURCE_GROUPS}/resources/read`, scope: path(segs) }
  return providerRequirement(request, segs.slice(0, 4), segs.slice(5))
}

/** `…/providers/{ns}/{type}/{name}/{type}/{name}…[/{action}]` inside a group. */
function providerRequirement(
  request: ParsedRequest,
  group: readonly string[],
  typed: readonly string[],
): Requirement {
  const [namespace = '', ...rest] = typed
  const types = rest.filter((_, i) => i % 2 === 0)
  const isCollection = rest.length % 2 === 1
  const isAction = request.method === 'POST' && isCollection && rest.length >= 3
  const typeNames = isAction ? types.slice(0, -1) : types
  const verb = isAction
    ? `${types[types.length - 1] ?? ''}/action`
    : (VERB[request.method] ?? 'action')
  const resource = isAction ? typed.slice(0, -1) : typed
  return {
    kind: 'action',
    action: [namespace, ...typeNames, verb].join('/'),
    scope: path([...group, 'providers', ...resource]),
  }
}

function lastAuthorizationProvider(lower: readonly string[]): number {
  for (let i = lower.length - 2; i >= 0; i--)
    if (lower[i] === 'providers' && lower[i + 1] === 'microsoft.authorization') return i
  return -1
}
