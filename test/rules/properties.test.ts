import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyEdits } from '@/model/edits.ts'
import { parseDesign } from '@/model/parse.ts'
import { designToJson } from '@/model/serialize.ts'
import { checkDesign, countFindings } from '@/rules/engine.ts'
import { RULES } from '@/rules/registry.ts'
import { designArbitrary } from '../support/arbitraries.ts'
import { findingKey, findingsWithOffers } from '../support/rule-tester.ts'

describe('rules on random designs', () => {
  it('draws structurally valid designs (the arbitrary others reuse)', () => {
    fc.assert(
      fc.property(designArbitrary(), (d) => {
        const parsed = parseDesign(designToJson(d))
        expect(parsed.ok && parsed.value).toEqual(d)
      }),
      { numRuns: 200 },
    )
  })

  it('every subject exists, edge rules report each edge at most once', () => {
    fc.assert(
      fc.property(designArbitrary(), (d) => {
        const ids = new Set([...d.nodes.map((n) => n.id), ...d.edges.map((e) => e.id)])
        const findings = checkDesign(d)
        for (const f of findings) {
          expect(f.rule).not.toBe('internal-error')
          if (f.subject !== null) expect(ids).toContain(f.subject)
          for (const r of f.related ?? []) expect(ids).toContain(r)
        }
        const keys = findings.filter((f) => f.subject?.startsWith('ac')).map(findingKey)
        expect(new Set(keys).size).toBe(keys.length)
      }),
      { numRuns: 300 },
    )
  }, 60_000)

  it('every offered fix and suggestion applies cleanly, removes its finding and never raises the error count', () => {
    fc.assert(
      fc.property(designArbitrary(), (d) => {
        const findings = findingsWithOffers(d)
        const errors = countFindings(findings).error
        for (const f of findings) {
          for (const fix of [...f.fixes, ...f.suggestions]) {
            const applied = applyEdits(d, fix.edits)
            expect(applied.ok, `${f.rule} ${fix.title}: ${JSON.stringify(applied)}`).toBe(true)
            if (!applied.ok) return
            const after = checkDesign(applied.value)
            expect(
              countFindings(after).error,
              `${f.rule} on ${f.subject}: ${fix.title}`,
            ).toBeLessThanOrEqual(errors)
            expect(after.map(findingKey), `${f.rule}: ${fix.title}`).not.toContain(findingKey(f))
          }
        }
      }),
      { numRuns: 300 },
    )
  }, 60_000)

  it('is deterministic and independent of the rule order', () => {
    fc.assert(
      fc.property(
        designArbitrary(),
        fc.shuffledSubarray([...RULES], { minLength: RULES.length }),
        (d, reordered) => {
          expect(reordered.map((r) => r.meta.id)).not.toEqual(RULES.map((r) => r.meta.id))
          expect(findingsWithOffers(d, reordered)).toEqual(findingsWithOffers(d))
        },
      ),
      { numRuns: 100 },
    )
  }, 60_000)
})
