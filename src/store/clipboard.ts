import type { Edit } from '../model/edits.ts'
import { freshId, usedIds } from '../model/ids.ts'
import type { Design, DesignEdge, DesignNode } from '../model/types.ts'

/** What Copy keeps: the selected nodes and the edges between them. */
export interface ClipboardData {
  readonly nodes: readonly DesignNode[]
  readonly edges: readonly DesignEdge[]
}

export function copyOf(design: Design, nodeIds: readonly string[]): ClipboardData | undefined {
  const ids = new Set(nodeIds)
  const nodes = design.nodes.filter((n) => ids.has(n.id))
  if (nodes.length === 0) return undefined
  const edges = design.edges.filter((e) => ids.has(e.source) && ids.has(e.target))
  return { nodes, edges }
}

/**
 * Edits that paste a copy: fresh ids, positions shifted by `offset`, edges and `via` remapped to
 * the pasted nodes (a `via` naming an identity outside the copy is kept: the rules will say so).
 * Returns the new node ids too, so the paste can become the selection.
 */
export function pasteEdits(
  design: Design,
  data: ClipboardData,
  offset: number,
): { edits: Edit[]; nodeIds: string[] } {
  const taken = usedIds(design)
  const map = new Map<string, string>()
  const claim = (id: string): string => {
    const fresh = freshId(taken, id)
    taken.add(fresh)
    return fresh
  }
  const edits: Edit[] = []
  for (const node of data.nodes) {
    const id = claim(node.id)
    map.set(node.id, id)
    const { azure: _binding, ...rest } = node
    const position = node.position ?? { x: 0, y: 0 }
    edits.push({
      type: 'addNode',
      // A copy is a new resource: it must not stay bound to the original's Azure resource.
      node: { ...rest, id, position: { x: position.x + offset, y: position.y + offset } },
    })
  }
  for (const edge of data.edges) {
    const source = map.get(edge.source) ?? edge.source
    const target = map.get(edge.target) ?? edge.target
    const id = claim(edge.id)
    if (edge.kind === 'attach')
      edits.push({ type: 'addEdge', edge: { ...edge, id, source, target } })
    else {
      const via = edge.via !== undefined ? (map.get(edge.via) ?? edge.via) : undefined
      edits.push({
        type: 'addEdge',
        edge: { ...edge, id, source, target, ...(via !== undefined ? { via } : {}) },
      })
    }
  }
  return { edits, nodeIds: [...map.values()] }
}
