import { resolveRole, roleKey } from '../catalog/roles.ts'
import { compareOrdinal } from '../lib/compare.ts'
import type { ModelIndex } from '../model/queries.ts'
import type { AccessEdge, AppNode } from '../model/types.ts'

/** Needs (service, role, scope) that exactly the same apps have (PRODUCT.md §6 step 1). */
export interface NeedGroup {
  /** The apps, in ordinal order; also the group's key joined by NUL. */
  readonly apps: readonly string[]
  readonly key: string
  /** Target service ids of the group's needs, in order of first need. */
  readonly services: string[]
}

export interface Needs {
  /** Apps with at least one access edge (the optimization's reach), in node order. */
  readonly reach: readonly AppNode[]
  /** The access edges of each app in reach, in file order. */
  readonly edgesOf: ReadonlyMap<string, readonly AccessEdge[]>
  /** Per app edge, the need key of each role (undefined for an unknown role name). */
  readonly needKeys: ReadonlyMap<string, readonly (string | undefined)[]>
  /** Groups in order of their first need in the file. */
  readonly groups: readonly NeedGroup[]
  readonly groupOf: ReadonlyMap<string, NeedGroup>
  /** Logic Apps whose needs fell into two or more groups: all their needs go to `system`. */
  readonly solo: ReadonlySet<string>
}

const SEP = '\u0000'

/** Step 1 (and the Logic App part of step 3) of PRODUCT.md §6, in one pass over the edges. */
export function collectNeeds(index: ModelIndex): Needs {
  const edgesOf = new Map<string, AccessEdge[]>()
  const needKeys = new Map<string, (string | undefined)[]>()
  const appsOfNeed = new Map<string, Set<string>>()
  const serviceOfNeed = new Map<string, string>()
  for (const edge of index.accessEdges) {
    if (index.app(edge.source) === undefined) continue
    const list = edgesOf.get(edge.source)
    if (list) list.push(edge)
    else edgesOf.set(edge.source, [edge])
    const scope = edge.scope ?? 'resource'
    const keys = edge.roles.map((text) => {
      const role = resolveRole(text)
      if (role.kind === 'unknown') return undefined
      const key = `${edge.target}${SEP}${roleKey(role)}${SEP}${scope}`
      const apps = appsOfNeed.get(key)
      if (apps) apps.add(edge.source)
      else {
        appsOfNeed.set(key, new Set([edge.source]))
        serviceOfNeed.set(key, edge.target)
      }
      return key
    })
    needKeys.set(edge.id, keys)
  }
  const reach = index.design.nodes.filter(
    (n): n is AppNode => n.kind === 'app' && edgesOf.has(n.id),
  )
  let grouping = groupNeeds(appsOfNeed, serviceOfNeed, new Set())
  const solo = soloLogicApps(reach, appsOfNeed, grouping.groupOf)
  if (solo.size > 0) grouping = groupNeeds(appsOfNeed, serviceOfNeed, solo)
  return { reach, edgesOf, needKeys, ...grouping, solo }
}

function groupNeeds(
  appsOfNeed: ReadonlyMap<string, ReadonlySet<string>>,
  serviceOfNeed: ReadonlyMap<string, string>,
  without: ReadonlySet<string>,
): Pick<Needs, 'groups' | 'groupOf'> {
  const groups = new Map<string, NeedGroup>()
  const groupOf = new Map<string, NeedGroup>()
  for (const [need, appSet] of appsOfNeed) {
    const apps = [...appSet].filter((a) => !without.has(a)).sort(compareOrdinal)
    if (apps.length === 0) continue
    const key = apps.join(SEP)
    let group = groups.get(key)
    if (!group) {
      group = { apps, key, services: [] }
      groups.set(key, group)
    }
    const service = serviceOfNeed.get(need) as string
    if (!group.services.includes(service)) group.services.push(service)
    groupOf.set(need, group)
  }
  return { groups: [...groups.values()], groupOf }
}

function soloLogicApps(
  reach: readonly AppNode[],
  appsOfNeed: ReadonlyMap<string, ReadonlySet<string>>,
  groupOf: ReadonlyMap<string, NeedGroup>,
): Set<string> {
  const logic = new Set(reach.filter((a) => a.hosting === 'logicApp').map((a) => a.id))
  const solo = new Set<string>()
  if (logic.size === 0) return solo
  const seen = new Map<string, NeedGroup>()
  for (const [need, apps] of appsOfNeed) {
    const group = groupOf.get(need)
    for (const app of apps) {
      if (!logic.has(app) || solo.has(app)) continue
      const first = seen.get(app)
      if (first === undefined) seen.set(app, group as NeedGroup)
      else if (first !== group) solo.add(app)
    }
  }
  return solo
}
