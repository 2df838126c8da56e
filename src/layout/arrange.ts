import type { Position } from '../model/types.ts'
import { NODE_HEIGHT, NODE_WIDTH } from './node-size.ts'
import { ROW_GAP } from './elk-graph.ts'
import type { LayoutNode, LayoutPart } from './parts.ts'

/** A part with the heights ELK gave its nodes (absent when it had nothing to order). */
export interface OrderedPart {
  readonly part: LayoutPart
  readonly heights: ReadonlyMap<string, number> | undefined
}

const PITCH = NODE_HEIGHT + ROW_GAP
/** Between the columns of a wrapped layer. */
const SUB_GAP = 40
/** Between apps and their identities: the attach lines carry no label. */
const ATTACH_GAP = 80
/**
 * Before the services: the access labels sit there. More lines per row of services want a wider
 * gap, so their labels can spread along them.
 */
function labelGap(lines: number, rows: number): number {
  const perRow = Math.ceil(lines / Math.max(rows, 1))
  return Math.min(400, 280 + 40 * Math.max(0, perRow - 1))
}
const PART_GAP = 80
/**
 * Between two groups side by side (group-layout.ts): the lines between groups carry the access
 * labels, which need the room a part gives them before its services.
 */
export const GROUP_GAP = 240
/** The shape the parts are packed into: a 16:10 screen. */
const ASPECT = 16 / 10
const GRID = 20

export interface Block {
  readonly width: number
  readonly height: number
  /** Positions relative to the block's top left corner. */
  readonly at: ReadonlyMap<string, Position>
  /** Where the block belongs in the left-to-right flow (apps → identities → services): packInFlow. */
  readonly rank?: number
}

/**
 * How nodes with no line are set out: in a `grid`, or in `layers` as a part without lines (a
 * group's members whose lines all leave the group: a column of services takes lines from the left
 * without their passing behind other services).
 */
export type LooseNodes = 'grid' | 'layers'

/**
 * Positions for every node: each part in layers (apps → identities → services) with ELK's order
 * and heights, a layer taller than the part allows wrapped into side-by-side columns, then the
 * parts packed in rows into a 16:10 area, largest first; nodes with no line go last (LooseNodes).
 */
export function arrange(
  parts: readonly OrderedPart[],
  loose: readonly LayoutNode[],
  looseAs: LooseNodes = 'grid',
): Map<string, Position> {
  const blocks = parts.map(partBlock)
  if (loose.length > 0)
    blocks.push(
      looseAs === 'grid'
        ? gridBlock(loose)
        : partBlock({ part: { nodes: loose, edges: [] }, heights: undefined }),
    )
  return pack(blocks)
}

/** Most rows a column of a part holds before it wraps: parts stay roughly square. */
function rowCap(nodes: number): number {
  return Math.max(8, Math.ceil(Math.sqrt(nodes * 2)))
}

function partBlock({ part, heights }: OrderedPart): Block {
  const layers: LayoutNode[][] = [[], [], []]
  part.nodes.forEach((n) => layers[n.layer]?.push(n))
  const order = new Map(part.nodes.map((n, i) => [n.id, i]))
  const heightOf = (id: string): number => heights?.get(id) ?? 0
  for (const layer of layers)
    layer.sort(
      (a, b) => heightOf(a.id) - heightOf(b.id) || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0),
    )
  const cap = rowCap(part.nodes.length)
  const wrapped = layers.some((l) => l.length > cap)
  // Rows by order, each layer centred, when a layer wraps or ELK had nothing to decide.
  const packed = wrapped || !heights
  const layerOf = new Map(part.nodes.map((n) => [n.id, n.layer]))
  const access = part.edges.filter(([, target]) => layerOf.get(target) === 2).length
  const gap = labelGap(access, layers[2]?.length ?? 0)
  const at = new Map<string, Position>()
  const columns: { nodes: LayoutNode[]; x: number; width: number; height: number }[] = []
  let x = 0
  layers.forEach((layer, index) => {
    if (layer.length === 0) return
    if (columns.length > 0) x += index === 2 ? gap : ATTACH_GAP
    const k = wrapped ? Math.ceil(layer.length / cap) : 1
    const width = k * NODE_WIDTH + (k - 1) * SUB_GAP
    const rows = Math.ceil(layer.length / k)
    columns.push({
      nodes: layer,
      x,
      width,
      height: (rows - 1) * PITCH + (k > 1 ? PITCH / 2 : 0),
    })
    layer.forEach((n, i) => {
      const col = i % k
      const row = Math.floor(i / k)
      // Columns of a wrapped layer are staggered, so lines from the left pass between nodes.
      const y = packed ? row * PITCH + (col * PITCH) / Math.max(k, 2) : heightOf(n.id)
      at.set(n.id, { x: x + col * (NODE_WIDTH + SUB_GAP), y })
    })
    x += width
  })
  if (packed) {
    // Each layer centred on the tallest one.
    const tallest = Math.max(...columns.map((c) => c.height))
    for (const c of columns)
      for (const n of c.nodes) {
        const p = at.get(n.id) as Position
        at.set(n.id, { x: p.x, y: p.y + (tallest - c.height) / 2 })
      }
  }
  return normalised(at)
}

