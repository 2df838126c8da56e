import type { Design, DesignEdge } from '../../model/types.ts'

// Per-version index of who is connected to whom, built once and shared by every key press.
const cache = new WeakMap<readonly DesignEdge[], Map<string, string[]>>()

/**
 * The nodes connected to a node, each once, in the design's edge order: for an app its
 * identities and services, for an identity its apps, for a service who reaches it.
 */
export function neighbours(design: Design, id: string): readonly string[] {
  let map = cache.get(design.edges)
  if (!map) {
    map = new Map()
    const link = (from: string, to: string): void => {
      const list = map?.get(from)
      if (!list) map?.set(from, [to])
      else if (!list.includes(to)) list.push(to)
    }
    for (const e of design.edges) {
      link(e.source, e.target)
      link(e.target, e.source)
    }
    cache.set(design.edges, map)
  }
  return map.get(id) ?? []
}

/**
 * A walk through the connections of one node (the anchor) with ] and [: each step goes to the
 * anchor's next or previous neighbour, wrapping around. A walk goes on while the focus stays on
 * the node it last reached; focus arriving any other way starts a new walk from there.
 */
export interface Walk {
  readonly anchor: string
  readonly at: number
}

export interface Step {
  readonly walk: Walk
  /** The node to go to. */
  readonly to: string
  /** Its place among the anchor's neighbours (1-based) and how many there are. */
  readonly position: number
  readonly count: number
}

export function stepWalk(
  design: Design,
  walk: Walk | null,
  focused: string,
  direction: 1 | -1,
): Step | null {
  const going =
    walk && neighbours(design, walk.anchor)[walk.at] === focused
      ? walk
      : { anchor: focused, at: direction === 1 ? -1 : 0 }
  const around = neighbours(design, going.anchor)
  if (around.length === 0) return null
  const at = (going.at + direction + around.length) % around.length
  const to = around[at]
  if (to === undefined) return null
  return { walk: { anchor: going.anchor, at }, to, position: at + 1, count: around.length }
}
