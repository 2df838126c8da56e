import { genericResourceId, idKey, resourceGroupId, subscriptionId } from './ids.ts'
import { normaliseLocation } from './resource-store.ts'
import {
  canonicalType,
  defaultProperties,
  hasProvisioningState,
  withComputedProperties,
} from './resource-types.ts'
import { SANDBOX_LOCATION, SANDBOX_RESOURCE_GROUP, SANDBOX_SUBSCRIPTION_ID } from './seed.ts'
import type { JsonObject, PrincipalType, SandboxState } from './types.ts'

/** What an admin (a test, the web app's settings) may add to the world without ARM calls. */
export interface WorldAdditions {
  /** Other tenants the account is in: listed by GET /tenants beside the sandbox's own. */
  readonly tenants?: readonly {
    readonly tenantId: string
    readonly displayName?: string
    readonly defaultDomain?: string
  }[]
  readonly subscriptions?: readonly {
    readonly subscriptionId: string
    readonly displayName?: string
    /** Another tenant's subscription: listed and reached only with a token for that tenant. */
    readonly tenantId?: string
  }[]
  /** Principals that exist in the directory already (a developer's user or group). */
  readonly principals?: readonly { readonly id: string; readonly type: PrincipalType }[]
  readonly resourceGroups?: readonly {
    readonly name: string
    readonly location?: string
    readonly subscriptionId?: string
  }[]
  readonly resources?: readonly {
    readonly type: string
    readonly name: string
    readonly resourceGroup?: string
    readonly subscriptionId?: string
    readonly location?: string
    readonly kind?: string
    readonly properties?: JsonObject
  }[]
}

/** Adds to the world in place; principals count as created at `principalsCreatedAt` (visible). */
export function addToWorld(
  state: SandboxState,
  add: WorldAdditions,
  principalsCreatedAt: number,
): void {
  for (const t of add.tenants ?? [])
    (state.tenants ??= {})[t.tenantId.toLowerCase()] = {
      tenantId: t.tenantId,
      displayName: t.displayName ?? t.tenantId,
      defaultDomain: t.defaultDomain ?? `${t.tenantId}.onmicrosoft.com`,
    }
  for (const s of add.subscriptions ?? [])
    state.subscriptions[idKey(subscriptionId(s.subscriptionId))] = {
      subscriptionId: s.subscriptionId,
      displayName: s.displayName ?? s.subscriptionId,
      ...(s.tenantId ? { tenantId: s.tenantId.toLowerCase() } : {}),
    }
  for (const p of add.principals ?? [])
    state.principals[p.id.toLowerCase()] = {
      id: p.id.toLowerCase(),
      type: p.type,
      createdAt: principalsCreatedAt,
    }
  for (const g of add.resourceGroups ?? []) {
    const sub = g.subscriptionId ?? SANDBOX_SUBSCRIPTION_ID
    state.resourceGroups[idKey(resourceGroupId(sub, g.name))] = {
      subscriptionId: sub,
      name: g.name,
      location: normaliseLocation(g.location ?? SANDBOX_LOCATION),
    }
  }
  for (const r of add.resources ?? []) {
    const sub = r.subscriptionId ?? SANDBOX_SUBSCRIPTION_ID
    const group = r.resourceGroup ?? SANDBOX_RESOURCE_GROUP
    const type = canonicalType(r.type, state.resources)
    // A resource in a group the world lacks brings its group along.
    const groupKey = idKey(resourceGroupId(sub, group))
    state.resourceGroups[groupKey] ??= {
      subscriptionId: sub,
      name: group,
      location: SANDBOX_LOCATION,
    }
    const groupLocation = state.resourceGroups[groupKey]?.location
    const id = genericResourceId(sub, group, type, r.name)
    const location = normaliseLocation(r.location ?? groupLocation ?? SANDBOX_LOCATION)
    state.resources[idKey(id)] = {
      id,
      subscriptionId: sub,
      resourceGroup: group,
      type,
      name: r.name,
      tracked: true,
      location,
      ...(r.kind ? { kind: r.kind } : {}),
      properties: withComputedProperties(
        type,
        { id, location, tenantId: state.tenantId },
        {
          ...defaultProperties(type, state.tenantId),
          ...r.properties,
          ...(hasProvisioningState(type) ? { provisioningState: 'Succeeded' } : {}),
        },
      ),
      extra: {},
    }
  }
  state.counters.revision++
}
