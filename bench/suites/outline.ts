import { analyze } from '../../src/store/derived.ts'
import { accessibleNames } from '../../src/ui/a11y/names.ts'
import { Outline } from '../../src/ui/outline/outline-model.ts'
import { initiallyExpanded, visibleRows } from '../../src/ui/outline/outline-rows.ts'
import { generateDesign } from '../generate.ts'
import { medianMs, round } from '../measure.ts'
import type { BenchSuite, Figure } from '../types.ts'

/** About 300 and about 3,000 nodes (apps, their identities, services, developers). */
const SIZES = [150, 1_000] as const

/**
 * The outline view's work after an edit (the analysis is already derived for the canvas): its
 * rows as first shown (the top groups open, long lists a page at a time), every row opened, and
 * the accessible names of every node and edge (what the canvas hands React Flow).
 */
export const suite: BenchSuite = {
  name: 'outline',
  run(log) {
    const figures: Figure[] = []
    for (const apps of SIZES) {
      const design = generateDesign(apps)
      const nodes = design.nodes.length
      log(`  ${apps} apps: ${nodes} nodes, ${design.edges.length} edges`)
      analyze(design)
      const first = medianMs(() => {
        const outline = new Outline(design)
        return visibleRows(outline, initiallyExpanded(outline)).length
      }, 9)
      const outline = new Outline(design)
      const shown = visibleRows(outline, initiallyExpanded(outline)).length
      const all = medianMs(() => everyRow(new Outline(design)), 5, 1)
      const names = medianMs(() => {
        const n = accessibleNames({ ...design })
        for (const node of design.nodes) n.node(node.id)
        for (const edge of design.edges) n.edge(edge.id)
        return n
      }, 9)
      figures.push(
        {
          name: `outline as first shown, ${nodes} nodes`,
          value: round(first),
          unit: 'ms',
          ...(apps === 150 ? { target: { max: 16 } } : {}),
          note: `${shown} rows`,
        },
        {
          name: `outline, every row open, ${nodes} nodes`,
          value: round(all),
          unit: 'ms',
          note: `${everyRow(outline)} rows`,
        },
        { name: `names of every node and edge, ${nodes} nodes`, value: round(names), unit: 'ms' },
      )
    }
    return figures
  },
}

function everyRow(outline: Outline): number {
  let open = initiallyExpanded(outline)
  for (;;) {
    const rows = visibleRows(outline, open, new Map(rowsLimitless(open)))
    const closed = rows.filter((r) => r.expanded === false).map((r) => r.item.key)
    if (closed.length === 0) return rows.length
    open = new Set([...open, ...closed])
  }
}

/** No paging: every list shown whole. */
function rowsLimitless(open: ReadonlySet<string>): [string, number][] {
  return [...open].map((key) => [key, Number.MAX_SAFE_INTEGER])
}
