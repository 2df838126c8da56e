import type { ElkNode } from 'elkjs/lib/elk-api.js'
import { NODE_HEIGHT, NODE_WIDTH } from './node-size.ts'
import type { LayoutPart } from './parts.ts'

/** Vertical room between two nodes of a column. */
export const ROW_GAP = 30

/**
 * ELK's layered algorithm on one part, left to right, each node held in its kind's layer by a
 * partition. ELK orders each layer to limit crossings and places nodes next to what they connect
 * to; arrange.ts keeps that order and those heights. The options favour speed where the result is
 * not used (edge routes: the canvas draws its own curves).
 */
export const ELK_OPTIONS: Readonly<Record<string, string>> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.partitioning.activate': 'true',
  'elk.spacing.nodeNode': String(ROW_GAP),
  'elk.layered.spacing.nodeNodeBetweenLayers': '100',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.edgeRouting': 'POLYLINE',
  'elk.layered.unnecessaryBendpoints': 'false',
  'elk.separateConnectedComponents': 'false',
}

export function elkGraphOf(part: LayoutPart): ElkNode {
  return {
    id: 'part',
    layoutOptions: { ...ELK_OPTIONS },
    children: part.nodes.map((n) => ({
      id: n.id,
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
      layoutOptions: { 'elk.partitioning.partition': String(n.layer) },
    })),
    edges: part.edges.map(([source, target], i) => ({
      id: `e${i}`,
      sources: [source],
      targets: [target],
    })),
  }
}

/** The height ELK gave each node of a part. */
export function heightsFrom(laidOut: ElkNode): Map<string, number> {
  const out = new Map<string, number>()
  for (const child of laidOut.children ?? []) out.set(child.id, child.y ?? 0)
  return out
}

/** Whether ELK has anything to decide: some layer holds two nodes or more. */
export function needsOrdering(part: LayoutPart): boolean {
  const counts = [0, 0, 0]
  for (const n of part.nodes) counts[n.layer] = (counts[n.layer] ?? 0) + 1
  return counts.some((c) => c > 1)
}
