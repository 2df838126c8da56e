import type { Edit } from '../model/edits.ts'
import type { Design, DesignNode, Position } from '../model/types.ts'
import { NODE_HEIGHT, NODE_WIDTH } from './node-size.ts'
import { LAYER_OF } from './parts.ts'

/** Room kept clear around every node, so a placed node never touches another. */
const MARGIN = 20
/** Steps of the search for room: a node's height plus the margin down, a third of a width across. */
const STEP_X = 80
const STEP_Y = NODE_HEIGHT + MARGIN
/** Rings searched around the wanted spot before giving up (then it goes below everything). */
const RINGS = 40
/** One layer to the next, left to right: where a node goes beside a neighbour of another kind. */
const LAYER_STEP = NODE_WIDTH + 100
const GRID = 20

/**
 * How the nodes an edit list adds are placed: `each` on its own, near its neighbours (quick fixes,
 * Optimize, the palette); `together`, keeping their arrangement, moved as one block (paste);
 * `asGiven`, where their edits put them (a layout of the whole edited design placed them).
 */
export type Placement = 'each' | 'together' | 'asGiven'

/**
 * The edits with every added node moved to free space: the nearest spot to where it was meant to
 * go (its own position, else beside the nodes it connects to, one layer apart) that overlaps no
 * other node. Nothing else in the edits changes. A design with no position anywhere (written by
 * hand or by the command line) stays so: the designer lays it out when it opens.
 */
export function placeAdded(design: Design, edits: readonly Edit[], how: Placement): Edit[] {
  const added = edits.flatMap((e) => (e.type === 'addNode' ? [e.node] : []))
  if (added.length === 0 || how === 'asGiven') return [...edits]
  const taken = new Occupancy()
  const at = new Map<string, Position>()
  for (const n of design.nodes)
    if (n.position) {
      taken.add(n.position)
      at.set(n.id, n.position)
    }
  const neighbours = neighbourLists(design, edits)
  const kinds = new Map<string, DesignNode['kind']>(design.nodes.map((n) => [n.id, n.kind]))
  for (const n of added) kinds.set(n.id, n.kind)
  const wanted = (node: DesignNode): Position | undefined =>
    node.position ?? besideNeighbours(node, neighbours.get(node.id) ?? [], at, kinds)

  const placed = new Map<string, Position>()
  if (how === 'together') {
    const offset = blockOffset(added, wanted, taken)
    if (offset)
      for (const n of added) {
        const p = wanted(n)
        if (p) placed.set(n.id, { x: p.x + offset.x, y: p.y + offset.y })
      }
  } else
    for (const n of added) {
      const p = wanted(n) ?? belowAll(at)
      if (!p) continue
      const spot = taken.nearestFree(snapped(n.position ? inItsLayer(n, p, at, kinds, taken) : p))
      taken.add(spot)
      at.set(n.id, spot)
      placed.set(n.id, spot)
    }
  return edits.map((e) => {
    const position = e.type === 'addNode' ? placed.get(e.node.id) : undefined
    return e.type === 'addNode' && position ? { ...e, node: { ...e.node, position } } : e
  })
}

/** For every node, the nodes an edge joins it to, in the design and in the edits. */
function neighbourLists(design: Design, edits: readonly Edit[]): Map<string, string[]> {
  const out = new Map<string, string[]>()
  const link = (a: string, b: string): void => {
    out.set(a, [...(out.get(a) ?? []), b])
    out.set(b, [...(out.get(b) ?? []), a])
  }
  for (const e of design.edges) link(e.source, e.target)
  for (const e of edits) if (e.type === 'addEdge') link(e.edge.source, e.edge.target)
  return out
}

/** Level with its placed neighbours, one layer to the right or left of each. */
function besideNeighbours(
  node: DesignNode,
  ids: readonly string[],
  at: ReadonlyMap<string, Position>,
  kinds: ReadonlyMap<string, DesignNode['kind']>,
): Position | undefined {
  const points = ids.flatMap((id) => {
    const p = at.get(id)
    const kind = kinds.get(id)
    if (!p || !kind) return []
    const layers = LAYER_OF[node.kind] - LAYER_OF[kind]
    return [{ x: p.x + (layers === 0 ? 0 : Math.sign(layers)) * LAYER_STEP, y: p.y }]
  })
  if (points.length === 0) return undefined
  return {
    x: points.reduce((s, p) => s + p.x, 0) / points.length,
    y: points.reduce((s, p) => s + p.y, 0) / points.length,
  }
}

