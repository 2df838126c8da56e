import { HOSTING } from '../../catalog/hosting.ts'
import { SERVICES } from '../../catalog/services.ts'
import type { Design } from '../../model/types.ts'
import { TEMPLATES } from '../../templates/index.ts'
import { genericResourceId, idKey, parentOf, resourceGroupId, subscriptionId } from './ids.ts'
import { initialStreams } from './prng.ts'
import { defaultProperties, hasProvisioningState } from './resource-types.ts'
import type { ResourceRecord, SandboxState } from './types.ts'

export const SANDBOX_SUBSCRIPTION_ID = '11111111-1111-1111-1111-111111111111'
export const SANDBOX_TENANT_ID = '22222222-2222-2222-2222-222222222222'
export const SANDBOX_RESOURCE_GROUP = 'sandbox-rg'
export const SANDBOX_LOCATION = 'westeurope'
export const DEFAULT_SEED = 1

interface SeedResource {
  readonly type: string
  readonly name: string
  readonly kind?: string
}

/** App Service and Function apps are both `Microsoft.Web/sites`, told apart by `kind`. */
const KIND: Readonly<Record<string, string>> = { appService: 'app', functionApp: 'functionapp' }

/**
 * Every app and service node of the built-in templates (or of those given), with parents (a SQL
 * database's server), and the kind that says which service a shared type is (Azure OpenAI's
 * `OpenAI`).
 */
export function templateResources(
  templates: readonly { readonly design: Design }[] = TEMPLATES,
): SeedResource[] {
  const out = new Map<string, SeedResource>()
  const add = (r: SeedResource): void => {
    const parent = parentOf(r.type, r.name)
    if (parent) add(parent)
    const key = `${r.type}|${r.name}`.toLowerCase()
    if (!out.has(key)) out.set(key, r)
  }
  for (const template of templates)
    for (const node of template.design.nodes) {
      if (node.kind === 'app') {
        const kind = KIND[node.hosting]
        add({ type: HOSTING[node.hosting].armType, name: node.name, ...(kind ? { kind } : {}) })
      } else if (node.kind === 'service') {
        const kind = SERVICES[node.service].armKinds?.[0]
        add({ type: SERVICES[node.service].armType, name: node.name, ...(kind ? { kind } : {}) })
      }
    }
  // A name with the wrong number of parts for its type has no place in an ARM id.
  return [...out.values()].filter((r) => r.name.split('/').length === r.type.split('/').length - 1)
}

function record(r: SeedResource): ResourceRecord {
  const sub = SANDBOX_SUBSCRIPTION_ID
  return {
    id: genericResourceId(sub, SANDBOX_RESOURCE_GROUP, r.type, r.name),
    subscriptionId: sub,
    resourceGroup: SANDBOX_RESOURCE_GROUP,
    type: r.type,
    name: r.name,
    tracked: true,
    location: SANDBOX_LOCATION,
    ...(r.kind ? { kind: r.kind } : {}),
    properties: {
      ...defaultProperties(r.type, SANDBOX_TENANT_ID),
      ...(hasProvisioningState(r.type) ? { provisioningState: 'Succeeded' } : {}),
    },
    extra: {},
  }
}

/** The world a sandbox starts from: one subscription, `sandbox-rg` and the templates' resources. */
export function seedState(seed: number = DEFAULT_SEED): SandboxState {
  const sub = SANDBOX_SUBSCRIPTION_ID
  const resources = templateResources().map(record)
  return {
    format: 'arm-sandbox',
    version: 1,
    tenantId: SANDBOX_TENANT_ID,
    prng: initialStreams(seed),
    counters: { requests: 0, revision: 0 },
    clockOffsetMs: 0,
    subscriptions: {
      [idKey(subscriptionId(sub))]: { subscriptionId: sub, displayName: 'Sandbox subscription' },
    },
    resourceGroups: {
      [idKey(resourceGroupId(sub, SANDBOX_RESOURCE_GROUP))]: {
        subscriptionId: sub,
        name: SANDBOX_RESOURCE_GROUP,
        location: SANDBOX_LOCATION,
      },
    },
    resources: Object.fromEntries(resources.map((r) => [idKey(r.id), r])),
    principals: {},
    roleAssignments: {},
    operations: {},
    buckets: {},
  }
}
