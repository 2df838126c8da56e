import type {
  LiveCosmosRoleAssignment,
  LiveResource,
  LiveRoleAssignment,
} from '../apply/gateway.ts'
import { roleByGuid, type RoleFact } from '../catalog/roles.ts'
import { otherKindOf } from '../catalog/services.ts'
import { compareOrdinal } from '../lib/compare.ts'
import { freshId } from '../model/ids.ts'
import { SERVICE_KINDS, SYSTEM_VIA, type Scope } from '../model/kinds.ts'
import type { AccessEdge, DeveloperNode, ServiceNode } from '../model/types.ts'
import { resourceGroupScope, roleDefinitionGuidOf, subscriptionScope } from '../plan/arm-ids.ts'
import type { Estate } from './estate.ts'
import type { ImportedNodes } from './nodes.ts'

export interface ImportedAccess {
  readonly developers: DeveloperNode[]
  readonly accessEdges: AccessEdge[]
  /** Assignments the design cannot show, and why (shown beside the imported design). */
  readonly notes: string[]
}

interface Grant {
  readonly source: string
  readonly target: string
  readonly via?: string
  readonly scope: Scope
  readonly role: string
}

const COSMOS_DATA = (guid: string): RoleFact | undefined => {
  const fact = roleByGuid(guid)
  return fact?.grant === 'cosmosSqlRbac' ? fact : undefined
}

/**
 * Access edges from the group's role assignments (PRODUCT.md §12): an app's system-assigned
 * principal gives an edge from that app `via: system`; a user-assigned identity's principal gives
 * one from every app attached to it, via that identity (the access each really has); a user or
 * group gives a developer node. One edge per (source, target, via, scope), roles sorted, named as
 * the catalog names them, else by GUID. Assignments at the group or subscription go on the first
 * service (by name) their role applies to, with that scope.
 */
