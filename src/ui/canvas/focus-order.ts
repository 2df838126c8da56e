import type { Position } from '../../model/types.ts'
import { NODE_HEIGHT } from './flow-elements.ts'

/**
 * The canvas's keyboard order, pure. The canvas is one stop of the page's Tab order, as a
 * composite widget is (WAI-ARIA): one node or line is tabbable (its tab stop, tabStop), every
 * other one is reached from there, with the arrow keys between nodes (nearestToward) and ] / [
 * along connections (neighbours.ts).
 */

/** A node or line of the canvas. */
export interface CanvasItem {
  readonly kind: 'node' | 'line'
  readonly id: string
}

export const sameItem = (a: CanvasItem | null, b: CanvasItem | null): boolean =>
  a === b || (a !== null && b !== null && a.kind === b.kind && a.id === b.id)

/** What the canvas's tab stop is chosen from: React Flow's store, as its renderers read it. */
export interface FlowView {
  readonly nodeLookup: ReadonlyMap<string, ViewNode>
  readonly edgeLookup: ReadonlyMap<string, ViewEdge>
  /** [x, y, zoom] */
  readonly transform: readonly [number, number, number]
  readonly width: number
  readonly height: number
}

interface ViewNode {
  readonly id: string
  readonly selected?: boolean
  readonly hidden?: boolean
  readonly focusable?: boolean
  readonly dragging?: boolean
  readonly width?: number
  readonly height?: number
  readonly initialWidth?: number
  readonly initialHeight?: number
  readonly measured: { readonly width?: number; readonly height?: number }
  readonly internals: { readonly positionAbsolute: Position; readonly handleBounds?: unknown }
}

interface ViewEdge {
  readonly id: string
  readonly source: string
  readonly target: string
  readonly selected?: boolean
  readonly hidden?: boolean
  readonly focusable?: boolean
}

interface Box {
  readonly x: number
  readonly y: number
  readonly x2: number
  readonly y2: number
}

function nodeBox(n: ViewNode): Box {
  const { x, y } = n.internals.positionAbsolute
  const width = n.measured.width ?? n.width ?? n.initialWidth ?? 0
  const height = n.measured.height ?? n.height ?? n.initialHeight ?? 0
  return { x, y, x2: x + width, y2: y + height }
}

function viewBox(view: FlowView): Box {
  const [tx, ty, zoom] = view.transform
  const x = -tx / zoom
  const y = -ty / zoom
  return { x, y, x2: x + view.width / zoom, y2: y + view.height / zoom }
}

const overlaps = (a: Box, b: Box): boolean =>
  Math.min(a.x2, b.x2) > Math.max(a.x, b.x) && Math.min(a.y2, b.y2) > Math.max(a.y, b.y)

/**
 * Whether React Flow draws the node (it draws only what is in view, as this canvas asks): partly
 * in view, being dragged, or not measured yet (drawn once to be measured).
 */
function nodeDrawn(view: FlowView, n: ViewNode): boolean {
  if (n.hidden) return false
  return !n.internals.handleBounds || !!n.dragging || overlaps(nodeBox(n), viewBox(view))
}

/** Whether React Flow draws the line: the box around both its ends is partly in view. */
function lineDrawn(view: FlowView, e: ViewEdge): boolean {
  const source = view.nodeLookup.get(e.source)
  const target = view.nodeLookup.get(e.target)
  if (e.hidden || !source || !target || source.hidden || target.hidden) return false
  const a = nodeBox(source)
  const b = nodeBox(target)
  const x = Math.min(a.x, b.x)
  const y = Math.min(a.y, b.y)
  const box = { x, y, x2: Math.max(a.x2, b.x2, x + 1), y2: Math.max(a.y2, b.y2, y + 1) }
  return overlaps(box, viewBox(view))
}

const focusable = (item: { readonly focusable?: boolean }): boolean => item.focusable !== false

/**
 * The first of `positions` in reading order: the top row (within half a node's height of the
 * topmost), its leftmost.
 */
export function readingFirst<T extends { readonly position: Position }>(
  positions: readonly T[],
): T | undefined {
  let top = Infinity
  for (const p of positions) top = Math.min(top, p.position.y)
  let first: T | undefined
  for (const p of positions)
    if (p.position.y <= top + NODE_HEIGHT / 2 && (!first || p.position.x < first.position.x))
      first = p
  return first
}

function firstDrawnNode(view: FlowView, wanted: (n: ViewNode) => boolean): CanvasItem | null {
  const drawn: { id: string; position: Position }[] = []
  for (const n of view.nodeLookup.values())
    if (focusable(n) && wanted(n) && nodeDrawn(view, n))
      drawn.push({ id: n.id, position: n.internals.positionAbsolute })
  const first = readingFirst(drawn)
  return first ? { kind: 'node', id: first.id } : null
}

/**
 * The canvas's one tabbable node or line, among those drawn (the others are not on the page):
 * the one the keyboard was last on, while it is drawn; else the selected node (the first in
 * reading order), else a selected line; else the first node in reading order.
 */
export function tabStop(view: FlowView, last: CanvasItem | null): CanvasItem | null {
  if (last) {
    const n = last.kind === 'node' ? view.nodeLookup.get(last.id) : undefined
    const e = last.kind === 'line' ? view.edgeLookup.get(last.id) : undefined
    if ((n && focusable(n) && nodeDrawn(view, n)) || (e && focusable(e) && lineDrawn(view, e)))
      return last
  }
  const selected = firstDrawnNode(view, (n) => !!n.selected)
  if (selected) return selected
  for (const e of view.edgeLookup.values())
    if (e.selected && focusable(e) && lineDrawn(view, e)) return { kind: 'line', id: e.id }
  return firstDrawnNode(view, () => true)
}

export type Direction = 'up' | 'down' | 'left' | 'right'

export const ARROW_DIRECTIONS: Readonly<Record<string, Direction>> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
}

const AXIS: Record<Direction, readonly [number, number]> = {
  up: [0, -1],
  down: [0, 1],
  left: [-1, 0],
  right: [1, 0],
}

/**
 * The node an arrow key goes to from `from`: the nearest one that way, off the axis counting
 * double; one within 45° of the axis before any other. None when nothing lies that way.
 */
export function nearestToward(
  from: Position,
  others: readonly { readonly id: string; readonly position: Position }[],
  direction: Direction,
): string | undefined {
  const [ax, ay] = AXIS[direction]
  let best: { id: string; cone: boolean; score: number } | undefined
  for (const o of others) {
    const dx = o.position.x - from.x
    const dy = o.position.y - from.y
    const along = dx * ax + dy * ay
    if (along <= 0) continue
    const across = Math.abs(dx * ay + dy * ax)
    const cone = across <= along
    const score = along + 2 * across
    if (!best || (cone && !best.cone) || (cone === best.cone && score < best.score))
      best = { id: o.id, cone, score }
  }
  return best?.id
}
