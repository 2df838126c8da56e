import { pointAt, type Curve, type Rect } from './geometry.ts'
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
 * spatial grid keeps it linear in the number of labels. A design of 10,000 nodes has ~30,000
 * labels, placed again after each edit: the grid is numbers (no key strings, no rect objects per
 * probe) and each line's candidate points are computed once for all sizes.
 */
export function placeLabels(
  nodes: readonly Rect[],
  asks: readonly LabelAsk[],
): Map<string, LabelSpot> {
  const grid = new Grid()
  for (const node of nodes) grid.add(node.x, node.y, node.width, node.height)
  const lengths = asks.map((a) => length(a.curve))
  const order = asks.map((_, i) => i)
  order.sort((i, j) => {
    const a = asks[i] as LabelAsk
    const b = asks[j] as LabelAsk
    return (
      (lengths[i] as number) - (lengths[j] as number) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
    )
  })
  const xs = new Float64Array(ALONG.length)
  const ys = new Float64Array(ALONG.length)
  const out = new Map<string, LabelSpot>()
  for (const i of order) {
    const ask = asks[i] as LabelAsk
    for (let k = 0; k < ALONG.length; k++) {
      const on = pointAt(ask.curve, ALONG[k] as number)
      xs[k] = on.x
      ys[k] = on.y
    }
    const spot =
      (ask.full && firstFree(grid, xs, ys, ask.full, false, MARGIN)) ||
      firstFree(grid, xs, ys, ask.compact, true, MARGIN) ||
      // Touching what is beside it, before it shrinks to a pin.
      firstFree(grid, xs, ys, ask.compact, true, 0) ||
      leastCrowded(grid, xs, ys, ask.pin)
    out.set(ask.id, spot)
  }
  return out
}

/** The first free spot for a label of `size` among the line's points, taken in the grid. */
function firstFree(
  grid: Grid,
  xs: Float64Array,
  ys: Float64Array,
  size: Size,
  compact: boolean,
  margin: number,
): LabelSpot | undefined {
  const width = size.width + 2 * margin
  const height = size.height + 2 * margin
  // On the line first; else just above or below it, the line still touching the label's edge.
  const shift = size.height / 2
  for (const dy of [0, -shift, shift])
    for (let k = 0; k < xs.length; k++) {
      const x = xs[k] as number
      const y = (ys[k] as number) + dy
      const left = x - width / 2
      const top = y - height / 2
      if (grid.hits(left, top, width, height)) continue
      grid.add(left, top, width, height)
      return { x, y, compact, crowded: false }
    }
  return undefined
}

/** The pin spot overlapping least of what is placed (the first of equals), taken in the grid. */
function leastCrowded(grid: Grid, xs: Float64Array, ys: Float64Array, size: Size): LabelSpot {
  let best = 0
  let bestCost = Infinity
  for (let k = 0; k < xs.length; k++) {
    const cost = grid.overlap(
      (xs[k] as number) - size.width / 2,
      (ys[k] as number) - size.height / 2,
      size.width,
      size.height,
    )
    if (cost < bestCost) {
      best = k
      bestCost = cost
    }
  }
  const x = xs[best] as number
  const y = ys[best] as number
  grid.add(x - size.width / 2, y - size.height / 2, size.width, size.height)
  return { x, y, compact: true, crowded: true }
}

function length(c: Curve): number {
  return Math.hypot(c.to.x - c.from.x, c.to.y - c.from.y)
}

/**
 * Rectangles (by number, their edges in flat arrays) bucketed by CELL-sized squares, each square
 * keyed by one number. Keys of squares far apart may coincide; a rectangle found in a bucket is
 * still tested against the asked one, so that costs time, never a wrong answer.
 */
class Grid {
  private readonly cells = new Map<number, number[]>()
  private readonly lefts: number[] = []
  private readonly tops: number[] = []
  private readonly widths: number[] = []
  private readonly heights: number[] = []
  /** Per rectangle, the last `scan` that visited it (each is visited once per scan). */
  private readonly counted: number[] = []
  private calls = 0

  add(x: number, y: number, width: number, height: number): void {
    const n = this.lefts.length
    this.lefts.push(x)
    this.tops.push(y)
    this.widths.push(width)
    this.heights.push(height)
    this.counted.push(0)
    const x1 = Math.floor((x + width) / CELL)
    const y1 = Math.floor((y + height) / CELL)
    for (let cx = Math.floor(x / CELL); cx <= x1; cx++)
      for (let cy = Math.floor(y / CELL); cy <= y1; cy++) {
        const key = cellKey(cx, cy)
        const list = this.cells.get(key)
        if (list) list.push(n)
        else this.cells.set(key, [n])
      }
  }

  /** Does a placed rectangle intersect this one (geometry.ts `intersects`)? */
  hits(x: number, y: number, width: number, height: number): boolean {
    return this.scan(x, y, width, height, true) > 0
  }

  /** The area placed rectangles cover of this one, each counted once. */
  overlap(x: number, y: number, width: number, height: number): number {
    return this.scan(x, y, width, height, false)
  }

  /**
   * Visits the placed rectangles in the squares this one touches, row by row: with `firstHit`, 1
   * at the first that intersects it (else 0); else the area they cover of it, each counted once.
   */
  private scan(x: number, y: number, width: number, height: number, firstHit: boolean): number {
    const { lefts, tops, widths, heights, counted } = this
    const call = ++this.calls
    let area = 0
    const x1 = Math.floor((x + width) / CELL)
    const y1 = Math.floor((y + height) / CELL)
    for (let cx = Math.floor(x / CELL); cx <= x1; cx++)
      for (let cy = Math.floor(y / CELL); cy <= y1; cy++) {
        const list = this.cells.get(cellKey(cx, cy))
        if (!list) continue
        for (const o of list) {
          const left = lefts[o] as number
          const top = tops[o] as number
          const right = left + (widths[o] as number)
          const bottom = top + (heights[o] as number)
          if (firstHit) {
            if (x < right && left < x + width && y < bottom && top < y + height) return 1
            continue
          }
          if (counted[o] === call) continue
          counted[o] = call
          const w = Math.min(x + width, right) - Math.max(x, left)
          const h = Math.min(y + height, bottom) - Math.max(y, top)
          if (w > 0 && h > 0) area += w * h
        }
      }
    return area
  }
}

/**
 * One small integer per grid square (V8 keeps it unboxed, so a probe allocates no number): squares
 * 2^15 apart (8 million px) share a key, which the note on Grid allows.
 */
function cellKey(cx: number, cy: number): number {
  return (cx & 0x7fff) * 0x8000 + (cy & 0x7fff)
}
