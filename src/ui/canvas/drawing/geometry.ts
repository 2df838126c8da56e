import { NODE_HEIGHT, NODE_WIDTH } from '../../../layout/node-size.ts'
import type { Position } from '../../../model/types.ts'

export { NODE_HEIGHT, NODE_WIDTH }
/** Handles sit on the node's border and are this wide: lines start and end at their outer side. */
const HANDLE_REACH = 6

export interface Point {
  readonly x: number
  readonly y: number
}

export interface Rect {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

export function nodeRect(at: Position): Rect {
  return { x: at.x, y: at.y, width: NODE_WIDTH, height: NODE_HEIGHT }
}

/** Where a line leaves a node (its right-hand handle) and where it arrives (the left-hand one). */
export function outPoint(at: Position): Point {
  return { x: at.x + NODE_WIDTH + HANDLE_REACH, y: at.y + NODE_HEIGHT / 2 }
}

export function inPoint(at: Position): Point {
  return { x: at.x - HANDLE_REACH, y: at.y + NODE_HEIGHT / 2 }
}

/** A cubic Bézier from a right-hand handle to a left-hand one. */
export interface Curve {
  readonly from: Point
  readonly c1: Point
  readonly c2: Point
  readonly to: Point
}

/**
 * The curve React Flow's `getBezierPath` draws between a right and a left handle (curvature 0.25),
 * computed here so that the canvas, label placement and the SVG export agree on every line.
 */
export function curve(from: Point, to: Point): Curve {
  const offset = controlOffset(to.x - from.x)
  return {
    from,
    c1: { x: from.x + offset, y: from.y },
    c2: { x: to.x - offset, y: to.y },
    to,
  }
}

function controlOffset(distance: number): number {
  return distance >= 0 ? 0.5 * distance : 0.25 * 25 * Math.sqrt(-distance)
}

export function pointAt(c: Curve, t: number): Point {
  const u = 1 - t
  const a = u * u * u
  const b = 3 * u * u * t
  const d = 3 * u * t * t
  const e = t * t * t
  return {
    x: a * c.from.x + b * c.c1.x + d * c.c2.x + e * c.to.x,
    y: a * c.from.y + b * c.c1.y + d * c.c2.y + e * c.to.y,
  }
}

/** The SVG path of a curve, rounded to 0.1 px (smaller files, same picture). */
export function curvePath(c: Curve): string {
  const n = (v: number): string => String(Math.round(v * 10) / 10)
  return `M${n(c.from.x)},${n(c.from.y)} C${n(c.c1.x)},${n(c.c1.y)} ${n(c.c2.x)},${n(c.c2.y)} ${n(c.to.x)},${n(c.to.y)}`
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

/** The rectangle of `size` centred on `p`. */
export function centredRect(p: Point, size: { width: number; height: number }): Rect {
  return { x: p.x - size.width / 2, y: p.y - size.height / 2, ...size }
}
