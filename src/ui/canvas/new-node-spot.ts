import type { ReactFlowInstance } from '@xyflow/react'
import type { Position } from '../../model/types.ts'
import type { DesignerStore } from '../../store/create-store.ts'
import { placeAdded } from '../../layout/free-space.ts'
import { GRID, newNode, type NewNodeSpec } from '../../store/node-factory.ts'
import { motionDuration } from '../a11y/motion.ts'
import type { Rect } from './drawing/geometry.ts'
import { fallbackPositions, NODE_HEIGHT, NODE_WIDTH } from './flow-elements.ts'
import { spotInView } from './spot-in-view.ts'

/**
 * What is drawn over the canvas: the view bar (its whole band: a spot beside a short second row
 * would be under the bar to revealNode, which then moved the view), React Flow's panels (zoom
 * controls, minimap), notices.
 */
const OVERLAYS = '.view-bar, .react-flow__panel, .notices > *'
/** Room kept between a new node and the view's edges and the overlays, in screen pixels. */
const ROOM_PX = 16
/** Room kept between a node brought into view and the canvas's edges, in screen pixels. */
const REVEAL_MARGIN = 24
/** Room kept between a new node and the others (as the store's free-space placement keeps). */
const NODE_GAP = 20

type Flow = Pick<
  ReactFlowInstance,
  'screenToFlowPosition' | 'getNodes' | 'getViewport' | 'setViewport'
>

/**
 * Adds a node from the palette, centred on `at` (a screen point: where it was dropped) or else on
 * the middle of the view, moved to the nearest spot wholly in view and clear of what is drawn over
 * the canvas (the view bar, zoom controls, minimap, notices) and of every node. Returns its id.
 */
export function addNodeInView(
  store: DesignerStore,
  flow: Flow,
  spec: NewNodeSpec,
  at?: { x: number; y: number },
): string | undefined {
  const id = store.getState().addNode(spec, newNodeSpot(store, flow, spec, at))
  const placed = store.getState().design.nodes.find((n) => n.id === id)?.position
  if (placed) revealNode(flow, placed)
  return id
}

/**
 * Where a new node goes (its top-left corner, in flow coordinates): where the store would put it
 * (centred as asked, else the nearest free spot, beside the node there one layer over for another
 * kind), or else the spot in view nearest that. When the view has no room, centred as asked: the
 * store then puts it in the nearest free space, which may lie beyond the view.
 */
function newNodeSpot(
  store: DesignerStore,
  flow: Flow,
  spec: NewNodeSpec,
  at?: { x: number; y: number },
): Position {
  const pane = document.querySelector('.react-flow')?.getBoundingClientRect()
  // Exact coordinates: the canvas snaps to its grid, the search does too (on whole nodes).
  const toFlow = (p: { x: number; y: number }): Position =>
    flow.screenToFlowPosition(p, { snapToGrid: false })
  const centre = at ?? (pane ? { x: pane.x + pane.width / 2, y: pane.y + pane.height / 2 } : null)
  const middle = centre ? toFlow(centre) : { x: 0, y: 0 }
  const near = { x: middle.x - NODE_WIDTH / 2, y: middle.y - NODE_HEIGHT / 2 }
  if (!pane || pane.width === 0 || pane.height === 0) return near
  const rect = (r: Rect): Rect => {
    const a = toFlow({ x: r.x, y: r.y })
    const b = toFlow({ x: r.x + r.width, y: r.y + r.height })
    return { x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y }
  }
  const view = rect(pane)
  const overlays = [...document.querySelectorAll(OVERLAYS)]
    .map((el) => el.getBoundingClientRect())
    .filter((r) => r.width > 0 && r.height > 0)
    .map(rect)
  const { design, measured } = store.getState()
  const [wanted] = placeAdded(
    design,
    [{ type: 'addNode', node: newNode(design, spec, near) }],
    'each',
  )
  const fallback = fallbackPositions(design)
  const nodes = design.nodes.flatMap((n): Rect[] => {
    const p = n.position ?? fallback.get(n.id)
    const size = measured.get(n.id) ?? { width: NODE_WIDTH, height: NODE_HEIGHT }
    return p ? [{ ...p, ...size }] : []
  })
  // A collapsed group's card stands where its members are not.
  for (const n of flow.getNodes())
    if (n.type === 'group-card')
      nodes.push({ ...n.position, width: NODE_WIDTH, height: NODE_HEIGHT })
  const spot = spotInView({
    view,
    overlays,
    nodes,
    size: { width: NODE_WIDTH, height: NODE_HEIGHT },
    near: wanted?.type === 'addNode' ? (wanted.node.position ?? near) : near,
    gap: NODE_GAP,
    inset: ROOM_PX * (view.width / pane.width),
    grid: GRID,
  })
  return spot ?? near
}

/**
 * A view with no room left: the store put the node in the nearest free space, which may lie beyond
 * the view or under the view bar. The view then moves just enough to show the node whole, below
 * the bar, at the same zoom. Unseen, it could not be reached with Tab either (only what is in view
 * is drawn).
 */
function revealNode(flow: Flow, at: Position): void {
  const pane = document.querySelector('.react-flow')?.getBoundingClientRect()
  if (!pane) return
  const { x, y, zoom } = flow.getViewport()
  const bar = document.querySelector('.view-bar')?.getBoundingClientRect()
  const top = bar ? bar.bottom - pane.top + REVEAL_MARGIN : REVEAL_MARGIN
  const left = at.x * zoom + x
  const right = left + NODE_WIDTH * zoom
  const upper = at.y * zoom + y
  const lower = upper + NODE_HEIGHT * zoom
  const dx =
    left < REVEAL_MARGIN ? REVEAL_MARGIN - left : Math.min(0, pane.width - REVEAL_MARGIN - right)
  const dy = upper < top ? top - upper : Math.min(0, pane.height - REVEAL_MARGIN - lower)
  if (dx !== 0 || dy !== 0)
    void flow.setViewport({ x: x + dx, y: y + dy, zoom }, { duration: motionDuration(200) })
}
