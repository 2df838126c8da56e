import { applyEdits } from '../../src/model/edits.ts'
import type { Design } from '../../src/model/types.ts'
import { optimizeIdentities } from '../../src/optimize/optimize.ts'
import { derivePlan } from '../../src/plan/derive.ts'
import { checkDesign } from '../../src/rules/engine.ts'
import { generateDesign } from '../generate.ts'
import { medianMs, round } from '../measure.ts'
import type { BenchSuite, Figure } from '../types.ts'

const SIZES = [100, 1_000, 10_000] as const

/** The yardstick: one pass that only groups the access edges by source. */
function linearPass(design: Design): number {
  const bySource = new Map<string, string[]>()
  for (const edge of design.edges) {
    if (edge.kind !== 'access') continue
    const list = bySource.get(edge.source)
    if (list) list.push(edge.id)
    else bySource.set(edge.source, [edge.id])
  }
  return bySource.size
}

/** Check, plan and optimize on generated designs (issue 3's performance targets). */
export const suite: BenchSuite = {
  name: 'domain',
  run(log) {
    const figures: Figure[] = []
    for (const apps of SIZES) {
      const design = generateDesign(apps)
      const edges = design.edges.filter((e) => e.kind === 'access').length
      log(
        `  ${apps} apps: ${design.nodes.length} nodes, ${design.edges.length} edges (${edges} access)`,
      )
      const runs = apps >= 10_000 ? 5 : 9
      const linear = medianMs(() => linearPass(design), runs * 3, 5)
      const check = medianMs(() => checkDesign(design), runs)
      figures.push(
        { name: `linear pass, ${apps} apps`, value: round(linear), unit: 'ms' },
        {
          name: `check, ${apps} apps`,
          value: round(check),
          unit: 'ms',
          ...(apps === 10_000 ? { target: { max: 100 } } : {}),
        },
        {
          name: `check / linear pass, ${apps} apps`,
          value: round(check / linear),
          unit: '×',
          ...(apps === 10_000 ? { target: { max: 20 } } : {}),
        },
      )
      if (apps === 1_000) figures.push(recheck(design))
      const plan = medianMs(() => derivePlan(design), apps >= 10_000 ? 3 : runs, 1)
      figures.push({ name: `plan, ${apps} apps`, value: round(plan), unit: 'ms' })
      const optimize = medianMs(() => optimizeIdentities(design), runs)
      figures.push({
        name: `optimize, ${apps} apps`,
        value: round(optimize),
        unit: 'ms',
        ...(apps === 10_000 ? { target: { max: 500 } } : {}),
      })
    }
    return figures
  },
}

/** One edit (a role changed on one edge), then the check of the edited design. */
function recheck(design: Design): Figure {
  const edge = design.edges.find((e) => e.kind === 'access')
  if (!edge) throw new Error('no access edge')
  let flip = false
  const edited = () => {
    flip = !flip
    const result = applyEdits(design, [
      {
        type: 'updateEdge',
        id: edge.id,
        set: { roles: [flip ? 'Storage Blob Data Reader' : 'Storage Blob Data Contributor'] },
      },
    ])
    if (!result.ok) throw new Error(result.error.message)
    return result.value
  }
  const designs = Array.from({ length: 16 }, edited)
  let i = 0
  const ms = medianMs(() => checkDesign(designs[i++ % designs.length] as Design), 11, 3)
  return {
    name: 're-check after one edit, 1000 apps',
    value: round(ms),
    unit: 'ms',
    target: { max: 5 },
  }
}
