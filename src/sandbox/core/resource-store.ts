import { changed, type Ctx } from './context.ts'
import { dropSystemIdentity, renderIdentity } from './identity-property.ts'
import { idKey, leafName } from './ids.ts'
import { deletePrincipal } from './principals.ts'
import { isIdentityType, readableProperties } from './resource-types.ts'
import type { JsonObject, ResourceGroupRecord, ResourceRecord, SandboxState } from './types.ts'

export const findResource = (state: SandboxState, id: string): ResourceRecord | undefined =>
  state.resources[idKey(id)]

export const findGroup = (
  state: SandboxState,
  sub: string,
  name: string,
): ResourceGroupRecord | undefined =>
  state.resourceGroups[idKey(`/subscriptions/${sub}/resourceGroups/${name}`)]

/** `{scope}` is at or below `ancestor` (both ids, compared without case). */
export function isAtOrBelow(scope: string, ancestor: string): boolean {
  const s = idKey(scope)
  const a = idKey(ancestor)
  return s === a || s.startsWith(`${a}/`)
}

/**
 * Deletes a resource with everything below it: child resources, role assignments at those scopes,
 * and the service principals of the identities that go with them.
 */
export function deleteResourceTree(ctx: Ctx, record: ResourceRecord): void {
  for (const [key, r] of Object.entries(ctx.state.resources)) {
    if (!isAtOrBelow(r.id, record.id)) continue
    dropSystemIdentity(ctx, r.identity)
    const principalId = r.properties.principalId
    if (isIdentityType(r.type) && typeof principalId === 'string') deletePrincipal(ctx, principalId)
    delete ctx.state.resources[key]
  }
  for (const [key, a] of Object.entries(ctx.state.roleAssignments))
    if (isAtOrBelow(a.scope, record.id)) delete ctx.state.roleAssignments[key]
  changed(ctx)
}

/** A resource as its provider answers a GET: the leaf name, the provider's type spelling. */
export function renderResource(r: ResourceRecord): JsonObject {
  const identity = renderIdentity(r.type, r.identity)
  return {
    id: r.id,
    name: leafName(r.name),
    type: r.type,
    ...(r.kind !== undefined ? { kind: r.kind } : {}),
    ...(r.location !== undefined ? { location: r.location } : {}),
    ...(r.tags !== undefined ? { tags: r.tags } : {}),
    ...r.extra,
    ...(identity ? { identity } : {}),
    properties: readableProperties(r.type, r.properties),
  }
}

/** A resource as the generic `/resources` list shows it: full name, no properties. */
export function renderListItem(r: ResourceRecord): JsonObject {
  const identity = renderIdentity(r.type, r.identity)
  const sku = r.extra.sku
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    ...(sku !== undefined ? { sku } : {}),
    ...(r.kind !== undefined ? { kind: r.kind } : {}),
    ...(r.location !== undefined ? { location: r.location } : {}),
    ...(r.tags !== undefined ? { tags: r.tags } : {}),
    ...(identity ? { identity } : {}),
  }
}

/** Stores a child resource without a location (settings, data-plane assignments) under its parent. */
export function storeChild(
  state: SandboxState,
  parent: ResourceRecord,
  type: string,
  leaf: string,
  properties: JsonObject,
): ResourceRecord {
  const record: ResourceRecord = {
    id: `${parent.id}/${type.split('/').pop() ?? ''}/${leaf}`,
    subscriptionId: parent.subscriptionId,
    resourceGroup: parent.resourceGroup,
    type,
    name: `${parent.name}/${leaf}`,
    tracked: false,
    properties,
    extra: {},
  }
  state.resources[idKey(record.id)] = record
  return record
}

/** ARM stores regions in their short form: `West Europe` → `westeurope`. */
export const normaliseLocation = (location: string): string =>
  location.replace(/\s+/g, '').toLowerCase()
