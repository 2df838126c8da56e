import type { NodeKind } from '../model/kinds.ts'
import type { Design, Position } from '../model/types.ts'

/** A node's drawn size; nodes not measured yet take the designer's default card size. */
export interface Size {
  readonly width: number
  readonly height: number
}

const LAYER: Record<NodeKind, number> = { developer: 0, app: 0, identity: 1, service: 2 }
/** Column x per layer: a wider gap before services leaves room for the access labels. */
const COLUMN_X = [0, 340, 740]
const ROW_GAP = 36
const DEFAULT_SIZE: Size = { width: 220, height: 84 }

/**
 * Auto layout in layers, left to right: developers and apps → identities → services. dagre
 * (loaded on demand, it is not needed to draw) orders nodes within each layer to limit crossings;
 * the layer then fixes the column, and rows are packed so no two nodes overlap.
 */
export async function layeredLayout(
  design: Design,
  measured: ReadonlyMap<string, Size>,
): Promise<Map<string, Position>> {
  const { graphlib, layout } = await import('@dagrejs/dagre')
  const g = new graphlib.Graph()
  g.setGraph({ rankdir: 'LR', nodesep: ROW_GAP, ranksep: 120 })
  g.setDefaultEdgeLabel(() => ({}))
  const sizeOf = (id: string): Size => measured.get(id) ?? DEFAULT_SIZE
  for (const node of design.nodes) g.setNode(node.id, { ...sizeOf(node.id) })
  for (const edge of design.edges)
    g.setEdge(edge.source, edge.target, { minlen: edge.kind === 'attach' ? 1 : 2 })
  layout(g)

  const columns: { id: string; y: number }[][] = [[], [], []]
  for (const node of design.nodes) {
    const laid = g.node(node.id) as { y: number } | undefined
    columns[LAYER[node.kind]]?.push({ id: node.id, y: laid?.y ?? 0 })
  }
  const out = new Map<string, Position>()
  columns.forEach((column, layer) => {
    column.sort((a, b) => a.y - b.y)
    let next = -Infinity
    for (const item of column) {
      const size = sizeOf(item.id)
      const y = Math.max(item.y - size.height / 2, next)
      out.set(item.id, { x: COLUMN_X[layer] ?? 0, y: Math.round(y / 20) * 20 })
      next = y + size.height + ROW_GAP
    }
  })
  return out
}

/** The design with every node placed by the layered layout (used to open the templates tidy). */
export async function laidOut(design: Design): Promise<Design> {
  if (design.nodes.length === 0) return design
  const positions = await layeredLayout(design, new Map())
  return {
    ...design,
    nodes: design.nodes.map((n) => {
      const position = positions.get(n.id)
      return position ? { ...n, position } : n
    }),
  }
}
