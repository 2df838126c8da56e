import type { Edge, Node } from '@xyflow/react'
import type { NodeKind } from '../../model/kinds.ts'
import type { Design, DesignNode, Position } from '../../model/types.ts'
import type { SubjectCounts } from '../../store/derived.ts'
import type { Selection, Size } from '../../store/types.ts'
import { NODE_HEIGHT, NODE_WIDTH } from './drawing/geometry.ts'
import type { LabelText } from './drawing/label-text.ts'
import type { PlacedLabel } from './drawing/scene.ts'
import { sameSegment, type Segment } from './drawing/segments.ts'

/** How a node or edge is marked by its findings when drawn far out. */
export type Tone = '' | 'has-error' | 'has-warning'

/**
 * Nodes and edges carry everything their component draws, so components read no store: a node or
 * edge re-renders only when its own object changes (FlowElementCache keeps unchanged ones), and the
 * same components draw the benchmark's bare React Flow page.
 */
export interface FlowNodeData extends Record<string, unknown> {
  readonly node: DesignNode
  readonly tone: Tone
  readonly detail: Detail
  /** Its findings by severity (the badges). */
  readonly counts: SubjectCounts
  /** How many apps use it (identities; 0 for other kinds). */
  readonly uses: number
}
export interface FlowEdgeData extends Record<string, unknown> {
  /** The line drawn and the design edges it stands for. */
  readonly segment: Segment
  readonly tone: Tone
  readonly detail: Detail
  /** Errors and warnings of the design edges it stands for. */
  readonly problems: number
  /** Its label, placed clear of nodes and other labels (access lines, when near enough). */
  readonly placed: PlacedLabel | undefined
}

/** How the canvas dresses each node: findings, accessible name, use count. */
export interface NodeDress {
  tone(id: string): Tone
  counts(id: string): SubjectCounts
  label(id: string): string
  uses(node: DesignNode): number
}

/** How the canvas dresses each line: findings, accessible name, placed label. */
export interface EdgeLook {
  tone(segment: Segment): Tone
  problems(segment: Segment): number
  label(segment: Segment): string
  placed(segment: Segment): PlacedLabel | undefined
}

function samePlaced(a: PlacedLabel | undefined, b: PlacedLabel | undefined): boolean {
  if (a === b) return true
  if (!a || !b) return false
  return (
    a.scale === b.scale &&
    a.spot.x === b.spot.x &&
    a.spot.y === b.spot.y &&
    a.spot.compact === b.spot.compact &&
    a.spot.crowded === b.spot.crowded &&
    sameText(a.text, b.text)
  )
}

function sameText(a: LabelText, b: LabelText): boolean {
  return (
    a.role === b.role &&
    a.roleCount === b.roleCount &&
    a.scope === b.scope &&
    a.problems === b.problems &&
    a.note?.text === b.note?.text &&
    a.note?.tone === b.note?.tone
  )
}

/**
 * Level of detail by zoom, decided once by the canvas and handed to every element (a store
 * subscription per element would run thousands of selectors on every pan): far out, boxes and
 * paths only; in between, no edge labels; near, everything.
 */
export type Detail = 'far' | 'mid' | 'near'

export function detailAt(zoom: number): Detail {
  return zoom < 0.35 ? 'far' : zoom < 0.55 ? 'mid' : 'near'
}

export type FlowNode = Node<FlowNodeData, NodeKind>
export type FlowEdge = Edge<FlowEdgeData, Segment['kind']>

export { NODE_HEIGHT, NODE_WIDTH } from './drawing/geometry.ts'

/**
 * Every node and line is out of the page's Tab order (focusable, by the canvas's keys): the
 * canvas is one stop of it, which passes the focus on to one of them (use-tab-stop.ts). React
 * Flow lays `domAttributes` over the tabindex it gives. One object for all, never changing: no
 * node is drawn again for it.
 */
export const OFF_TAB_ORDER = { tabIndex: -1 } as const

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

/** What one node is drawn from. */
export interface NodeInput {
  readonly source: DesignNode
  /** Its accessible name. */
  readonly label: string
  readonly tone: Tone
  readonly counts: SubjectCounts
  readonly uses: number
  readonly detail: Detail
  readonly position: Position
  readonly selected: boolean
  readonly measured: Size | undefined
}

/** What one line is drawn from. */
export interface EdgeInput {
  readonly segment: Segment
  /** Its accessible name. */
  readonly label: string
  readonly selected: boolean
  readonly tone: Tone
  readonly detail: Detail
  readonly problems: number
  readonly placed: PlacedLabel | undefined
}

