import { applyEdits } from '../../src/model/edits.ts'
import type { Design } from '../../src/model/types.ts'
import { optimizeIdentities } from '../../src/optimize/optimize.ts'
import { derivePlan } from '../../src/plan/derive.ts'
import { checkDesign } from '../../src/rules/engine.ts'
import { IncrementalChecker } from '../../src/rules/incremental.ts'
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
        { name: `findings, ${apps} apps`, value: checkDesign(design).length, unit: 'findings' },
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
      if (apps === 1_000) figures.push(...recheck(design))
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

/**
 * One edit (a role changed on one edge), then the check of the edited design: incrementally (what
 * the designer does after each edit) and, for comparison, in full.
 */
function recheck(design: Design): Figure[] {
  const edge = design.edges.find((e) => e.kind === 'access')
  if (!edge) throw new Error('no access edge')
  const versions = [design]
  for (let i = 1; i < 16; i++) {
    const role = i % 2 === 0 ? 'Storage Blob Data Contributor' : 'Storage Blob Data Reader'
    const result = applyEdits(versions[i - 1] as Design, [
      { type: 'updateEdge', id: edge.id, set: { roles: [role] } },
    ])
    if (!result.ok) throw new Error(result.error.message)
    versions.push(result.value)
  }
  const checker = new IncrementalChecker()
  checker.check(design)
  let i = 0
  const next = (): Design => versions[1 + (i++ % (versions.length - 1))] as Design
  const incremental = medianMs(() => checker.check(next()), 15, 5)
  return [
    {
      name: 're-check after one edit, 1000 apps',
      value: round(incremental),
      unit: 'ms',
      target: { max: 5 },
      note: 'incremental: only the connected part the edit touched',
    },
  ]
}
