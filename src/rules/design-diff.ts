import type { Design, DesignEdge, DesignNode } from '../model/types.ts'

/** The nodes and edges, by id, that one version of a design replaced in the version before it. */
export interface Replaced {
  readonly nodes: ReadonlyMap<string, DesignNode>
  readonly edges: ReadonlyMap<string, DesignEdge>
}

/**
 * What `next` replaced of `prev`, when it only replaced nodes and edges in place: the same ids in
 * the same order, and every edge with the same kind, ends and `via`, so that the design splits
 * into the same parts (components.ts). Undefined otherwise (a node or edge added, removed or
 * reconnected). Edits hand untouched items back as the same objects: comparing them is cheap.
 */
export function replacedInPlace(prev: Design, next: Design): Replaced | undefined {
  if (prev.nodes.length !== next.nodes.length || prev.edges.length !== next.edges.length)
    return undefined
  const nodes = new Map<string, DesignNode>()
  for (let i = 0; i < next.nodes.length; i++) {
    const a = prev.nodes[i] as DesignNode
    const b = next.nodes[i] as DesignNode
    if (a === b) continue
    if (a.id !== b.id || a.kind !== b.kind) return undefined
    nodes.set(b.id, b)
  }
  const edges = new Map<string, DesignEdge>()
  for (let i = 0; i < next.edges.length; i++) {
    const a = prev.edges[i] as DesignEdge
    const b = next.edges[i] as DesignEdge
    if (a === b) continue
    if (a.id !== b.id || a.kind !== b.kind || a.source !== b.source || a.target !== b.target)
      return undefined
    if (a.kind === 'access' && b.kind === 'access' && a.via !== b.via) return undefined
    edges.set(b.id, b)
  }
  return { nodes, edges }
}

/** A part's list with the replaced items put in. */
export function withReplaced<T extends { readonly id: string }>(
  list: readonly T[],
  replaced: ReadonlyMap<string, T>,
): T[] {
  return list.map((x) => replaced.get(x.id) ?? x)
}