/**
 * Where a node meant for a spot another node holds (the palette puts new nodes in the middle of
 * the view) goes instead: beside that node, one layer over for each layer between their kinds (a
 * service right of an app, an app left of a service), so a line between the two runs between
 * them, not behind both cards. Unchanged when the spot is free or the kinds share a layer.
 */
function inItsLayer(
  node: DesignNode,
  p: Position,
  at: ReadonlyMap<string, Position>,
  kinds: ReadonlyMap<string, DesignNode['kind']>,
  taken: Occupancy,
): Position {
  if (taken.isFree(p)) return p
  let holder: { kind: DesignNode['kind']; position: Position } | undefined
  let nearest = Infinity
  for (const [id, q] of at) {
    const distance = Math.hypot(q.x - p.x, q.y - p.y)
    const kind = kinds.get(id)
    if (distance < nearest && kind) {
      nearest = distance
      holder = { kind, position: q }
    }
  }
  if (!holder) return p
  const layers = LAYER_OF[node.kind] - LAYER_OF[holder.kind]
  return layers === 0 ? p : { x: holder.position.x + layers * LAYER_STEP, y: holder.position.y }
}

/** Under the lowest node, at the left edge of the drawing; none when nothing has a position. */
function belowAll(at: ReadonlyMap<string, Position>): Position | undefined {
  if (at.size === 0) return undefined
  let x = Infinity
  let y = -Infinity
  for (const p of at.values()) {
    x = Math.min(x, p.x)
    y = Math.max(y, p.y)
  }
  return { x, y: y + STEP_Y }
}

/** The shift, nearest first, that lets the whole block sit where no other node is. */
function blockOffset(
  nodes: readonly DesignNode[],
  wanted: (n: DesignNode) => Position | undefined,
  taken: Occupancy,
): Position | undefined {
  const spots = nodes.flatMap((n) => {
    const p = wanted(n)
    return p ? [p] : []
  })
  if (spots.length === 0) return undefined
  for (const offset of ringOffsets())
    if (spots.every((p) => taken.isFree({ x: p.x + offset.x, y: p.y + offset.y }))) return offset
  return undefined
}

/** Offsets around (0, 0), ring by ring, nearest first within a ring. */
function* ringOffsets(): Generator<Position> {
  yield { x: 0, y: 0 }
  for (let r = 1; r <= RINGS; r++) {
    const ring: Position[] = []
    for (let i = -r; i <= r; i++)
      for (let j = -r; j <= r; j++)
        if (Math.max(Math.abs(i), Math.abs(j)) === r) ring.push({ x: i * STEP_X, y: j * STEP_Y })
    ring.sort((a, b) => Math.hypot(a.x, a.y) - Math.hypot(b.x, b.y) || a.y - b.y || a.x - b.x)
    yield* ring
  }
}

/**
 * The node boxes already taken, bucketed by cell so a look-up reads only the nodes nearby (a
 * design can hold thousands).
 */
class Occupancy {
  private readonly cells = new Map<string, Position[]>()

  add(p: Position): void {
    const key = cellKey(Math.floor(p.x / CELL_W), Math.floor(p.y / CELL_H))
    const list = this.cells.get(key)
    if (list) list.push(p)
    else this.cells.set(key, [p])
  }

  isFree(p: Position): boolean {
    const cx = Math.floor(p.x / CELL_W)
    const cy = Math.floor(p.y / CELL_H)
    for (let i = cx - 1; i <= cx + 1; i++)
      for (let j = cy - 1; j <= cy + 1; j++)
        for (const q of this.cells.get(cellKey(i, j)) ?? [])
          if (
            Math.abs(q.x - p.x) < NODE_WIDTH + MARGIN &&
            Math.abs(q.y - p.y) < NODE_HEIGHT + MARGIN
          )
            return false
    return true
  }

  /** The free spot nearest `p`; straight below the rings searched when all of them are taken. */
  nearestFree(p: Position): Position {
    for (const o of ringOffsets()) {
      const q = { x: p.x + o.x, y: p.y + o.y }
      if (this.isFree(q)) return q
    }
    // Finitely many nodes: going down always ends.
    let q = { x: p.x, y: p.y + (RINGS + 1) * STEP_Y }
    while (!this.isFree(q)) q = { x: q.x, y: q.y + STEP_Y }
    return q
  }
}

/** A cell is at least a node and its margin wide and high: a clash is always in a nearby cell. */
const CELL_W = NODE_WIDTH + MARGIN
const CELL_H = NODE_HEIGHT + MARGIN
const cellKey = (i: number, j: number): string => `${i},${j}`

function snapped(p: Position): Position {
  return { x: Math.round(p.x / GRID) * GRID, y: Math.round(p.y / GRID) * GRID }
}
