import type { DesignIndex } from '../analysis/design-index.ts'
import { sortOrdinal } from '../lib/compare.ts'
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
  /** The access edges of each app in reach, as positions in `index.accessEdges`, in file order. */
  readonly edgesOf: ReadonlyMap<string, readonly number[]>
  /**
   * By role slot (position in the index's `roleNo`): the need (a number) of the role, -1 for an
   * unknown role name or an edge from no app. Edge `at`'s roles are the slots
   * `slotStart[at]` up to `slotStart[at + 1]` (the index's `roleStart`).
   */
  readonly needAt: Int32Array
  readonly slotStart: Int32Array
  /** Groups in order of their first need in the file. */
  readonly groups: readonly NeedGroup[]
  readonly groupOf: ReadonlyMap<number, NeedGroup>
  /** Logic Apps whose needs fell into two or more groups: all their needs go to `system`. */
  readonly solo: ReadonlySet<string>
}

const SEP = '\u0000'

/** Step 1 (and the Logic App part of step 3) of PRODUCT.md §6, in one pass over the edges. */
export function collectNeeds(index: DesignIndex): Needs {
  const edgesOf = new Map<string, number[]>()
  const needAt = new Int32Array(index.roleNo.length).fill(-1)
  // A need is a (service, role, scope) triple some app has, numbered in order of first need.
  const triples = index.triples()
  const needOf = new Int32Array(triples.count).fill(-1)
  const appsOfNeed: Set<string>[] = []
  const serviceOfNeed: string[] = []
  const edges = index.accessEdges
  for (let at = 0; at < edges.length; at++) {
    const app = index.appAt(at)
    if (app === undefined) continue
    const edge = edges[at] as AccessEdge
    const list = edgesOf.get(app.id)
    if (list) list.push(at)
    else edgesOf.set(app.id, [at])
    for (let i = index.roleStart[at] as number; i < (index.roleStart[at + 1] as number); i++) {
      const triple = triples.at[i] as number
      if (triple < 0) continue
      let need = needOf[triple] as number
      if (need < 0) {
        need = needOf[triple] = appsOfNeed.length
        appsOfNeed.push(new Set())
        serviceOfNeed.push(edge.target)
      }
      ;(appsOfNeed[need] as Set<string>).add(app.id)
      needAt[i] = need
    }
  }
  const reach = index.design.nodes.filter(
    (n): n is AppNode => n.kind === 'app' && edgesOf.has(n.id),
  )
  // Each need's apps in ordinal order, sorted once: leaving apps out keeps a list sorted.
  const sorted = appsOfNeed.map((apps) => sortOrdinal([...apps]))
  const keys = sorted.map((apps) => apps.join(SEP))
  let grouping = groupNeeds(sorted, keys, serviceOfNeed, new Set())
  const solo = soloLogicApps(reach, appsOfNeed, grouping.groupOf)
  if (solo.size > 0) grouping = groupNeeds(sorted, keys, serviceOfNeed, solo)
  return { reach, edgesOf, needAt, slotStart: index.roleStart, ...grouping, solo }
}

/** `keys`: each need's apps joined by SEP. */
function groupNeeds(
  appsOfNeed: readonly (readonly string[])[],
  keys: readonly string[],
  serviceOfNeed: readonly string[],
  without: ReadonlySet<string>,
): Pick<Needs, 'groups' | 'groupOf'> {
  const groups = new Map<string, NeedGroup>()
  const groupOf = new Map<number, NeedGroup>()
  appsOfNeed.forEach((all, need) => {
    const apps = all.some((a) => without.has(a)) ? all.filter((a) => !without.has(a)) : all
    if (apps.length === 0) return
    const key = apps === all ? (keys[need] as string) : apps.join(SEP)
    let group = groups.get(key)
    if (!group) {
      group = { apps, key, services: [] }
      groups.set(key, group)
    }
    const service = serviceOfNeed[need] as string
    if (!group.services.includes(service)) group.services.push(service)
    groupOf.set(need, group)
  })
  return { groups: [...groups.values()], groupOf }
}

function soloLogicApps(
  reach: readonly AppNode[],
  appsOfNeed: readonly ReadonlySet<string>[],
  groupOf: ReadonlyMap<number, NeedGroup>,
): Set<string> {
  const logic = new Set(reach.filter((a) => a.hosting === 'logicApp').map((a) => a.id))
  const solo = new Set<string>()
  if (logic.size === 0) return solo
  const seen = new Map<string, NeedGroup>()
  for (const [need, apps] of appsOfNeed.entries()) {
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
