import type { DesignIndex } from '../analysis/design-index.ts'
import { compareOrdinal } from '../lib/compare.ts'
import { SYSTEM_VIA } from '../model/kinds.ts'
import type { AppNode, DesignNode, IdentityNode, Position } from '../model/types.ts'
import { IdAllocator } from './ids.ts'
import type { Needs } from './needs.ts'

/** A user-assigned identity optimize creates, with the apps it is attached to. */
export interface NewIdentity {
  readonly node: IdentityNode
  readonly apps: readonly string[]
}

/** Who serves what: the `via` of every group and the fallback `via` of every app in reach. */
export interface Layout {
  /** By position in `needs.groups`. */
  readonly viaOfGroup: readonly string[]
  /** For edges whose roles are all unknown names: the app's first identity in use, or its own. */
  readonly home: ReadonlyMap<string, string>
  readonly created: readonly NewIdentity[]
  /** Existing identities reused, in node order. */
  readonly kept: ReadonlySet<string>
}

const SEP = '\u0000'
const NAME_MAX = 128

/** Steps 2–4 of PRODUCT.md §6: picks or creates the identity of every group. */
export function planLayout(index: DesignIndex, needs: Needs, ids: IdAllocator): Layout {
  const reusable = exactlyAttached(index)
  // Azure wants identity names unique in a resource group: avoid every name already drawn.
  const names = new IdAllocator(
    new Set(index.design.nodes.filter((n) => n.kind === 'identity').map((n) => n.name)),
    NAME_MAX,
  )
  const created: NewIdentity[] = []
  const kept = new Set<string>()

  /** `key`: the apps joined by SEP (a group's key). */
  const identityFor = (
    apps: readonly string[],
    key: string,
    label: () => [string, string],
  ): string => {
    const existing = reusable.get(key)
    if (existing !== undefined) {
      kept.add(existing)
      return existing
    }
    const [idText, nameText] = label()
    const id = ids.fresh(idText)
    const name = names.fresh(nameText.replace(/\./g, '-'))
    const position = positionNear(index, apps)
    const node: IdentityNode = position
      ? { id, kind: 'identity', name, position }
      : { id, kind: 'identity', name }
    created.push({ node, apps })
    return node.id
  }
  const ownIdentity = (app: AppNode): string =>
    identityFor([app.id], app.id, () => [`mi-${app.id}`, `mi-${app.name}`])

  const viaOfGroup = needs.groups.map((group) => {
    const [only] = group.apps
    const app = only === undefined ? undefined : index.app(only)
    if (group.apps.length === 1 && app !== undefined)
      return app.hosting === 'aksWorkload' ? ownIdentity(app) : SYSTEM_VIA
    return identityFor(group.apps, group.key, () => {
      const names = group.services.map((s) => index.node(s)?.name ?? s)
      return [`mi-${group.services.join('-')}`, `mi-${names.join('-')}`]
    })
  })

  const home = new Map<string, string>()
  needs.reach.forEach((app, k) => {
    const via = firstVia(index, app.id, needs.reachAt[k] as number, needs, viaOfGroup)
    home.set(app.id, via ?? (app.hosting === 'aksWorkload' ? ownIdentity(app) : SYSTEM_VIA))
  })
  return { viaOfGroup, home, created, kept }
}

/** The via of the first known role on the edges of the app numbered `n`, in file order. */
function firstVia(
  index: DesignIndex,
  app: string,
  n: number,
  needs: Needs,
  viaOfGroup: readonly string[],
): string | undefined {
  if (needs.solo.has(app)) return SYSTEM_VIA
  const { start, items } = index.sourceGroups()
  for (let j = start[n] as number; j < (start[n + 1] as number); j++) {
    const at = items[j] as number
    for (let i = needs.slotStart[at] as number; i < (needs.slotStart[at + 1] as number); i++) {
      const via = viaOfNeedGroup(needs, viaOfGroup, needs.needAt[i] as number)
      if (via !== undefined) return via
    }
  }
  return undefined
}

/** The via of the need's group; undefined for no need (-1) or a need left to no group. */
export function viaOfNeedGroup(
  needs: Needs,
  viaOfGroup: readonly string[],
  need: number,
): string | undefined {
  const group = need < 0 ? -1 : (needs.groupAt[need] as number)
  return group < 0 ? undefined : viaOfGroup[group]
}

/** For each set of apps (sorted, NUL-joined), the first identity in file order attached to exactly them. */
function exactlyAttached(index: DesignIndex): Map<string, string> {
  const out = new Map<string, string>()
  const { nodes } = index.design
  // By position: once per optimize, and `for…of` makes an object per step until optimized.
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i] as DesignNode
    if (node.kind !== 'identity') continue
    const apps = index.appsOf(node.id)
    if (apps.length === 0) continue
    const key = [...apps].sort(compareOrdinal).join(SEP)
    if (!out.has(key)) out.set(key, node.id)
  }
  return out
}

/** Beside its apps on the canvas, when they have positions: keeps the result readable. */
function positionNear(index: DesignIndex, apps: readonly string[]): Position | undefined {
  let x = 0
  let y = 0
  let count = 0
  for (const id of apps) {
    const p = index.node(id)?.position
    if (!p) continue
    x += p.x
    y += p.y
    count++
  }
  if (count === 0) return undefined
  return { x: Math.round(x / count + 280), y: Math.round(y / count) }
}