export function importAccess(estate: Estate, nodes: ImportedNodes): ImportedAccess {
  const notes: string[] = []
  const { systemOf, identityOf, appsOf } = nodes.principals
  const services = new Map(
    nodes.services.map((s) => [(s.azure?.resourceId ?? '').toLowerCase(), s]),
  )
  const groupId = resourceGroupScope(estate.subscriptionId, estate.resourceGroup).toLowerCase()
  const subscriptionId = subscriptionScope(estate.subscriptionId).toLowerCase()
  // Resources of the group no node stands for: a type the catalog does not model, or another
  // service's kind of a modelled type (a Speech account is no Azure OpenAI).
  const drawn = new Set(
    [...nodes.apps, ...nodes.identities, ...nodes.services].map((n) =>
      (n.azure?.resourceId ?? '').toLowerCase(),
    ),
  )
  const undrawn = new Map(
    estate.resources
      .filter((r) => !drawn.has(r.id.toLowerCase()))
      .map((r) => [r.id.toLowerCase(), r]),
  )
  const developers = new Map<string, DeveloperNode>()
  const grants: Grant[] = []
  const nameOf = (id: string): string =>
    [...nodes.apps, ...nodes.identities, ...nodes.services].find((n) => n.id === id)?.name ?? id

  const placeFor = (scope: string, fact: RoleFact | undefined) => {
    const s = scope.toLowerCase()
    const service = services.get(s)
    if (service) return { target: service.id, scope: 'resource' as const }
    const level: Scope | undefined =
      s === groupId ? 'resourceGroup' : s === subscriptionId ? 'subscription' : undefined
    if (!level) return undefined
    const fits = (n: ServiceNode) =>
      !fact || fact.services.includes('*') || fact.services.includes(n.service)
    const first = nodes.services.find(fits)
    return first ? { target: first.id, scope: level } : undefined
  }

  const developerFor = (principalId: string, type: 'User' | 'Group'): string => {
    const key = principalId.toLowerCase()
    let node = developers.get(key)
    if (!node) {
      const principal = type === 'User' ? 'user' : 'group'
      node = {
        id: freshId(nodes.taken, `${principal}-${key.slice(0, 8)}`),
        kind: 'developer',
        name: `${type} ${key}`,
        principal,
        azure: { principalId: key },
      }
      nodes.taken.add(node.id)
      developers.set(key, node)
    }
    return node.id
  }

  const add = (
    principalId: string,
    principalType: string | undefined,
    place: { target: string; scope: Scope },
    role: string,
    what: string,
  ): void => {
    const p = principalId.toLowerCase()
    if (principalType === 'User' || principalType === 'Group') {
      grants.push({ source: developerFor(p, principalType), ...place, role })
      return
    }
    const app = systemOf.get(p)
    if (app) {
      grants.push({ source: app, ...place, via: SYSTEM_VIA, role })
      return
    }
    const identity = identityOf.get(p)
    if (identity) {
      const apps = appsOf.get(identity) ?? []
      if (apps.length === 0)
        notes.push(`${what}: held by identity ${nameOf(identity)}, which no app of the group uses`)
      for (const source of apps) grants.push({ source, ...place, via: identity, role })
      return
    }
    const developer = developers.get(p)
    if (developer) {
      grants.push({ source: developer.id, ...place, role })
      return
    }
    notes.push(
      `${what}: held by principal ${p}, which is no app or user-assigned identity of the group (deleted, or from elsewhere)`,
    )
  }

  const rbac = [...estate.assignments].sort((a, b) => compareOrdinal(a.id, b.id))
  // Users and groups first, so a Cosmos DB assignment (which carries no principal type) finds them.
  for (const a of rbac.filter((x) => x.principalType === 'User' || x.principalType === 'Group'))
    addRbac(a)
  for (const a of rbac.filter((x) => x.principalType !== 'User' && x.principalType !== 'Group'))
    addRbac(a)
  function addRbac(a: LiveRoleAssignment): void {
    const guid = roleDefinitionGuidOf(a.roleDefinitionId).toLowerCase()
    const fact = roleByGuid(guid)
    const role = fact?.name ?? guid
    const what = `${estate.roleNames[guid] ?? role} at ${a.scope}`
    const place = placeFor(a.scope, fact)
    if (!place) {
      const other = undrawn.get(a.scope.toLowerCase())
      if (other)
        notes.push(`${what}: on ${describeUndrawn(other)}, which the designer does not model`)
      else if (a.scope.toLowerCase().startsWith(`${groupId}/`))
        notes.push(
          `${what}: not on a service of the group (a narrower scope, or an app or identity)`,
        )
      return
    }
    add(a.principalId, a.principalType, place, role, what)
  }

  for (const [account, list] of Object.entries(estate.cosmos).sort(([a], [b]) =>
    compareOrdinal(a, b),
  ))
    for (const a of [...list].sort((x, y) => compareOrdinal(x.id, y.id))) addCosmos(account, a)
  function addCosmos(account: string, a: LiveCosmosRoleAssignment): void {
    const guid = roleDefinitionGuidOf(a.roleDefinitionId).toLowerCase()
    const role = COSMOS_DATA(guid)?.name ?? guid
    const what = `Cosmos DB ${role} at ${a.scope}`
    const service = services.get(account.toLowerCase())
    if (!service || a.scope.toLowerCase() !== account.toLowerCase()) {
      notes.push(`${what}: narrower than the account (databases and containers are not drawn)`)
      return
    }
    add(a.principalId, undefined, { target: service.id, scope: 'resource' }, role, what)
  }

  return {
    developers: sortDevelopers([...developers.values()]),
    accessEdges: edgesOf(grants, nodes.taken),
    notes,
  }
}

/** `a Microsoft.Web/serverFarms`, or what a modelled type's other kind is not. */
function describeUndrawn(r: LiveResource): string {
  for (const service of SERVICE_KINDS) {
    const other = otherKindOf(service, r)
    if (other) return other
  }
  return `a ${r.type}${r.kind ? ` of kind ${r.kind}` : ''}`
}

function sortDevelopers(list: DeveloperNode[]): DeveloperNode[] {
  return list.sort((a, b) => compareOrdinal(a.name, b.name))
}

/** One edge per (source, target, via, scope), roles sorted, edges in a stable order. */
function edgesOf(grants: readonly Grant[], taken: Set<string>): AccessEdge[] {
  const groups = new Map<string, { grant: Grant; roles: Set<string> }>()
  for (const g of grants) {
    const key = `${g.source}|${g.target}|${g.via ?? ''}|${g.scope}`
    const group = groups.get(key)
    if (group) group.roles.add(g.role)
    else groups.set(key, { grant: g, roles: new Set([g.role]) })
  }
  return [...groups.entries()]
    .sort(([a], [b]) => compareOrdinal(a, b))
    .map(([, { grant, roles }]) => {
      const id = freshId(taken, `${grant.source}-${grant.target}`)
      taken.add(id)
      return {
        id,
        kind: 'access' as const,
        source: grant.source,
        target: grant.target,
        roles: [...roles].sort(compareOrdinal),
        ...(grant.scope === 'resource' ? {} : { scope: grant.scope }),
        ...(grant.via ? { via: grant.via } : {}),
      }
    })
}
