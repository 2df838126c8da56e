import type { Design, Position } from '../model/types.ts'
import { layOutGrouped } from './group-layout.ts'
import type { Grouping } from './groups.ts'
import type { LayoutProgress } from './lay-out.ts'
import type { EdgeDrawing } from './parts.ts'

/**
 * Auto layout in this thread, with elkjs loaded on demand (1.4 MB: nothing needs it to draw). The
 * designer runs the same layOut in a Web Worker; the command line and tests run it here.
 */
export async function layeredLayout(
  design: Design,
  drawing: EdgeDrawing,
  progress?: LayoutProgress,
  grouping: Grouping = 'none',
): Promise<Map<string, Position>> {
  const { default: ELK } = await import('elkjs/lib/elk.bundled.js')
  return layOutGrouped(design, drawing, grouping, new ELK(), progress)
}

/** The design with each node that has a position in `positions` moved there. */
export function placed(design: Design, positions: ReadonlyMap<string, Position>): Design {
  return {
    ...design,
    nodes: design.nodes.map((n) => {
      const position = positions.get(n.id)
      return position ? { ...n, position } : n
    }),
  }
}

/**
 * The design with every node placed by Auto layout, access drawn through identities as the
 * designer draws it by default (templates open laid out; `idtopo import` writes designs so).
 */
export async function laidOut(design: Design, drawing: EdgeDrawing = 'bundled'): Promise<Design> {
  if (design.nodes.length === 0) return design
  return placed(design, await layeredLayout(design, drawing))
}
