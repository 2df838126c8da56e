import type { DesignIndex } from '../analysis/design-index.ts'
import { groupPositions } from '../analysis/groups.ts'
import { KIND_CODE } from '../analysis/numbered-design.ts'
import { sortOrdinal } from '../lib/compare.ts'
import { StringTable } from '../lib/string-table.ts'
import type { AppNode, DesignNode } from '../model/types.ts'

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
  /**
   * By position in `reach`: the number the index gives the app's id, whose access edges are
   * `index.edgesFrom` of it (or read from `index.sourceGroups()`), in file order.
   */
  readonly reachAt: Int32Array
  /**
   * By role slot (position in the index's `roleNo`): the need (a number) of the role, -1 for an
   * unknown role name or an edge from no app. Edge `at`'s roles are the slots
   * `slotStart[at]` up to `slotStart[at + 1]` (the index's `roleStart`).
   */
  readonly needAt: Int32Array
  readonly slotStart: Int32Array
  /** Groups in order of their first need in the file. */
  readonly groups: readonly NeedGroup[]
  /** By need: the position of its group in `groups`, -1 for a need left to no group. */
  readonly groupAt: Int32Array
  /** Logic Apps whose needs fell into two or more groups: all their needs go to `system`. */
  readonly solo: ReadonlySet<string>
}

const SEP = '\u0000'

/** Step 1 (and the Logic App part of step 3) of PRODUCT.md §6, in one pass over the edges. */
export function collectNeeds(index: DesignIndex): Needs {
  const needAt = new Int32Array(index.roleNo.length).fill(-1)
  // A need is a (service, role, scope) triple some app has, numbered in order of first need.
  const triples = index.triples()
  const needOf = new Int32Array(triples.count).fill(-1)
  const serviceOfNeed: string[] = []
  // By role slot: the node number of the app whose edge has it. Apps are numbers until the end:
  // no set of ids per need and no object read per edge.
  const appOfSlot = new Int32Array(index.roleNo.length)
  const inReach = new Uint8Array(index.nodeCount)
  for (let at = 0; at < index.accessEdgeCount; at++) {
    const app = index.sourceAt[at] as number
    if (index.kindAt[app] !== KIND_CODE.app) continue
    for (let i = index.roleStart[at] as number; i < (index.roleStart[at + 1] as number); i++) {
      const triple = triples.at[i] as number
      if (triple < 0) continue
      let need = needOf[triple] as number
      if (need < 0) {
        need = needOf[triple] = serviceOfNeed.length
        serviceOfNeed.push(index.accessEdge(at).target)
      }
      needAt[i] = need
      appOfSlot[i] = app
    }
    inReach[app] = 1
  }
  // Of nodes with one id (no file holds them), each is in reach, numbered as the edges' source.
  const reach: AppNode[] = []
  const numbers: number[] = []
  const { nodes } = index.design
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as DesignNode
    if (node.kind !== 'app') continue
    const n = index.numberOf(node.id) as number
    if (inReach[n] === 0) continue
    reach.push(node)
    numbers.push(n)
  }
  // Each need's apps, once each, in ordinal order: leaving apps out keeps a list sorted.
  const sorted = appsOfNeeds(index, needAt, appOfSlot, serviceOfNeed.length)
  const keys = sorted.map((apps) => apps.join(SEP))
  let grouping = groupNeeds(sorted, keys, serviceOfNeed, new Set())
  const solo = soloLogicApps(reach, sorted, grouping.groupAt)
  if (solo.size > 0) grouping = groupNeeds(sorted, keys, serviceOfNeed, solo)
  const reachAt = Int32Array.from(numbers)
  return { reach, reachAt, needAt, slotStart: index.roleStart, ...grouping, solo }
}

