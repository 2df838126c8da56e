import type { Edge, Node } from '@xyflow/react'
import type { NodeKind } from '../../model/kinds.ts'
import type { Design, DesignEdge, DesignNode, Position } from '../../model/types.ts'
import type { Selection, Size } from '../../store/types.ts'

export type FlowNode = Node<Record<string, never>, NodeKind>
export type FlowEdge = Edge<Record<string, never>, DesignEdge['kind']>

const EMPTY = Object.freeze({}) as Record<string, never>

/** Where a node without a stored position is drawn: its kind's column, in file order. */
const COLUMN: Record<NodeKind, number> = { developer: 0, app: 0, identity: 1, service: 2 }

export function fallbackPositions(design: Design): Map<string, Position> {
  const rows = [0, 0, 0]
  const out = new Map<string, Position>()
  for (const node of design.nodes) {
    const column = COLUMN[node.kind]
    const row = rows[column] ?? 0
    rows[column] = row + 1
    if (!node.position) out.set(node.id, { x: column * 340, y: row * 140 })
  }
  return out
}

interface NodeEntry {
  readonly source: DesignNode
  readonly position: Position
  readonly selected: boolean
  readonly measured: Size | undefined
  readonly node: FlowNode
}

/**
 * Turns the design into React Flow's node and edge arrays, reusing the previous object for every
 * node or edge whose inputs did not change: React Flow then skips them (it compares by identity),
 * which keeps large designs fast. Node components read their data from the store by id.
 */
export class FlowElementCache {
  private nodes = new Map<string, NodeEntry>()
  private edges = new Map<string, { source: DesignEdge; selected: boolean; edge: FlowEdge }>()
  private fallback: { design: Design; positions: Map<string, Position> } | undefined

  buildNodes(
    design: Design,
    selection: Selection,
    measured: ReadonlyMap<string, Size>,
    drag: ReadonlyMap<string, Position> | null,
  ): FlowNode[] {
    const selected = new Set(selection.nodes)
    const next = new Map<string, NodeEntry>()
    const out: FlowNode[] = []
    for (const source of design.nodes) {
      const position =
        drag?.get(source.id) ?? source.position ?? this.fallbackFor(design, source.id)
      const isSelected = selected.has(source.id)
      const size = measured.get(source.id)
      const old = this.nodes.get(source.id)
      const entry =
        old &&
        old.source === source &&
        old.selected === isSelected &&
        old.measured === size &&
        old.position.x === position.x &&
        old.position.y === position.y
          ? old
          : {
              source,
              position,
              selected: isSelected,
              measured: size,
              node: {
                id: source.id,
                type: source.kind,
                position,
                data: EMPTY,
                selected: isSelected,
                ...(size ? { measured: size } : {}),
              },
            }
      next.set(source.id, entry)
      out.push(entry.node)
    }
    this.nodes = next
    return out
  }

  buildEdges(design: Design, selection: Selection): FlowEdge[] {
    const selected = new Set(selection.edges)
    const next = new Map<string, { source: DesignEdge; selected: boolean; edge: FlowEdge }>()
    const out: FlowEdge[] = []
    for (const source of design.edges) {
      const isSelected = selected.has(source.id)
      const old = this.edges.get(source.id)
      const entry =
        old && old.source === source && old.selected === isSelected
          ? old
          : {
              source,
              selected: isSelected,
              edge: {
                id: source.id,
                type: source.kind,
                source: source.source,
                target: source.target,
                data: EMPTY,
                selected: isSelected,
              },
            }
      next.set(source.id, entry)
      out.push(entry.edge)
    }
    this.edges = next
    return out
  }

  private fallbackFor(design: Design, id: string): Position {
    if (this.fallback?.design !== design)
      this.fallback = { design, positions: fallbackPositions(design) }
    return this.fallback.positions.get(id) ?? { x: 0, y: 0 }
  }
}
