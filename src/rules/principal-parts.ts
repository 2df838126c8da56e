import { compareOrdinal } from '../lib/compare.ts'
import type { Design, DesignEdge, DesignNode } from '../model/types.ts'

/**
 * A principal part of a design: apps with the identities they share, or a developer, or a
 * service on its own; with every edge from its nodes and the nodes those edges lead out to.
 */
export interface PrincipalPart {
  /** The smallest node id (ordinal): stable while the part keeps its nodes. */
  readonly key: string
  /** Nodes and edges in file order. */
  readonly nodes: readonly DesignNode[]
  readonly edges: readonly DesignEdge[]
  /** Nodes of other parts that its access edges target (services, mostly), in file order. */
  readonly context: readonly DesignNode[]
}

/**
 * Splits a design into principal parts: attach edges join an app with its identity, and an access
 * edge joins its source with the node its `via` names; the node an access edge targets joins
 * nothing. So a part holds all that decides which principal each of its access edges resolves to,
 * and every edge that principal holds: everything a principal-local rule (incremental.ts) reads,
 * besides the targets themselves, which `context` lists.
 */
export function principalParts(design: Design): PrincipalPart[] {
  const at = new Map<string, number>()
  design.nodes.forEach((n, i) => at.set(n.id, i))
  const find = unionFind(design, at)
  const byRoot = new Map<number, { key: string; nodes: DesignNode[]; edges: DesignEdge[] }>()
  design.nodes.forEach((node, i) => {
    const root = find(i)
    const part = byRoot.get(root)
    if (!part) byRoot.set(root, { key: node.id, nodes: [node], edges: [] })
    else {
      part.nodes.push(node)
      if (compareOrdinal(node.id, part.key) < 0) part.key = node.id
    }
  })
  const outside = new Map<number, Set<number>>()
  for (const edge of design.edges) {
    const s = at.get(edge.source)
    if (s === undefined) continue
    const root = find(s)
    byRoot.get(root)?.edges.push(edge)
    const t = edge.kind === 'access' ? at.get(edge.target) : undefined
    if (t === undefined || find(t) === root) continue
    const set = outside.get(root)
    if (set) set.add(t)
    else outside.set(root, new Set([t]))
  }
  return [...byRoot].map(([root, part]) => ({
    ...part,
    context: [...(outside.get(root) ?? [])]
      .sort((a, b) => a - b)
      .map((t) => design.nodes[t] as DesignNode),
  }))
}

/** The design a check of one part reads: its nodes, the nodes it targets, and its edges. */
export function partDesign(name: string, part: PrincipalPart): Design {
  return { name, nodes: [...part.nodes, ...part.context], edges: [...part.edges] }
}

/** The root of each node's part, by node position (path-halving union-find). */
function unionFind(design: Design, at: ReadonlyMap<string, number>): (i: number) => number {
  const parent = new Int32Array(design.nodes.length)
  for (let i = 0; i < parent.length; i++) parent[i] = i
  const find = (i: number): number => {
    while (parent[i] !== i) {
      const up = parent[parent[i] as number] as number
      parent[i] = up
      i = up
    }
    return i
  }
  const union = (a: string, b: string | undefined): void => {
    const x = at.get(a)
    const y = b === undefined ? undefined : at.get(b)
    if (x === undefined || y === undefined) return
    const rx = find(x)
    const ry = find(y)
    if (rx !== ry) parent[Math.max(rx, ry)] = Math.min(rx, ry)
  }
  for (const edge of design.edges)
    if (edge.kind === 'attach') union(edge.source, edge.target)
    else union(edge.source, edge.via)
  return find
}
