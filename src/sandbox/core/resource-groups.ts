import { changed, type Ctx, json } from './context.ts'
import {
  armError,
  invalidRequestContent,
  locationRequired,
  methodNotAllowed,
  resourceGroupNotFound,
} from './errors.ts'
import { idKey, resourceGroupId } from './ids.ts'
import { startOperation } from './operations.ts'
import { pageOf } from './paging.ts'
import { jsonBody } from './request.ts'
import { deleteResourceTree, findGroup, isAtOrBelow, normaliseLocation } from './resource-store.ts'
import type { JsonObject, ResourceGroupRecord, SandboxResponse } from './types.ts'

function render(g: ResourceGroupRecord): JsonObject {
  return {
    id: resourceGroupId(g.subscriptionId, g.name),
    name: g.name,
    type: 'Microsoft.Resources/resourceGroups',
    location: g.location,
    ...(g.tags ? { tags: g.tags } : {}),
    properties: { provisioningState: 'Succeeded' },
  }
}

export function listResourceGroups(ctx: Ctx, sub: string): SandboxResponse {
  const groups = Object.values(ctx.state.resourceGroups).filter(
    (g) => g.subscriptionId.toLowerCase() === sub.toLowerCase(),
  )
  return pageOf(ctx, groups, render)
}

function put(ctx: Ctx, sub: string, name: string): SandboxResponse {
  const body = jsonBody(ctx.request)
  if (!body.ok) return invalidRequestContent(body.error)
  const { location, tags } = body.value
  if (typeof location !== 'string') return locationRequired()
  const existing = findGroup(ctx.state, sub, name)
  if (existing && existing.location !== normaliseLocation(location))
    return armError(
      409,
      'InvalidResourceGroupLocation',
      `Invalid resource group location '${location}'. The Resource group already exists in location '${existing.location}'.`,
    )
  const tagObject = tags && typeof tags === 'object' && !Array.isArray(tags) ? tags : undefined
  const record: ResourceGroupRecord = {
    subscriptionId: existing?.subscriptionId ?? sub,
    name: existing?.name ?? name,
    location: normaliseLocation(location),
    ...(tagObject ? { tags: tagObject } : {}),
  }
  ctx.state.resourceGroups[idKey(resourceGroupId(sub, name))] = record
  changed(ctx)
  return json(existing ? 200 : 201, render(record))
}

/** PATCH updates tags (and managedBy); the location cannot change. */
function patch(ctx: Ctx, sub: string, name: string): SandboxResponse {
  const group = findGroup(ctx.state, sub, name)
  if (!group) return resourceGroupNotFound(name)
  const body = jsonBody(ctx.request)
  if (!body.ok) return invalidRequestContent(body.error)
  const { tags } = body.value
  if (tags && typeof tags === 'object' && !Array.isArray(tags)) group.tags = tags
  changed(ctx)
  return json(200, render(group))
}

/** ARM deletes a group asynchronously: 202 with a `Location` to poll. */
function remove(ctx: Ctx, sub: string, name: string): SandboxResponse {
  const group = findGroup(ctx.state, sub, name)
  if (!group) return resourceGroupNotFound(name)
  const id = resourceGroupId(group.subscriptionId, group.name)
  for (const r of Object.values(ctx.state.resources))
    if (isAtOrBelow(r.id, id)) deleteResourceTree(ctx, r)
  for (const [key, a] of Object.entries(ctx.state.roleAssignments))
    if (isAtOrBelow(a.scope, id)) delete ctx.state.roleAssignments[key]
  delete ctx.state.resourceGroups[idKey(id)]
  const op = startOperation(ctx)
  const apiVersion = ctx.request.query.get('api-version') ?? ''
  return {
    status: 202,
    headers: {
      location: `${ctx.origin}/subscriptions/${sub}/operationresults/${op}?api-version=${apiVersion}`,
    },
  }
}

export function resourceGroup(ctx: Ctx, sub: string, name: string): SandboxResponse {
  switch (ctx.request.method) {
    case 'PUT':
      return put(ctx, sub, name)
    case 'GET': {
      const group = findGroup(ctx.state, sub, name)
      return group ? json(200, render(group)) : resourceGroupNotFound(name)
    }
    case 'PATCH':
      return patch(ctx, sub, name)
    case 'DELETE':
      return remove(ctx, sub, name)
    default:
      return methodNotAllowed(ctx.request.method)
  }
}