export function flowNode(input: NodeInput): FlowNode {
  const { source, tone, detail, counts, uses, position, selected, measured } = input
  return {
    id: source.id,
    type: source.kind,
    position,
    data: { node: source, tone, detail, counts, uses },
    ariaLabel: input.label,
    domAttributes: OFF_TAB_ORDER,
    // Every node has this size (canvas.css): known before measuring, so the minimap, culling and
    // fitting work at once and nodes never wait hidden for a measure.
    initialWidth: NODE_WIDTH,
    initialHeight: NODE_HEIGHT,
    selected,
    ...(measured ? { measured } : {}),
  }
}

export function flowEdge(input: EdgeInput): FlowEdge {
  const { segment, tone, detail, problems, placed, selected } = input
  return {
    id: segment.id,
    type: segment.kind,
    source: segment.source,
    target: segment.target,
    data: { segment, tone, detail, problems, placed },
    ariaLabel: input.label,
    domAttributes: OFF_TAB_ORDER,
    selected,
  }
}

const sameCounts = (a: SubjectCounts, b: SubjectCounts): boolean =>
  a.error === b.error && a.warning === b.warning && a.info === b.info

type NodeEntry = NodeInput & { readonly node: FlowNode }
type EdgeEntry = EdgeInput & { readonly edge: FlowEdge }

/**
 * Turns the design into React Flow's node and edge arrays, reusing the previous object for every
 * node or edge whose inputs did not change: React Flow then skips them (it compares by identity),
 * and so do the memoized components, which keeps large designs fast.
 */
export class FlowElementCache {
  private nodes = new Map<string, NodeEntry>()
  private edges = new Map<string, EdgeEntry>()
  private fallback: { design: Design; positions: Map<string, Position> } | undefined

  buildNodes(
    design: Design,
    selection: Selection,
    measured: ReadonlyMap<string, Size>,
    drag: ReadonlyMap<string, Position> | null,
    dress: NodeDress,
    detail: Detail,
    /** The nodes shown (focus on a neighbourhood); every node when absent. */
    only?: ReadonlySet<string>,
  ): FlowNode[] {
    const selected = new Set(selection.nodes)
    const next = new Map<string, NodeEntry>()
    const out: FlowNode[] = []
    for (const source of design.nodes) {
      if (only && !only.has(source.id)) continue
      const position =
        drag?.get(source.id) ?? source.position ?? this.fallbackFor(design, source.id)
      const isSelected = selected.has(source.id)
      const tone = dress.tone(source.id)
      const label = dress.label(source.id)
      const counts = dress.counts(source.id)
      const uses = dress.uses(source)
      const old = this.nodes.get(source.id)
      let entry: NodeEntry
      if (
        old &&
        old.source === source &&
        old.label === label &&
        old.tone === tone &&
        old.uses === uses &&
        sameCounts(old.counts, counts) &&
        old.detail === detail &&
        old.selected === isSelected &&
        old.position.x === position.x &&
        old.position.y === position.y
      )
        entry = old
      else {
        const input: NodeInput = {
          source,
          label,
          tone,
          counts,
          uses,
          detail,
          position,
          selected: isSelected,
          measured: measured.get(source.id),
        }
        entry = { ...input, node: flowNode(input) }
      }
      next.set(source.id, entry)
      out.push(entry.node)
    }
    this.nodes = next
    return out
  }

  /**
   * One React Flow edge per drawn line (segments.ts). A line is selected when any design edge it
   * stands for is; its tone is the worst of theirs.
   */
  buildEdges(
    segments: readonly Segment[],
    selection: Selection,
    look: EdgeLook,
    detail: Detail,
  ): FlowEdge[] {
    const selected = new Set(selection.edges)
    const next = new Map<string, EdgeEntry>()
    const out: FlowEdge[] = []
    for (const segment of segments) {
      const isSelected = segment.members.some((m) => selected.has(m.id))
      const tone = look.tone(segment)
      const problems = look.problems(segment)
      const label = look.label(segment)
      const placed = look.placed(segment)
      const old = this.edges.get(segment.id)
      let entry: EdgeEntry
      if (
        old &&
        sameSegment(old.segment, segment) &&
        old.label === label &&
        old.selected === isSelected &&
        old.tone === tone &&
        old.detail === detail &&
        old.problems === problems &&
        samePlaced(old.placed, placed)
      )
        entry = old
      else {
        const input: EdgeInput = {
          segment,
          label,
          selected: isSelected,
          tone,
          detail,
          problems,
          placed,
        }
        entry = { ...input, edge: flowEdge(input) }
      }
      next.set(segment.id, entry)
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
