import type { ElkNode } from 'elkjs/lib/elk-api.js'
import { ModelIndex } from '../model/queries.ts'
import type { Design, Position } from '../model/types.ts'
import { arrange, type LooseNodes, type OrderedPart } from './arrange.ts'
import { barycentreHeights } from './barycentre.ts'
import { elkGraphOf, heightsFrom, needsOrdering } from './elk-graph.ts'
import { layoutParts, type EdgeDrawing } from './parts.ts'

/**
 * ELK orders the layers of designs up to this size. It takes about 40 ms per 20-node part on a
 * loaded machine (10,000 nodes: 25–40 s), so larger designs are ordered by barycentres instead
 * (barycentre.ts), well under the 5 s the designer allows itself.
 */
export const ELK_UP_TO = 2000

/**
 * ELK's crossing minimisation grows much faster than linearly with a part's lines: an imported
 * group where every app attached to a shared identity reaches what it grants (280 nodes, 1,900
 * lines in one part) took 16 s. Denser parts are ordered by barycentres too.
 */
export const ELK_PART_EDGES_UP_TO = 500

/** What lays out one ELK graph: an `ELK` instance (elkjs). */
export interface ElkEngine {
  layout(graph: ElkNode): Promise<ElkNode>
}

/** Reports how many parts are laid out so far, of how many. */
export type LayoutProgress = (done: number, total: number) => void

/**
 * Auto layout: cuts the design into connected parts as drawn, lets ELK order each part's layers,
 * then arranges and packs them (arrange.ts). Pure apart from the engine it is handed: the layout
 * worker runs it with elkjs, tests with the same engine in-process.
 */
export async function layOut(
  design: Design,
  drawing: EdgeDrawing,
  elk: ElkEngine,
  progress?: LayoutProgress,
  looseAs: LooseNodes = 'grid',
): Promise<Map<string, Position>> {
  const { parts, loose } = layoutParts(design, new ModelIndex(design), drawing)
  const quick = design.nodes.length > ELK_UP_TO
  const ordered: OrderedPart[] = []
  for (const part of parts) {
    const heights = !needsOrdering(part)
      ? undefined
      : quick || part.edges.length > ELK_PART_EDGES_UP_TO
        ? barycentreHeights(part)
        : heightsFrom(await elk.layout(elkGraphOf(part)))
    ordered.push({ part, heights })
    progress?.(ordered.length, parts.length)
  }
  return arrange(ordered, loose, looseAs)
}
