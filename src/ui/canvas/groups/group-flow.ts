import type { Edge, Node } from '@xyflow/react'
import type { NodeGroup } from '../../../layout/groups.ts'
import type { Position } from '../../../model/types.ts'
import { spoken } from '../../a11y/names.ts'
import {
  NODE_HEIGHT,
  NODE_WIDTH,
  OFF_TAB_ORDER,
  type FlowEdge,
  type FlowNode,
} from '../flow-elements.ts'
import {
  boxId,
  cardId,
  groupBoxes,
  groupTitle,
  hiddenBy,
  redirectLines,
  type GroupBox,
} from './group-boxes.ts'

export interface GroupNodeData extends Record<string, unknown> {
  readonly groupId: string
  /** The group's name as its members spell it. */
  readonly name: string
  /** "rg-orders · 12 nodes" */
  readonly title: string
}
export interface GroupLinkData extends Record<string, unknown> {
  /** The design edges the line stands for: selecting the line selects them. */
  readonly members: readonly string[]
}

export type GroupFlowNode = Node<GroupNodeData, 'group-box' | 'group-card'>
export type GroupFlowEdge = Edge<GroupLinkData, 'group-link'>
/** Everything the canvas hands React Flow: the design's nodes and lines, and the groups'. */
export type CanvasNode = FlowNode | GroupFlowNode
export type CanvasEdge = FlowEdge | GroupFlowEdge

/**
 * Groups never become part of the design: boxes and cards are not selectable, draggable,
 * connectable or focusable as nodes (their buttons are the way in), and boxes lie behind nodes.
 */
const INERT = {
  selectable: false,
  draggable: false,
  connectable: false,
  focusable: false,
  deletable: false,
  ariaRole: 'group',
} as const

function boxNode(box: GroupBox): GroupFlowNode {
  const title = groupTitle(box)
  return {
    id: boxId(box.id),
    type: 'group-box',
    position: { x: box.rect.x, y: box.rect.y },
    width: box.rect.width,
    height: box.rect.height,
    zIndex: -1,
    data: { groupId: box.id, name: box.title, title },
    ariaLabel: `Group ${spoken(title)}`,
    ...INERT,
  }
}

function cardNode(box: GroupBox): GroupFlowNode {
  const title = groupTitle(box)
  return {
    id: cardId(box.id),
    type: 'group-card',
    position: box.card,
    width: NODE_WIDTH,
    height: NODE_HEIGHT,
    // Its size is fixed: with it, a card made again (every time the nodes change, e.g. as the
    // selection does) keeps React Flow's measure, and its lines stay drawn. Without it they
    // vanish until it is measured again, and a click on one is lost.
    measured: { width: NODE_WIDTH, height: NODE_HEIGHT },
    data: { groupId: box.id, name: box.title, title },
    ariaLabel: `Collapsed group ${spoken(title)}`,
    ...INERT,
  }
}

/**
 * The canvas's nodes and lines with the groups drawn: a box behind each expanded group's
 * members; for each collapsed group, its members hidden, one card for them, and their lines
 * drawn to the card (src/ui/canvas/groups/group-boxes.ts). A card's line can be selected, as a
 * bundled line can: it selects the design edges it stands for. Without groups, the inputs as they are.
 */
export function groupLayer(
  groups: readonly NodeGroup[],
  nodes: FlowNode[],
  edges: FlowEdge[],
  collapsed: ReadonlySet<string>,
  nameOf: (id: string) => string,
  selectedEdges: ReadonlySet<string> = new Set(),
): { nodes: CanvasNode[]; edges: CanvasEdge[] } {
  if (groups.length === 0) return { nodes, edges }
  const positions = new Map<string, Position>(nodes.map((n) => [n.id, n.position]))
  const boxes = groupBoxes(groups, (id) => positions.get(id), collapsed)
  const hidden = hiddenBy(boxes)
  const titles = new Map(boxes.map((b) => [cardId(b.id), groupTitle(b)]))
  const { kept, links } = redirectLines(
    edges,
    hidden,
    (e) => e.data?.segment.members.map((m) => m.id) ?? [e.id],
  )
  const name = (id: string): string => spoken(titles.get(id) ?? nameOf(id))
  return {
    nodes: [
      ...boxes.filter((b) => !b.collapsed).map(boxNode),
      ...(hidden.size > 0 ? nodes.filter((n) => !hidden.has(n.id)) : nodes),
      ...boxes.filter((b) => b.collapsed).map(cardNode),
    ],
    edges: [
      ...kept,
      ...links.map((l): GroupFlowEdge => ({
        id: l.id,
        type: 'group-link',
        source: l.source,
        target: l.target,
        data: { members: l.edges },
        ariaLabel: `${connections(l.edges.length)} between ${name(l.source)} and ${name(l.target)}`,
        domAttributes: OFF_TAB_ORDER,
        // Selected when any edge it stands for is (the inspector then shows them).
        selected: l.edges.some((id) => selectedEdges.has(id)),
        deletable: false,
      })),
    ],
  }
}

export function connections(n: number): string {
  return `${n} connection${n === 1 ? '' : 's'}`
}
