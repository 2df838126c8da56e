import type { Design, DesignEdge, DesignNode } from '../../model/types.ts'
import { byId } from '../../lib/by-id.ts'

// Per-array indexes, built once per design version and shared by every node and edge component:
// each component then finds its own data in O(1) instead of scanning the design.
const nodeMaps = new WeakMap<readonly DesignNode[], Map<string, DesignNode>>()
const edgeMaps = new WeakMap<readonly DesignEdge[], Map<string, DesignEdge>>()
const attachCounts = new WeakMap<readonly DesignEdge[], Map<string, number>>()

export function nodeById(design: Design, id: string): DesignNode | undefined {
  let map = nodeMaps.get(design.nodes)
  if (!map) {
    map = byId(design.nodes)
    nodeMaps.set(design.nodes, map)
  }
  return map.get(id)
}

export function edgeById(design: Design, id: string): DesignEdge | undefined {
  let map = edgeMaps.get(design.edges)
  if (!map) {
    map = byId(design.edges)
    edgeMaps.set(design.edges, map)
  }
  return map.get(id)
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
