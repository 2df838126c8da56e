import { compareOrdinal } from '../lib/compare.ts'
import type { Design, DesignEdge, DesignNode } from '../model/types.ts'

/** A connected part of a design: no rule finding ever spans two of them. */
export interface Component {
  /** The smallest node id (ordinal): stable while the part keeps its nodes. */
  readonly key: string
  /** Nodes and edges in file order. */
  readonly nodes: readonly DesignNode[]
  readonly edges: readonly DesignEdge[]
}

/**
 * Splits a design into connected components: edges join their endpoints, and an access edge
 * also joins its source with the node its `via` names (its findings mention that node). Every
 * rule but role-assignment-limit only relates things that are connected this way: identical
 * grant sets and identical developer access share a service, the other rules look at one edge,
 * one app, one identity or one service with its edges.
 */
export function components(design: Design): Component[] {
  const at = positionsOf(design)
  return [...partsOf(design, unionFind(design, at, true), at).values()]
}

/**
 * A principal part of a design: apps with the identities they share, or a developer, or a
 * service on its own; with every edge from its nodes and the nodes those edges lead out to.
 */
export interface PrincipalPart extends Component {
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
  const at = positionsOf(design)
  const find = unionFind(design, at, false)
  const byRoot = partsOf(design, find, at)
  const outside = new Map<number, Set<number>>()
  for (const edge of design.edges) {
    const s = at.get(edge.source)
    const t = edge.kind === 'access' ? at.get(edge.target) : undefined
    if (s === undefined || t === undefined) continue
    const root = find(s)
    if (find(t) === root) continue
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

/**
 * Splits a design into service parts: each service with the access edges into it, and their
 * sources as `context`. Everything a service-local rule (incremental.ts) reads.
 */
export function serviceParts(design: Design): PrincipalPart[] {
  const at = positionsOf(design)
  const parts = new Map<
    string,
    { key: string; nodes: DesignNode[]; edges: DesignEdge[]; from: Set<number> }
  >()
  for (const node of design.nodes)
    if (node.kind === 'service')
      parts.set(node.id, { key: node.id, nodes: [node], edges: [], from: new Set() })
  for (const edge of design.edges) {
    const part = edge.kind === 'access' ? parts.get(edge.target) : undefined
    const s = at.get(edge.source)
    if (!part || s === undefined) continue
    part.edges.push(edge)
    part.from.add(s)
  }
  return [...parts.values()].map(({ from, ...part }) => ({
    ...part,
    context: [...from].sort((a, b) => a - b).map((i) => design.nodes[i] as DesignNode),
  }))
}

function positionsOf(design: Design): Map<string, number> {
  const at = new Map<string, number>()
  design.nodes.forEach((n, i) => at.set(n.id, i))
  return at
}

/** The nodes and edges of each part, by the root of its union-find tree, in file order. */
function partsOf(
  design: Design,
  find: (i: number) => number,
  at: ReadonlyMap<string, number>,
): Map<number, { key: string; nodes: DesignNode[]; edges: DesignEdge[] }> {
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
  for (const edge of design.edges) {
    const s = at.get(edge.source)
    if (s !== undefined) byRoot.get(find(s))?.edges.push(edge)
  }
  return byRoot
}

/** The design a check of one part reads: its nodes, the nodes it targets, and its edges. */
export function partDesign(name: string, part: PrincipalPart): Design {
  return { name, nodes: [...part.nodes, ...part.context], edges: [...part.edges] }
}

/**
 * The root of each node's part, by node position (path-halving union-find): attach edges join
 * their ends, access edges their source and `via`, and their target too if `joinTargets`.
 */
function unionFind(
  design: Design,
  at: ReadonlyMap<string, number>,
  joinTargets: boolean,
): (i: number) => number {
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
  for (const edge of design.edges) {
    if (edge.kind === 'attach' || joinTargets) union(edge.source, edge.target)
    if (edge.kind === 'access') union(edge.source, edge.via)
  }
  return find
}
