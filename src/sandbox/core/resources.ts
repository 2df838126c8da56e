import { IDENTITY_NAME_RULE, isIdentityName } from '../../model/azure-formats.ts'
import { commitUpdate, updateInProgress } from './async-updates.ts'
import { changed, type Ctx, json, noContent } from './context.ts'
import { tryLock } from './locks.ts'
import { siteBusy } from './site-busy.ts'
import {
  armError,
  invalidRequestContent,
  locationRequired,
  methodNotAllowed,
  parentResourceNotFound,
  resourceGroupNotFound,
  resourceNotFound,
} from './errors.ts'
import { nextIdentity } from './identity-property.ts'
import { genericResourceId, idKey, parentOf } from './ids.ts'
import { identityProperties } from './identities.ts'
import { jsonBody } from './request.ts'
import {
  deleteResourceTree,
  findGroup,
  findResource,
  normaliseLocation,
  renderResource,
} from './resource-store.ts'
import {
  canonicalType,
  hasProvisioningState,
  isIdentityType,
  patchTakesTagsOnly,
  withComputedProperties,
  workflowProblem,
} from './resource-types.ts'
import { mergePatch } from './merge-patch.ts'
import type { JsonObject, ResourceRecord, SandboxResponse } from './types.ts'

/** A resource's address in a group: the type and name as requested, and its id. */
export interface Address {
  readonly subscriptionId: string
  readonly resourceGroup: string
  readonly type: string
  readonly name: string
  readonly id: string
}

/** `[ns, t1, n1, t2, n2]` (the segments after `providers`) → type `ns/t1/t2`, name `n1/n2`. */
export function addressOf(ctx: Ctx, sub: string, group: string, segs: readonly string[]): Address {
  const [namespace = '', ...rest] = segs
  const types = rest.filter((_, i) => i % 2 === 0)
  const names = rest.filter((_, i) => i % 2 === 1)
  const type = canonicalType([namespace, ...types].join('/'), ctx.state.resources)
  const resourceGroup = findGroup(ctx.state, sub, group)?.name ?? group
  const name = names.join('/')
  const generic = genericResourceId(sub, resourceGroup, type, name)
  // Managed Identity writes `resourcegroups` in lower case in its ids, as live ARM shows.
  const id = isIdentityType(type)
    ? generic.replace('/resourceGroups/', '/resourcegroups/')
    : generic
  return { subscriptionId: sub, resourceGroup, type, name, id }
}

const SHAPE_FIELDS = new Set([
  'id',
  'name',
  'type',
  'location',
  'kind',
  'tags',
  'properties',
  'identity',
])

function objectOr(value: unknown, fallback: JsonObject): JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as JsonObject)
    : fallback
}

export function putResource(ctx: Ctx, at: Address): SandboxResponse {
  if (!findGroup(ctx.state, at.subscriptionId, at.resourceGroup))
    return resourceGroupNotFound(at.resourceGroup)
  const body = jsonBody(ctx.request)
  if (!body.ok) return invalidRequestContent(body.error)
  const parent = parentOf(at.type, at.name)
  if (
    parent &&
    !findResource(
      ctx.state,
      genericResourceId(at.subscriptionId, at.resourceGroup, parent.type, parent.name),
    )
  )
    return parentResourceNotFound(parent.name)
  const location =
    typeof body.value.location === 'string' ? normaliseLocation(body.value.location) : undefined
  if (!parent && location === undefined) return locationRequired()

  const existing = findResource(ctx.state, at.id)
  if (!existing && isIdentityType(at.type) && !isIdentityName(at.name))
    return armError(
      400,
      'InvalidResourceName',
      `Resource name '${at.name}' is invalid: ${IDENTITY_NAME_RULE}.`,
    )
  const busy = existing && updateInProgress(ctx, existing)
  if (busy) return busy
  const identity = nextIdentity(ctx, at, existing?.identity, body.value.identity, 'put')
  if (!identity.ok) return identity.error
  const requested = objectOr(body.value.properties, {})
  const invalid = workflowProblem(at.type, requested)
  if (invalid) return armError(400, 'InvalidTemplate', invalid)
  const properties: JsonObject =
    identityProperties(ctx, at.type, existing) ??
    withComputedProperties(
      at.type,
      { id: at.id, location: location ?? existing?.location ?? '', tenantId: ctx.state.tenantId },
      { ...requested },
    )
  if (hasProvisioningState(at.type)) properties.provisioningState = 'Succeeded'
  const extra = Object.fromEntries(Object.entries(body.value).filter(([k]) => !SHAPE_FIELDS.has(k)))
  const record: ResourceRecord = {
    id: existing?.id ?? at.id,
    subscriptionId: at.subscriptionId,
    resourceGroup: at.resourceGroup,
    type: at.type,
    name: existing?.name ?? at.name,
    tracked: location !== undefined,
    ...(location !== undefined ? { location } : {}),
    ...(typeof body.value.kind === 'string' ? { kind: body.value.kind } : {}),
    ...(body.value.tags !== undefined ? { tags: objectOr(body.value.tags, {}) } : {}),
    properties,
    extra,
    ...(identity.value ? { identity: identity.value } : {}),
  }
  ctx.state.resources[idKey(at.id)] = record
  changed(ctx)
  return json(existing ? 200 : 201, renderResource(record))
}

