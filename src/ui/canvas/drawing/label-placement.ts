import { centredRect, intersects, pointAt, type Curve, type Rect } from './geometry.ts'
import type { Size } from './label-text.ts'

/**
 * A label to place on its line, in its full size (if it may show in full), compact size and the
 * size of its pin (the dot it shrinks to where not even the compact form has room).
 */
export interface LabelAsk {
  readonly id: string
  readonly curve: Curve
  readonly full: Size | undefined
  readonly compact: Size
  readonly pin: Size
}

/**
 * Where a label sits: its centre on the line, and whether it shows in full or compact ("3 roles",
 * the rest on hover). `crowded` when even the compact form found no free spot: it is then drawn
 * as a pin, a dot on the line that shows the roles on hover, where it overlaps least (often a free
 * spot: a compact label there would have covered a node's name).
 */
export interface LabelSpot {
  readonly x: number
  readonly y: number
  readonly compact: boolean
  readonly crowded: boolean
}

/** Where along its line a label may sit, best first: the middle, then outwards in small steps. */
const ALONG = [
  0.5,
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].flatMap((k) => [0.5 - 0.04 * k, 0.5 + 0.04 * k]),
]
/** Clear space kept around a label. */
const MARGIN = 3
const CELL = 256

/**
 * Places labels on their lines so that none covers a node or another label: each takes the first
 * free spot along its line in full size, else in compact size, else it is a pin. Greedy, shortest
 * lines first (they have the least room), ties by id, so the result is the same on every run. A
 * spatial grid keeps it linear in the number of labels.
 */
export function placeLabels(
  nodes: readonly Rect[],
  asks: readonly LabelAsk[],
): Map<string, LabelSpot> {
  const grid = new Grid()
  for (const node of nodes) grid.add(node)
  const order = [...asks].sort(
    (a, b) => length(a.curve) - length(b.curve) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  )
  const out = new Map<string, LabelSpot>()
  for (const ask of order) {
    const spot =
      (ask.full && firstFree(grid, ask.curve, ask.full, false)) ??
      firstFree(grid, ask.curve, ask.compact, true) ??
      // Touching what is beside it, before it shrinks to a pin.
      firstFree(grid, ask.curve, ask.compact, true, 0) ??
      leastCrowded(grid, ask.curve, ask.pin)
    out.set(ask.id, spot.spot)
    grid.add(spot.rect)
  }
  return out
}

function firstFree(
  grid: Grid,
  curve: Curve,
  size: Size,
  compact: boolean,
  margin = MARGIN,
): { spot: LabelSpot; rect: Rect } | undefined {
  const padded = { width: size.width + 2 * margin, height: size.height + 2 * margin }
  // On the line first; else just above or below it, the line still touching the label's edge.
  const shift = size.height / 2
  for (const dy of [0, -shift, shift])
    for (const t of ALONG) {
      const on = pointAt(curve, t)
      const p = { x: on.x, y: on.y + dy }
      const room = centredRect(p, padded)
      if (grid.hits(room)) continue
      return { spot: { x: p.x, y: p.y, compact, crowded: false }, rect: room }
    }
  return undefined
}

function leastCrowded(grid: Grid, curve: Curve, size: Size): { spot: LabelSpot; rect: Rect } {
  let best: { spot: LabelSpot; rect: Rect; cost: number } | undefined
  for (const t of ALONG) {
    const p = pointAt(curve, t)
    const rect = centredRect(p, size)
    const cost = grid.overlap(rect)
    if (!best || cost < best.cost)
      best = { spot: { x: p.x, y: p.y, compact: true, crowded: true }, rect, cost }
  }
  const found = best as { spot: LabelSpot; rect: Rect }
  return { spot: found.spot, rect: found.rect }
}

function length(c: Curve): number {
  return Math.hypot(c.to.x - c.from.x, c.to.y - c.from.y)
}

/** Rectangles bucketed by CELL-sized squares. */
class Grid {
  private readonly cells = new Map<string, Rect[]>()

  add(rect: Rect): void {
    for (const key of this.keys(rect)) {
      const list = this.cells.get(key)
      if (list) list.push(rect)
      else this.cells.set(key, [rect])
    }
  }

  hits(rect: Rect): boolean {
    for (const key of this.keys(rect))
      for (const other of this.cells.get(key) ?? []) if (intersects(rect, other)) return true
    return false
  }

  overlap(rect: Rect): number {
    const seen = new Set<Rect>()
    let area = 0
    for (const key of this.keys(rect))
      for (const o of this.cells.get(key) ?? []) {
        if (seen.has(o)) continue
        seen.add(o)
        const w = Math.min(rect.x + rect.width, o.x + o.width) - Math.max(rect.x, o.x)
        const h = Math.min(rect.y + rect.height, o.y + o.height) - Math.max(rect.y, o.y)
        if (w > 0 && h > 0) area += w * h
      }
    return area
  }

  private *keys(rect: Rect): Generator<string> {
    const x0 = Math.floor(rect.x / CELL)
    const x1 = Math.floor((rect.x + rect.width) / CELL)
    const y0 = Math.floor(rect.y / CELL)
    const y1 = Math.floor((rect.y + rect.height) / CELL)
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) yield `${x},${y}`
  }
}
