import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sortFindings } from '@/rules/engine.ts'
import { mergeSorted } from '@/rules/sorted-merge.ts'
import { SEVERITIES, type Finding } from '@/rules/types.ts'

const finding = (side: string) =>
  fc.record({
    rule: fc.constantFrom('b-rule', 'a-rule', 'a', 'ä-rule'),
    severity: fc.constantFrom(...SEVERITIES),
    // Subjects and messages of one side never occur on the other: no finding of one equals one of
    // the other (the incremental checker's sides never share a subject, but for internal errors).
    subject: fc.option(fc.constantFrom('x', 'X', 'y', 'x2', '').map((s) => `${s}${side}`)),
    message: fc.constantFrom('m', 'M', 'm m', '"m"').map((m) => `${m}${side}`),
  }) as fc.Arbitrary<Finding>

describe('mergeSorted', () => {
  it('gives the order of sorting both lists at once', () => {
    fc.assert(
      fc.property(fc.array(finding('1')), fc.array(finding('2')), (a, b) => {
        const merged = mergeSorted(sortFindings(a), sortFindings(b))
        const sorted = sortFindings([...a, ...b])
        expect(merged).toEqual(sorted)
        expect(merged.every((f, i) => f === sorted[i])).toBe(true)
      }),
      { numRuns: 300 },
    )
  })
})