export function patchResource(ctx: Ctx, at: Address): SandboxResponse {
  const existing = findResource(ctx.state, at.id)
  if (!existing) return resourceNotFound(at.type, at.name, at.resourceGroup)
  const body = jsonBody(ctx.request)
  if (!body.ok) return invalidRequestContent(body.error)
  const busy = updateInProgress(ctx, existing)
  if (busy) return busy
  if (patchTakesTagsOnly(existing.type)) {
    // ContainerGroups_Update and Workflows_Update change tags only: the rest of the body,
    // identity included, is ignored, and the answer is 200 all the same.
    if (body.value.tags !== undefined) existing.tags = objectOr(body.value.tags, {})
    changed(ctx)
    return json(200, renderResource(existing))
  }
  const identity = nextIdentity(ctx, existing, existing.identity, body.value.identity, 'patch')
  if (!identity.ok) return identity.error
  const next: ResourceRecord = structuredClone(existing)
  const { properties, tags, kind } = body.value
  if (properties !== undefined && !isIdentityType(existing.type))
    next.properties = objectOr(mergePatch(existing.properties, properties), {})
  // PATCH replaces the whole tag set, as ARM does.
  if (tags !== undefined) next.tags = objectOr(tags, {})
  if (typeof kind === 'string') next.kind = kind
  for (const [k, v] of Object.entries(body.value))
    if (!SHAPE_FIELDS.has(k)) next.extra = objectOr(mergePatch(next.extra, { [k]: v }), {})
  if (identity.value) next.identity = identity.value
  else delete next.identity
  return commitUpdate(ctx, existing, next)
}

export function getResource(ctx: Ctx, at: Address): SandboxResponse {
  if (!findGroup(ctx.state, at.subscriptionId, at.resourceGroup))
    return resourceGroupNotFound(at.resourceGroup)
  const existing = findResource(ctx.state, at.id)
  if (!existing) return resourceNotFound(at.type, at.name, at.resourceGroup)
  return json(200, renderResource(existing))
}

export function deleteResource(ctx: Ctx, at: Address): SandboxResponse {
  if (!findGroup(ctx.state, at.subscriptionId, at.resourceGroup))
    return resourceGroupNotFound(at.resourceGroup)
  const existing = findResource(ctx.state, at.id)
  if (!existing) return noContent(204)
  // An update still running dies with its resource.
  delete ctx.state.deferred?.[idKey(existing.id)]
  deleteResourceTree(ctx, existing)
  return noContent(200)
}

const FEDERATED = 'microsoft.managedidentity/userassignedidentities/federatedidentitycredentials'

/**
 * Managed Identity writes one federated credential of an identity at a time: a write that meets
 * another one in flight under the same identity gets 409; a write holds the identity while it
 * runs (the answer comes once it is done).
 */
function federatedCredentialWrite(ctx: Ctx, at: Address): SandboxResponse | undefined {
  if (at.type.toLowerCase() !== FEDERATED || !['PUT', 'DELETE'].includes(ctx.request.method))
    return undefined
  const identity = at.id.slice(0, at.id.toLowerCase().lastIndexOf('/federatedidentitycredentials/'))
  const hold = ctx.settings.faults.locks.federatedCredentialMs
  if (!tryLock(ctx, identity, hold))
    return armError(
      409,
      'ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity',
      `Too many Federated Identity Credentials are written concurrently for the managed identity '${identity.toLowerCase()}'. Concurrent Federated Identity Credentials writes under the same managed identity are not supported.`,
    )
  const answer = ctx.request.method === 'PUT' ? putResource(ctx, at) : deleteResource(ctx, at)
  return ctx.settings.faults.locks.enabled ? { ...answer, holdMs: hold } : answer
}

/** One resource instance, by method. */
export function resourceInstance(ctx: Ctx, at: Address): SandboxResponse {
  const federated = federatedCredentialWrite(ctx, at)
  if (federated) return federated
  const writesSite =
    at.type.toLowerCase() === 'microsoft.web/sites' &&
    ['PUT', 'PATCH'].includes(ctx.request.method) &&
    findResource(ctx.state, at.id) !== undefined
  const busy = writesSite ? siteBusy(ctx, at.id) : undefined
  if (busy) return busy
  switch (ctx.request.method) {
    case 'PUT':
      return putResource(ctx, at)
    case 'PATCH':
      return patchResource(ctx, at)
    case 'GET':
      return getResource(ctx, at)
    case 'DELETE':
      return deleteResource(ctx, at)
    default:
      return methodNotAllowed(ctx.request.method)
  }
}
