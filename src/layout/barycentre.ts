import { ROW_GAP } from './elk-graph.ts'
import { NODE_HEIGHT } from './node-size.ts'
import type { LayoutPart } from './parts.ts'

/** Sweeps down and back up the layers: enough to untangle the parts drawn here. */
const SWEEPS = 2
/** One row of a column, as ELK spaces them. */
const STEP = NODE_HEIGHT + ROW_GAP

/**
 * A quick ordering of one part's layers, for designs too large for ELK within a few seconds: each
 * node takes the mean rank of its neighbours in the layer before (then after), the classic
 * barycentre heuristic, linear in the part's lines. Returns a height per node, as ELK's would be.
 */
export function barycentreHeights(part: LayoutPart): Map<string, number> {
  const layerOf = new Map(part.nodes.map((n) => [n.id, n.layer]))
  const neighbours = new Map<string, string[]>()
  const link = (a: string, b: string): void => {
    const list = neighbours.get(a)
    if (list) list.push(b)
    else neighbours.set(a, [b])
  }
  for (const [a, b] of part.edges) {
    link(a, b)
    link(b, a)
  }
  const layers: string[][] = [[], [], []]
  for (const n of part.nodes) layers[n.layer]?.push(n.id)
  const rank = new Map<string, number>()
  const rankLayer = (layer: readonly string[]): void => layer.forEach((id, i) => rank.set(id, i))
  layers.forEach(rankLayer)

  const order = (index: number, from: number): void => {
    const layer = layers[index] ?? []
    const key = new Map<string, number>()
    for (const id of layer) {
      const near = (neighbours.get(id) ?? []).filter((o) => layerOf.get(o) === from)
      key.set(
        id,
        near.length === 0
          ? (rank.get(id) ?? 0)
          : near.reduce((s, o) => s + (rank.get(o) ?? 0), 0) / near.length,
      )
    }
    // Stable: ties keep their current rank.
    layer.sort(
      (a, b) => (key.get(a) ?? 0) - (key.get(b) ?? 0) || (rank.get(a) ?? 0) - (rank.get(b) ?? 0),
    )
    rankLayer(layer)
  }
  for (let sweep = 0; sweep < SWEEPS; sweep++) {
    order(1, 0)
    order(2, 1)
    order(1, 2)
    order(0, 1)
  }
  // Each layer centred on the longest, as ELK places them.
  const longest = Math.max(...layers.map((l) => l.length))
  const heights = new Map<string, number>()
  for (const layer of layers) {
    const top = ((longest - layer.length) * STEP) / 2
    layer.forEach((id, i) => heights.set(id, top + i * STEP))
  }
  return heights
}
