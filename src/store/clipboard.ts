import type { Edit } from '../model/edits.ts'
import { freshId, usedIds } from '../model/ids.ts'
import { NAME_MAX, type NodeKind } from '../model/kinds.ts'
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
 * Edits that paste a copy: fresh ids, names unique among the nodes of their kind (a copy is
 * another Azure resource, and two of one name would be one resource to the plan and the
 * exports), positions shifted by `offset`, edges and `via` remapped to the pasted nodes (a `via`
 * naming an identity outside the copy is kept: the rules will say so). Returns the new node ids
 * too, so the paste can become the selection.
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
  const names = namesByKind(design)
  const edits: Edit[] = []
  for (const node of data.nodes) {
    const id = claim(node.id)
    map.set(node.id, id)
    const taken = names.get(node.kind) ?? new Set<string>()
    const name = freshName(taken, node.name)
    taken.add(name)
    names.set(node.kind, taken)
    const { azure: _binding, ...rest } = node
    const position = node.position ?? { x: 0, y: 0 }
    edits.push({
      type: 'addNode',
      // A copy is a new resource: it must not stay bound to the original's Azure resource.
      node: { ...rest, id, name, position: { x: position.x + offset, y: position.y + offset } },
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

function namesByKind(design: Design): Map<NodeKind, Set<string>> {
  const names = new Map<NodeKind, Set<string>>()
  for (const n of design.nodes) names.set(n.kind, (names.get(n.kind) ?? new Set()).add(n.name))
  return names
}

/**
 * `name` when it is free, else `name-2`, `name-3`… as ids go. A name at the format's 128
 * characters gives up whole characters at its end for the suffix (a user-perceived character,
 * so neither a surrogate pair nor an emoji sequence is cut).
 */
export function freshName(taken: ReadonlySet<string>, name: string): string {
  if (!taken.has(name)) return name
  const graphemes = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(name)]
  for (let i = 2; ; i++) {
    const suffix = `-${i}`
    let base = ''
    let length = 0
    for (const { segment } of graphemes) {
      const chars = [...segment].length
      if (length + chars + suffix.length > NAME_MAX) break
      base += segment
      length += chars
    }
    const fresh = `${base}${suffix}`
    if (!taken.has(fresh)) return fresh
  }
}
