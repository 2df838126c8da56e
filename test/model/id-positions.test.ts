import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { itemById, positionOf, samePositions } from '@/model/id-positions.ts'

const id: fc.Arbitrary<string> = fc.constantFrom('a', 'b', 'c', '', "it's", '$(x)', 'line\nbreak')

describe('positionOf', () => {
  it('answers as a Map from id to position would: of equal ids, the last', () => {
    fc.assert(
      fc.property(fc.array(id, { maxLength: 12 }), (ids) => {
        const list = ids.map((x, i) => ({ id: x, i }))
        const map = new Map(list.map((item, at) => [item.id, at]))
        for (const x of ['a', 'b', 'c', '', "it's", '$(x)', 'line\nbreak', 'zz'])
          expect(positionOf(list, x)).toBe(map.get(x))
      }),
      { numRuns: 300 },
    )
  })

  it('hands its positions on to a list with the same ids, and finds that list’s items', () => {
    const list = [{ id: 'a' }, { id: 'b' }, { id: 'a' }]
    expect(positionOf(list, 'a')).toBe(2)
    const next = [{ id: 'a' }, { id: 'b' }, { id: 'a', changed: true }]
    samePositions(list, next)
    expect(itemById(next, 'a')).toBe(next[2])
    expect(itemById(next, 'b')).toBe(next[1])
    expect(itemById(next, 'c')).toBeUndefined()
  })
})
