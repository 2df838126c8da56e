import { type Ctx } from './context.ts'
import { armError, parentResourceNotFound, resourceGroupNotFound } from './errors.ts'
import { genericResourceId, idKey } from './ids.ts'
import { type FilterClause, parseFilter } from './odata-filter.ts'
import { pageOf } from './paging.ts'
import { queryParam } from './request.ts'
import { findGroup, findResource, renderListItem, renderResource } from './resource-store.ts'
import { addressOf } from './resources.ts'
import type { ResourceRecord, SandboxResponse } from './types.ts'

function matches(r: ResourceRecord, clause: FilterClause): boolean {
  if (clause.kind !== 'eq') return false
  if (clause.field === 'resourcetype') return r.type.toLowerCase() === clause.value.toLowerCase()
  if (clause.field === 'name') return r.name.toLowerCase() === clause.value.toLowerCase()
  return false
}

const SUPPORTED = new Set(['resourcetype', 'name'])

/**
 * `GET …/resources` at a subscription or group: tracked resources only, with full names and no
 * properties, `$filter` by `resourceType eq '…'` and/or `name eq '…'`.
 */
export function listResources(ctx: Ctx, sub: string, group: string | undefined): SandboxResponse {
  const rg = group === undefined ? undefined : findGroup(ctx.state, sub, group)
  if (group !== undefined && !rg) return resourceGroupNotFound(group)
  const filterText = queryParam(ctx.request.query, '$filter')
  const clauses = filterText ? parseFilter(filterText) : []
  if (!clauses || clauses.some((c) => c.kind !== 'eq' || !SUPPORTED.has(c.field)))
    return armError(
      400,
      'InvalidFilterInQueryString',
      `The $filter '${filterText ?? ''}' is not supported.`,
    )
  const items = Object.values(ctx.state.resources).filter(
    (r) =>
      r.tracked &&
      r.subscriptionId.toLowerCase() === sub.toLowerCase() &&
      (!rg || r.resourceGroup.toLowerCase() === rg.name.toLowerCase()) &&
      clauses.every((c) => matches(r, c)),
  )
  return pageOf(ctx, items, renderListItem)
}

/**
 * `GET …/providers/{ns}/{type}[/{name}/{child}]`: the resources of one type in a group (or in the
 * subscription for a top-level type), as full GET answers.
 */
export function listCollection(
  ctx: Ctx,
  sub: string,
  group: string | undefined,
  segs: readonly string[],
): SandboxResponse {
  if (group !== undefined && !findGroup(ctx.state, sub, group)) return resourceGroupNotFound(group)
  // Address the collection as an instance with an empty last name, then drop it.
  const at = addressOf(ctx, sub, group ?? '', [...segs, ''])
  const parentNames = at.name.split('/').slice(0, -1)
  if (group !== undefined && parentNames.length > 0) {
    const parentType = at.type.split('/').slice(0, -1).join('/')
    const parentId = genericResourceId(sub, at.resourceGroup, parentType, parentNames.join('/'))
    if (!findResource(ctx.state, parentId)) return parentResourceNotFound(parentNames.join('/'))
  }
  const prefix = parentNames.join('/').toLowerCase()
  const items = Object.values(ctx.state.resources).filter((r) => {
    if (r.type.toLowerCase() !== at.type.toLowerCase()) return false
    if (idKey(`/subscriptions/${r.subscriptionId}`) !== idKey(`/subscriptions/${sub}`)) return false
    if (group !== undefined && r.resourceGroup.toLowerCase() !== group.toLowerCase()) return false
    const names = r.name.split('/')
    return names.slice(0, -1).join('/').toLowerCase() === prefix
  })
  return pageOf(ctx, items, renderResource)
}
