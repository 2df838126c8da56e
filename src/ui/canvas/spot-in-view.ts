import type { Position } from '../../model/types.ts'
import type { Rect } from './drawing/geometry.ts'

/** What a new node's spot is chosen from, every length in flow units (the canvas's coordinates). */
export interface SpotRequest {
  /** The part of the canvas on screen. */
  readonly view: Rect
  /** What is drawn over the canvas there: the view bar, the zoom controls, the minimap, notices. */
  readonly overlays: readonly Rect[]
  /** The boxes of the nodes drawn. */
  readonly nodes: readonly Rect[]
  /** The new node's size. */
  readonly size: { readonly width: number; readonly height: number }
  /** Where it is meant to go (its top-left corner): the middle of the view, or where it was dropped. */
  readonly near: Position
  /** Room kept between it and any other node (the store's free-space placement keeps as much). */
  readonly gap: number
  /** Room kept between it and the view's edges and the overlays. */
  readonly inset: number
  /** Its position is a multiple of this (the canvas's snap grid). */
  readonly grid: number
}

/** Spots looked at, at most: a view zoomed far out is searched on a coarser grid. */
const MAX_SPOTS = 20_000

/**
 * Where a node added to the view goes: the spot nearest `near` with the whole node in view, clear
 * of the overlays and of every node (nearest first, then the higher, then the further left). None
 * when the view has no such room: the caller then uses the free space beyond it.
 */
export function spotInView(r: SpotRequest): Position | undefined {
  const left = r.view.x + r.inset
  const top = r.view.y + r.inset
  const right = r.view.x + r.view.width - r.inset - r.size.width
  const bottom = r.view.y + r.view.height - r.inset - r.size.height
  if (right < left || bottom < top) return undefined
  const cells = ((right - left) / r.grid + 1) * ((bottom - top) / r.grid + 1)
  const step = r.grid * Math.max(1, Math.ceil(Math.sqrt(cells / MAX_SPOTS)))
  const x0 = Math.ceil(left / step) * step
  const y0 = Math.ceil(top / step) * step
  const columns = Math.floor((right - x0) / step) + 1
  const rows = Math.floor((bottom - y0) / step) + 1
  if (columns <= 0 || rows <= 0) return undefined

  // Spot (i, j) is the node at (x0 + i·step, y0 + j·step). Each box blocks the spots whose node
  // would overlap it: x strictly between its left minus the node's width and its right.
  const blocked = new Uint8Array(columns * rows)
  const block = (b: Rect, room: number): void => {
    const [i0, i1] = span(b.x - room - r.size.width - x0, b.x + b.width + room - x0, step, columns)
    const [j0, j1] = span(b.y - room - r.size.height - y0, b.y + b.height + room - y0, step, rows)
    for (let j = j0; j <= j1; j++) blocked.fill(1, j * columns + i0, j * columns + i1 + 1)
  }
  for (const o of r.overlays) block(o, r.inset)
  for (const n of r.nodes) block(n, r.gap)

  let best: Position | undefined
  let nearest = Infinity
  for (let j = 0; j < rows; j++)
    for (let i = 0; i < columns; i++) {
      if (blocked[j * columns + i]) continue
      const p = { x: x0 + i * step, y: y0 + j * step }
      // Row by row, left to right: on a tie the first seen (higher, then further left) stays.
      const distance = Math.hypot(p.x - r.near.x, p.y - r.near.y)
      if (distance < nearest) {
        nearest = distance
        best = p
      }
    }
  return best
}

/** The indices k in [0, count) with `from < k·step < to`, as a closed range (empty when first > last). */
function span(from: number, to: number, step: number, count: number): [number, number] {
  return [Math.max(0, Math.floor(from / step) + 1), Math.min(count - 1, Math.ceil(to / step) - 1)]
}
