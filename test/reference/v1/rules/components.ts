import { compareOrdinal } from '@/lib/compare.ts'
import type { Design, DesignEdge, DesignNode } from '@/model/types.ts'

/** A connected part of a design: no rule finding ever spans two of them. */
export interface Component {
  /** The smallest node id (ordinal): stable while the part keeps its nodes. */
  readonly key: string
  /** Nodes and edges in file order. */
  readonly nodes: DesignNode[]
  readonly edges: DesignEdge[]
}

/**
 * Splits a design into connected components: edges join their endpoints, and an access edge
 * also joins its source with the node its `via` names (its findings mention that node). Every
 * rule but role-assignment-limit only relates things that are connected this way: identical
 * grant sets and identical developer access share a service, the other rules look at one edge,
 * one app, one identity or one service with its edges.
 */
export function components(design: Design): Component[] {
  const at = new Map<string, number>()
  design.nodes.forEach((n, i) => at.set(n.id, i))
  const parent = new Int32Array(design.nodes.length)
  for (let i = 0; i < parent.length; i++) parent[i] = i
  const find = (i: number): number => {
    let root = i
    while (parent[root] !== root) root = parent[root] as number
    while (parent[i] !== root) {
      const next = parent[i] as number
      parent[i] = root
      i = next
    }
    return root
  }
  const union = (a: string, b: string | undefined): void => {
    const x = at.get(a)
    const y = b === undefined ? undefined : at.get(b)
    if (x === undefined || y === undefined) return
    const rx = find(x)
    const ry = find(y)
    if (rx !== ry) parent[Math.max(rx, ry)] = Math.min(rx, ry)
  }
  for (const edge of design.edges) {
    union(edge.source, edge.target)
    if (edge.kind === 'access') union(edge.source, edge.via)
  }
  const byRoot = new Map<number, { key: string; nodes: DesignNode[]; edges: DesignEdge[] }>()
  design.nodes.forEach((node, i) => {
    const root = find(i)
    const c = byRoot.get(root)
    if (!c) byRoot.set(root, { key: node.id, nodes: [node], edges: [] })
    else {
      c.nodes.push(node)
      if (compareOrdinal(node.id, c.key) < 0) c.key = node.id
    }
  })
  for (const edge of design.edges) {
    const i = at.get(edge.source)
    if (i !== undefined) byRoot.get(find(i))?.edges.push(edge)
  }
  return [...byRoot.values()]
}
