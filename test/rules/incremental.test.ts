import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyEdits, type Edit } from '@/model/edits.ts'
import type { Design } from '@/model/types.ts'
import { components } from '@/rules/components.ts'
import { IncrementalChecker } from '@/rules/incremental.ts'
import type { Finding, Fix } from '@/rules/types.ts'
import { designArbitrary } from '../support/arbitraries.ts'
import { design } from '../support/builder.ts'
import { findingsWithOffers } from '../support/rule-tester.ts'

/** The checker's findings of its last check, each with its fixes and suggestions. */
const withOffers = (checker: IncrementalChecker, findings: readonly Finding[]) =>
  findingsWithOffersOf(findings, (f) => checker.offers(f))
const findingsWithOffersOf = (findings: readonly Finding[], offers: IncrementalChecker['offers']) =>
  findings.map((f) => ({ ...f, ...offers(f) }))

/** An edit picked by a seed: a fix or suggestion of some finding, a role change, or a removal. */
function someEdit(d: Design, seed: number): readonly Edit[] {
  const offers = findingsWithOffers(d).flatMap((f) => [...f.fixes, ...f.suggestions])
  const access = d.edges.filter((e) => e.kind === 'access')
  switch (seed % 4) {
    case 0:
      if (offers.length > 0) return (offers[seed % offers.length] as Fix).edits
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

describe('IncrementalChecker', () => {
  it('gives exactly the findings, fixes and suggestions of a full check after every edit of a random sequence', () => {
    fc.assert(
      fc.property(designArbitrary(), fc.array(fc.nat(), { maxLength: 6 }), (start, seeds) => {
        const checker = new IncrementalChecker()
        let d = start
        expect(withOffers(checker, checker.check(d))).toEqual(findingsWithOffers(d))
        for (const seed of seeds) {
          const next = applyEdits(d, someEdit(d, seed))
          if (!next.ok) continue
          d = next.value
          expect(withOffers(checker, checker.check(d))).toEqual(findingsWithOffers(d))
        }
      }),
      { numRuns: 200 },
    )
  }, 120_000)

  it('reuses the findings of parts an edit did not touch, with fixes made for the new version', () => {
    const d = design()
      .app('a')
      .service('s1', 'storage')
      .access('a', 's1', ['Storage Blob Data Reader'], { id: 'e1' })
      .identity('mi')
      .build()
    expect(components(d).map((c) => [c.key, c.nodes.map((n) => n.id)])).toEqual([
      ['a', ['a', 's1']],
      ['mi', ['mi']],
    ])
    const checker = new IncrementalChecker()
    const missing = (fs: Finding[]) => fs.find((f) => f.rule === 'missing-identity') as Finding
    const first = missing(checker.check(d))
    expect(checker.checkedParts).toBe(2)
    expect(checker.offers(first).suggestions.map((s) => s.edits[0])).toEqual([
      { type: 'addEdge', edge: { id: 'a-mi', kind: 'attach', source: 'a', target: 'mi' } },
    ])
    // A new identity elsewhere, with the very id the suggestion's attach edge would take.
    const edited = applyEdits(d, [
      { type: 'addNode', node: { id: 'a-mi', kind: 'identity', name: 'a-mi' } },
    ])
    if (!edited.ok) throw new Error(edited.error.message)
    const second = missing(checker.check(edited.value))
    expect(checker.checkedParts).toBe(1)
    expect(second).toBe(first)
    expect(checker.offers(second).suggestions.map((s) => s.edits[0])).toEqual([
      { type: 'addEdge', edge: { id: 'a-mi-2', kind: 'attach', source: 'a', target: 'mi' } },
      { type: 'addEdge', edge: { id: 'a-a-mi', kind: 'attach', source: 'a', target: 'a-mi' } },
    ])
  })
})
