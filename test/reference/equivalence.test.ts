import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyEdits, type Edit } from '@/model/edits.ts'
import type { Design, DesignNode } from '@/model/types.ts'
import { TEMPLATES } from '@/templates/index.ts'
import { generateDesign } from '../../bench/generate.ts'
import { designArbitrary } from '../support/arbitraries.ts'
import * as current from './current.ts'
import { plain, type Plain } from './plain.ts'
import { optimizeIdentities as refOptimize } from './v1/optimize/optimize.ts'
import { derivePlan as refPlan } from './v1/plan/derive.ts'
import { checkDesign as refCheckDesign } from './v1/rules/engine.ts'

// Today's engine (v1/, copied from the code before the rules-v2 rewrite) is the reference: the
// new analysis, rules, optimize and plan must give exactly its output, fixes included.
const refCheck = (d: Design): Plain[] => plain(refCheckDesign(d))

/** Names that try to break messages and generated text; a few repeat, so messages can tie. */
const HOSTILE = [
  'a"b',
  "it's '''",
  '$(rm -rf /)',
  'line\nbreak',
  '\u001b[31mred\u001b[0m',
  'back\\slash',
  'same',
  'same',
  'ünï',
  '{app}',
]

function withHostileNames(d: Design, seed: number): Design {
  const nodes = d.nodes.map((n, i): DesignNode => {
    const name = HOSTILE[(i + seed) % HOSTILE.length] as string
    return n.kind === 'identity' ? { ...n, name: `${name}-${i}` } : { ...n, name }
  })
  return { ...d, nodes }
}

const designs = fc
  .tuple(designArbitrary(), fc.nat(20))
  .map(([d, seed]) => (seed < 10 ? withHostileNames(d, seed) : d))

/** An edit picked by a seed: a fix or suggestion of some finding, a role change, or a removal. */
function someEdit(d: Design, findings: readonly Plain[], seed: number): readonly Edit[] {
  const offers = findings.flatMap((f) => [...f.fixes, ...f.suggestions])
  const access = d.edges.filter((e) => e.kind === 'access')
  switch (seed % 5) {
    case 0:
    case 4:
      if (offers.length > 0) return (offers[seed % offers.length] as Plain['fixes'][number]).edits
      break
    case 1: {
      const edge = access[seed % Math.max(1, access.length)]
      if (edge) return [{ type: 'updateEdge', id: edge.id, set: { roles: ['Owner'] } }]
      break
    }
    case 2: {
      const node = d.nodes[seed % Math.max(1, d.nodes.length)]
      if (node) return [{ type: 'removeNode', id: node.id }]
      break
    }
  }
  return [{ type: 'renameDesign', name: `v${seed}` }]
}

describe('the rewritten engine gives the reference engine’s output', () => {
  const samples: [string, Design][] = [
    ...TEMPLATES.map((t): [string, Design] => [t.id, t.design]),
    ['generated 30 apps', generateDesign(30)],
    ['generated 120 apps, seed 7', generateDesign(120, 7)],
    ['generated 40 apps, hostile names', withHostileNames(generateDesign(40, 3), 1)],
  ]

  it.each(samples)('findings, fixes and suggestions: %s', (_name, d) => {
    expect(current.check(d)).toEqual(refCheck(d))
  })

  it.each(samples)('plan and optimize: %s', (_name, d) => {
    expect(current.plan(d)).toEqual(refPlan(d))
    expect(current.optimize(d)).toEqual(refOptimize(d))
  })

  it('findings, fixes and suggestions on random designs', () => {
    fc.assert(
      fc.property(designs, (d) => {
        expect(current.check(d)).toEqual(refCheck(d))
      }),
      { numRuns: 400 },
    )
  }, 120_000)

  it('plan and optimize on random designs', () => {
    fc.assert(
      fc.property(designs, (d) => {
        expect(current.plan(d)).toEqual(refPlan(d))
        expect(current.optimize(d)).toEqual(refOptimize(d))
      }),
      { numRuns: 400 },
    )
  }, 120_000)

  it('the incremental checker after every edit of random edit sequences', () => {
    fc.assert(
      fc.property(designs, fc.array(fc.nat(), { maxLength: 8 }), (start, seeds) => {
        const check = current.incremental()
        let d = start
        let expected = refCheck(d)
        expect(check(d)).toEqual(expected)
        for (const seed of seeds) {
          const next = applyEdits(d, someEdit(d, expected, seed))
          if (!next.ok) continue
          d = next.value
          expected = refCheck(d)
          expect(check(d)).toEqual(expected)
        }
      }),
      { numRuns: 200 },
    )
  }, 120_000)
})
