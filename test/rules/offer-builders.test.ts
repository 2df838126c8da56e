import { describe, expect, it } from 'vitest'
import { OfferBuilders } from '@/rules/offer-builders.ts'
import type { FixBuilder } from '@/rules/rule.ts'

describe('OfferBuilders', () => {
  it('keeps the builders of the findings that have one, found by finding position', () => {
    const fix: FixBuilder = () => []
    const suggest: FixBuilder = () => []
    const builders = new OfferBuilders()
    builders.add(0, undefined, undefined)
    builders.add(2, fix, undefined)
    builders.add(3, undefined, undefined)
    builders.add(7, undefined, suggest)
    builders.add(9, fix, suggest)
    expect(builders.size).toBe(3)
    expect([0, 1, 2, 3, 7, 8, 9, 10].map((p) => builders.slotOf(p))).toEqual([
      -1, -1, 0, -1, 1, -1, 2, -1,
    ])
    expect([0, 1, 2].map((s) => builders.positionOf(s))).toEqual([2, 7, 9])
    expect([builders.fixAt(0), builders.suggestAt(0)]).toEqual([fix, undefined])
    expect([builders.fixAt(1), builders.suggestAt(1)]).toEqual([undefined, suggest])
    expect([builders.fixAt(2), builders.suggestAt(2)]).toEqual([fix, suggest])
  })
})
