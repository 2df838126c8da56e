import type { ElkNode } from 'elkjs/lib/elk-api.js'
import { ModelIndex } from '../model/queries.ts'
import type { Design, Position } from '../model/types.ts'
import { arrange, type OrderedPart } from './arrange.ts'
import { elkGraphOf, heightsFrom, needsOrdering } from './elk-graph.ts'
import { layoutParts, type EdgeDrawing } from './parts.ts'

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
): Promise<Map<string, Position>> {
  const { parts, loose } = layoutParts(design, new ModelIndex(design), drawing)
  const ordered: OrderedPart[] = []
  for (const part of parts) {
    const heights = needsOrdering(part)
      ? heightsFrom(await elk.layout(elkGraphOf(part)))
      : undefined
    ordered.push({ part, heights })
    progress?.(ordered.length, parts.length)
  }
  return arrange(ordered, loose)
}
