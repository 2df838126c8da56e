import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { IntNumbering } from '@/lib/int-numbering.ts'

describe('IntNumbering', () => {
  it('numbers keys 0, 1, 2… in order of first use, a key again keeping its number', () => {
    const numbering = new IntNumbering()
    expect([70, 3, 70, -5, 0, 3].map((k) => numbering.add(k))).toEqual([0, 1, 0, 2, 3, 1])
    expect(numbering.size).toBe(4)
    expect([3, 71, -5].map((k) => numbering.numberOf(k))).toEqual([1, -1, 2])
  })

  it('numbers as a Map does, past many doublings, for progressions and random keys', () => {
    const progression = Array.from({ length: 20_000 }, (_, i) => i * 3 * 97 + (i % 3))
    const check = (keys: readonly number[]): void => {
      const numbering = new IntNumbering(4)
      const map = new Map<number, number>()
      for (const k of keys) {
        if (!map.has(k)) map.set(k, map.size)
        expect(numbering.add(k)).toBe(map.get(k))
      }
      for (const k of keys) expect(numbering.numberOf(k)).toBe(map.get(k))
      expect(numbering.size).toBe(map.size)
    }
    check([...progression, ...progression.reverse()])
    fc.assert(fc.property(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })), check))
  })
})
