import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { groupsWithEqualSets } from '@/rules/equal-sets.ts'

describe('groupsWithEqualSets', () => {
  it('groups equal items of two or more, each in item order, whether a hash bucket holds one group or several', () => {
    // Items are [id, set]: the hash is the set's size, so sets of one size share a bucket.
    const items: [string, string][] = [
      ['a', 'xy'],
      ['b', 'x'],
      ['c', 'xy'],
      ['d', 'zw'],
      ['e', 'xy'],
      ['f', 'zw'],
      ['g', 'q'],
      ['h', 'x'],
    ]
    const groups = groupsWithEqualSets(
      items,
      ([, set]) => set.length,
      (p, q) => p[1] === q[1],
    ).map((g) => g.map(([id]) => id))
    expect(groups).toEqual([
      ['a', 'c', 'e'],
      ['d', 'f'],
      ['b', 'h'],
    ])
  })

  it('finds the groups a quadratic comparison finds, in item order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 60 }), (values) => {
        const items = values.map((value, at) => ({ value, at }))
        const groups = groupsWithEqualSets(
          items,
          (i) => i.value % 4,
          (p, q) => p.value === q.value,
        )
        const expected = [...new Set(values)]
          .map((v) => items.filter((i) => i.value === v))
          .filter((g) => g.length > 1)
        const byFirst = (g: { at: number }[]): number => (g[0] as { at: number }).at
        expect([...groups].sort((g, h) => byFirst(g) - byFirst(h))).toEqual(
          expected.sort((g, h) => byFirst(g) - byFirst(h)),
        )
      }),
      { numRuns: 300 },
    )
  })
})
