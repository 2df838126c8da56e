import { matchesHosting } from '../catalog/hosting.ts'
import { matchesService } from '../catalog/services.ts'
import type { LiveResource } from '../apply/gateway.ts'
import { IDENTITY_ARM_TYPE } from '../model/bindings.ts'
import { freshId } from '../model/ids.ts'
import { HOSTING_KINDS, SERVICE_KINDS, type HostingKind, type ServiceKind } from '../model/kinds.ts'
import type { AppNode, AttachEdge, IdentityNode, ServiceNode } from '../model/types.ts'
import { compareOrdinal } from '../lib/compare.ts'
import type { Estate } from './estate.ts'

/** The workload principals of an imported group: whose is each principal id. */
export interface Principals {
  /** System-assigned principal id → app node id. */
  readonly systemOf: ReadonlyMap<string, string>
  /** User-assigned identity principal id → identity node id. */
  readonly identityOf: ReadonlyMap<string, string>
  /** Identity node id → the app node ids attached to it, in node order. */
  readonly appsOf: ReadonlyMap<string, readonly string[]>
}

export interface ImportedNodes {
  readonly apps: AppNode[]
  readonly identities: IdentityNode[]
  readonly services: ServiceNode[]
  readonly attachEdges: AttachEdge[]
  readonly principals: Principals
  readonly taken: Set<string>
}

const byName = <T extends { name: string; id: string }>(a: T, b: T): number =>
  compareOrdinal(a.name.toLowerCase(), b.name.toLowerCase()) || compareOrdinal(a.id, b.id)

function hostingOf(r: LiveResource): HostingKind | undefined {
  return HOSTING_KINDS.find((h) => matchesHosting(h, r.type, r.kind))
}

/**
 * By type and, where the type holds several services, `kind`: a Cognitive Services account is
 * Azure OpenAI only as `OpenAI` or `AIServices`; a Speech or Language account is left out, as any
 * resource the catalog does not model is.
 */
function serviceOf(r: LiveResource): ServiceKind | undefined {
  return SERVICE_KINDS.find((s) => matchesService(s, r.type, r.kind))
}

/** The name an ARM id ends with. */
export const lastSegment = (id: string): string => id.split('/').filter(Boolean).pop() ?? id

/**
 * Apps, services and user-assigned identities of the group (and identities attached to its apps
 * from elsewhere), each carrying its resource id, in name order, with ids derived from names so
 * importing twice gives the same design; attach edges from each app's `userAssignedIdentities`.
 */
export function importNodes(estate: Estate): ImportedNodes {
  const taken = new Set<string>()
  const idFor = (name: string): string => {
    const id = freshId(taken, name)
    taken.add(id)
    return id
  }
  const sorted = [...estate.resources].sort(byName)
  const apps: AppNode[] = []
  const services: ServiceNode[] = []
  for (const r of sorted) {
    const hosting = hostingOf(r)
    if (hosting) {
      const systemAssigned = /systemassigned/i.test(r.identity?.type ?? '')
      apps.push({
        id: idFor(r.name),
        kind: 'app',
        name: r.name,
        hosting,
        ...(systemAssigned ? { systemAssigned: true } : {}),
        azure: { resourceId: r.id },
      })
      continue
    }
    const service = serviceOf(r)
    if (service)
      services.push({
        id: idFor(r.name),
        kind: 'service',
        name: r.name,
        service,
        ...(estate.accessPolicyVaults[r.id] !== undefined
          ? { permissionModel: 'accessPolicy' as const }
          : {}),
        azure: { resourceId: r.id },
      })
  }

  // Identities: the group's own (with principal ids), then those attached from elsewhere.
  const known = new Map<string, { id: string; name: string; principalId?: string }>()
  for (const i of estate.identities) known.set(i.id.toLowerCase(), i)
  const dangling = new Set(estate.danglingIdentities.map((id) => id.toLowerCase()))
  for (const r of estate.resources)
    for (const [id, entry] of Object.entries(r.identity?.userAssignedIdentities ?? {}))
      if (!known.has(id.toLowerCase()) && !dangling.has(id.toLowerCase()))
        known.set(id.toLowerCase(), {
          id,
          name: lastSegment(id),
          ...(entry.principalId ? { principalId: entry.principalId } : {}),
        })
  for (const r of estate.resources)
    if (r.type.toLowerCase() === IDENTITY_ARM_TYPE.toLowerCase() && !known.has(r.id.toLowerCase()))
      known.set(r.id.toLowerCase(), { id: r.id, name: r.name })
  const identityNodes = [...known.values()].sort(byName).map((i) => ({
    node: {
      id: idFor(i.name),
      kind: 'identity' as const,
      name: i.name,
      azure: { resourceId: i.id },
    },
    principalId: i.principalId,
  }))

  const nodeOfIdentity = new Map(
    identityNodes.map((i) => [i.node.azure.resourceId.toLowerCase(), i.node.id]),
  )
  const appOfResource = new Map(apps.map((a) => [(a.azure?.resourceId ?? '').toLowerCase(), a.id]))
  const attachEdges: AttachEdge[] = []
  const appsOf = new Map<string, string[]>()
  const systemOf = new Map<string, string>()
  const identityOf = new Map<string, string>()
  for (const i of identityNodes)
    if (i.principalId) identityOf.set(i.principalId.toLowerCase(), i.node.id)
  for (const r of sorted) {
    const app = appOfResource.get(r.id.toLowerCase())
    if (!app) continue
    if (r.identity?.principalId && /systemassigned/i.test(r.identity.type))
      systemOf.set(r.identity.principalId.toLowerCase(), app)
    const attached = Object.entries(r.identity?.userAssignedIdentities ?? {})
      .map(([id, entry]) => ({ identity: nodeOfIdentity.get(id.toLowerCase()), entry }))
      .filter(
        (a): a is { identity: string; entry: (typeof a)['entry'] } => a.identity !== undefined,
      )
      .sort((a, b) => compareOrdinal(a.identity, b.identity))
    for (const { identity, entry } of attached) {
      attachEdges.push({
        id: idFor(`${app}-${identity}`),
        kind: 'attach',
        source: app,
        target: identity,
      })
      appsOf.set(identity, [...(appsOf.get(identity) ?? []), app])
      if (entry.principalId) identityOf.set(entry.principalId.toLowerCase(), identity)
    }
  }
  return {
    apps,
    identities: identityNodes.map((i) => i.node),
    services,
    attachEdges,
    principals: { systemOf, identityOf, appsOf },
    taken,
  }
}