function gridBlock(nodes: readonly LayoutNode[]): Block {
  const sorted = [...nodes].sort((a, b) => a.layer - b.layer)
  const cols = Math.max(1, Math.ceil(Math.sqrt((sorted.length * PITCH) / (NODE_WIDTH + SUB_GAP))))
  const at = new Map<string, Position>()
  sorted.forEach((n, i) =>
    at.set(n.id, {
      x: (i % cols) * (NODE_WIDTH + SUB_GAP),
      y: Math.floor(i / cols) * PITCH,
    }),
  )
  return normalised(at)
}

/** Moves a block's nodes so its top left is (0, 0), on the grid; measures it. */
export function normalised(at: ReadonlyMap<string, Position>): Block {
  let x0 = Infinity
  let y0 = Infinity
  for (const p of at.values()) {
    x0 = Math.min(x0, p.x)
    y0 = Math.min(y0, p.y)
  }
  const out = new Map<string, Position>()
  let width = 0
  let height = 0
  for (const [id, p] of at) {
    const q = { x: snap(p.x - x0), y: snap(p.y - y0) }
    out.set(id, q)
    width = Math.max(width, q.x + NODE_WIDTH)
    height = Math.max(height, q.y + NODE_HEIGHT)
  }
  return { width, height, at: out }
}

/**
 * Shelf packing, tallest blocks first, in rows: of the row widths tried, the one whose result
 * comes closest to a 16:10 area.
 */
export function pack(blocks: readonly Block[]): Map<string, Position> {
  const order = [...blocks].map((b, i) => ({ b, i }))
  order.sort((p, q) => q.b.height - p.b.height || p.i - q.i)
  const sorted = order.map((o) => o.b)
  const widest = Math.max(0, ...sorted.map((b) => b.width))
  const total = sorted.reduce((s, b) => s + b.width + PART_GAP, 0)
  let best: { shelves: Shelves; miss: number } | undefined
  for (let k = 0; k <= TRIES; k++) {
    const rowWidth = widest * (total / Math.max(widest, 1)) ** (k / TRIES)
    const shelves = shelve(sorted, rowWidth)
    const miss = Math.abs(Math.log(shelves.width / Math.max(shelves.height, 1) / ASPECT))
    if (!best || miss < best.miss) best = { shelves, miss }
  }
  return best?.shelves.at ?? new Map()
}

const TRIES = 24

interface Shelves {
  readonly at: Map<string, Position>
  readonly width: number
  readonly height: number
}

function shelve(blocks: readonly Block[], rowWidth: number): Shelves {
  const at = new Map<string, Position>()
  let x = 0
  let y = 0
  let shelf = 0
  let width = 0
  for (const b of blocks) {
    if (x > 0 && x + b.width > rowWidth) {
      x = 0
      y += shelf + PART_GAP
      shelf = 0
    }
    for (const [id, p] of b.at) at.set(id, { x: snap(x + p.x), y: snap(y + p.y) })
    width = Math.max(width, x + b.width)
    x += b.width + PART_GAP
    shelf = Math.max(shelf, b.height)
  }
  return { at, width, height: y + shelf }
}

/**
 * Packing in flow order (group-layout.ts): blocks in bands by rank rounded (groups mostly of apps,
 * of identities, of services), each band in columns of its own left of the next band's, blocks
 * stacked top to bottom; so groups of apps stand left of the groups of services they use and the
 * lines between groups run left to right as they do inside a part. Of the column heights tried,
 * the one whose result comes closest to a 16:10 area.
 */
export function packInFlow(blocks: readonly Block[], gap: number): Map<string, Position> {
  const sorted = blocks
    .map((b, i) => ({ b, i }))
    .sort((p, q) => (p.b.rank ?? 0) - (q.b.rank ?? 0) || p.i - q.i)
    .map((o) => o.b)
  const tallest = Math.max(0, ...sorted.map((b) => b.height))
  const total = sorted.reduce((s, b) => s + b.height + gap, 0)
  let best: { shelves: Shelves; miss: number } | undefined
  for (let k = 0; k <= TRIES; k++) {
    const columnHeight = tallest * (total / Math.max(tallest, 1)) ** (k / TRIES)
    const shelves = stack(sorted, columnHeight, gap)
    const miss = Math.abs(Math.log(shelves.width / Math.max(shelves.height, 1) / ASPECT))
    if (!best || miss < best.miss) best = { shelves, miss }
  }
  return best?.shelves.at ?? new Map()
}

function stack(blocks: readonly Block[], columnHeight: number, gap: number): Shelves {
  const at = new Map<string, Position>()
  let x = 0
  let y = 0
  let column = 0
  let height = 0
  let band: number | undefined
  for (const b of blocks) {
    const bandOf = Math.round(b.rank ?? 0)
    if (y > 0 && (bandOf !== band || y + b.height > columnHeight)) {
      y = 0
      x += column + gap
      column = 0
    }
    band = bandOf
    for (const [id, p] of b.at) at.set(id, { x: snap(x + p.x), y: snap(y + p.y) })
    height = Math.max(height, y + b.height)
    y += b.height + gap
    column = Math.max(column, b.width)
  }
  return { at, width: x + column, height }
}

function snap(v: number): number {
  return Math.round(v / GRID) * GRID
}
