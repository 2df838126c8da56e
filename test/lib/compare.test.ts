import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compareOrdinal, sortBy, sortOrdinal } from '@/lib/compare.ts'

describe('sortOrdinal', () => {
  it('orders as Array#sort with compareOrdinal, short lists and long', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 40 }), (list) => {
        const expected = [...list].sort(compareOrdinal)
        expect(sortOrdinal([...list])).toEqual(expected)
      }),
      { numRuns: 300 },
    )
  })

  it('sorts by code unit, not locale: uppercase before lowercase, "a" before "a-b"', () => {
    expect(sortOrdinal(['b', 'a-b', 'B', 'a', 'ä'])).toEqual(['B', 'a', 'a-b', 'b', 'ä'])
  })
})

describe('sortBy', () => {
  it('sorts stably, as Array#sort does, short lists and long', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ key: fc.integer({ min: 0, max: 5 }), at: fc.nat() }), {
          maxLength: 40,
        }),
        (list) => {
          const byKey = (a: { key: number }, b: { key: number }): number => a.key - b.key
          expect(sortBy([...list], byKey)).toEqual([...list].sort(byKey))
        },
      ),
      { numRuns: 300 },
    )
  })
})
