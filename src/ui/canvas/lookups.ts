import type { Design, DesignEdge, DesignNode } from '../../model/types.ts'
import { itemById } from '../../model/id-positions.ts'

// Per-array indexes, built once per design version and shared by every node and edge component:
// each component then finds its own data in O(1) instead of scanning the design. Positions of
// ids are shared with the versions an edit made in place (id-positions.ts).
const attachCounts = new WeakMap<readonly DesignEdge[], Map<string, number>>()

export function nodeById(design: Design, id: string): DesignNode | undefined {
  return itemById(design.nodes, id)
}

export function edgeById(design: Design, id: string): DesignEdge | undefined {
  return itemById(design.edges, id)
}

/** How many apps an identity is attached to. */
export function appCountOf(design: Design, identityId: string): number {
  let map = attachCounts.get(design.edges)
  if (!map) {
    map = new Map()
    for (const e of design.edges)
      if (e.kind === 'attach') map.set(e.target, (map.get(e.target) ?? 0) + 1)
    attachCounts.set(design.edges, map)
  }
  return map.get(identityId) ?? 0
}