/** By need: the ids of the apps with a slot of that need, each once, in ordinal order. */
function appsOfNeeds(
  index: DesignIndex,
  needAt: Int32Array,
  appOfSlot: Int32Array,
  count: number,
): string[][] {
  const { start, items } = groupPositions(needAt, count)
  // The last need that counted (2n + 1) or listed (2n + 2) each node: an app with several slots
  // of a need counts once.
  const listedFor = new Int32Array(index.nodeCount)
  const out = new Array<string[]>(count)
  for (let need = 0; need < count; need++) {
    // Counted, then listed in a list sized once: `[]` then push gives each a backing store of 17.
    let distinct = 0
    for (let k = start[need] as number; k < (start[need + 1] as number); k++) {
      const app = appOfSlot[items[k] as number] as number
      if (listedFor[app] === 2 * need + 1) continue
      listedFor[app] = 2 * need + 1
      distinct++
    }
    const apps = new Array<string>(distinct)
    let i = 0
    for (let k = start[need] as number; k < (start[need + 1] as number); k++) {
      const app = appOfSlot[items[k] as number] as number
      if (listedFor[app] === 2 * need + 2) continue
      listedFor[app] = 2 * need + 2
      apps[i++] = (index.design.nodes[app] as AppNode).id
    }
    out[need] = sortOrdinal(apps)
  }
  return out
}

/** `keys`: each need's apps joined by SEP. */
function groupNeeds(
  appsOfNeed: readonly (readonly string[])[],
  keys: readonly string[],
  serviceOfNeed: readonly string[],
  without: ReadonlySet<string>,
): Pick<Needs, 'groups' | 'groupAt'> {
  const count = appsOfNeed.length
  // Each need's apps without those left out, and their key (the same lists when none is).
  let apps = appsOfNeed
  let keyOf = keys
  if (without.size > 0) {
    const kept = appsOfNeed.slice()
    const keptKeys = keys.slice()
    for (let need = 0; need < count; need++) {
      const all = appsOfNeed[need] as readonly string[]
      if (!anyIn(all, without)) continue
      const list = all.filter((a) => !without.has(a))
      kept[need] = list
      keptKeys[need] = list.join(SEP)
    }
    apps = kept
    keyOf = keptKeys
  }
  // Equal keys get the number of the first (a StringTable, not a Map: no table rehashed as it
  // grows past 8,000 groups); that need's group is the group of all of them.
  const table = StringTable.of(keyOf)
  const groupOfFirst = new Int32Array(count).fill(-1)
  const groups: NeedGroup[] = []
  const groupAt = new Int32Array(count).fill(-1)
  for (let need = 0; need < count; need++) {
    const needApps = apps[need] as readonly string[]
    if (needApps.length === 0) continue
    const key = keyOf[need] as string
    const first = table.numberOf(key)
    const service = serviceOfNeed[need] as string
    let g = groupOfFirst[first] as number
    if (g < 0) {
      groupOfFirst[first] = g = groups.length
      // Most groups serve one service: `[]` then push would give each a backing store of 17.
      groups.push({ apps: needApps, key, services: [service] })
    } else {
      const { services } = groups[g] as NeedGroup
      if (!services.includes(service)) services.push(service)
    }
    groupAt[need] = g
  }
  return { groups, groupAt }
}

function anyIn(list: readonly string[], set: ReadonlySet<string>): boolean {
  for (let i = 0; i < list.length; i++) if (set.has(list[i] as string)) return true
  return false
}

function soloLogicApps(
  reach: readonly AppNode[],
  appsOfNeed: readonly (readonly string[])[],
  groupAt: Int32Array,
): Set<string> {
  const logic = new Set(reach.filter((a) => a.hosting === 'logicApp').map((a) => a.id))
  const solo = new Set<string>()
  if (logic.size === 0) return solo
  const seen = new Map<string, number>()
  for (let need = 0; need < appsOfNeed.length; need++) {
    const apps = appsOfNeed[need] as readonly string[]
    const group = groupAt[need] as number
    for (let i = 0; i < apps.length; i++) {
      const app = apps[i] as string
      if (!logic.has(app) || solo.has(app)) continue
      const first = seen.get(app)
      if (first === undefined) seen.set(app, group)
      else if (first !== group) solo.add(app)
    }
  }
  return solo
}
