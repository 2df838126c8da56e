import { describe, expect, it } from 'vitest'
import { MAX_DESIGN_CHARS, nestingProblem, oversizeWarning } from '@/model/limits.ts'

const nested = (depth: number): unknown => (depth === 0 ? 1 : { a: nested(depth - 1) })

describe('nestingProblem', () => {
  it('reports the first place in document order where the limit is passed, through arrays and keys', () => {
    const value = { ok: [1, { x: nested(1) }], first: [0, nested(5), nested(9)], second: nested(9) }
    expect(nestingProblem(value, 4)).toEqual({
      path: 'first[1].a.a',
      message: "nested deeper than 4 levels; a design's fields may nest at most 4 levels",
    })
  })

  it('passes a value nested exactly to the limit, and a value of any size that stays under it', () => {
    expect(nestingProblem({ deep: nested(3) }, 4)).toBeUndefined()
    const wide = {
      nodes: Array.from({ length: 50_000 }, (_, i) => ({ id: `n${i}`, roles: ['r'] })),
    }
    expect(nestingProblem(wide, 4)).toBeUndefined()
  })

  it('reads own keys only, and a key named __proto__ as the data it is', () => {
    const inherited = Object.create({ hidden: nested(10) }) as Record<string, unknown>
    expect(nestingProblem(inherited, 4)).toBeUndefined()
    const value = JSON.parse(`{"__proto__":${JSON.stringify(nested(6))}}`) as unknown
    expect(nestingProblem(value, 4)?.path).toBe('__proto__.a.a.a')
  })

  it('cuts a value nested 100,000 deep off at the limit (no stack overflow)', () => {
    const text = '['.repeat(100_000) + ']'.repeat(100_000)
    expect(nestingProblem(JSON.parse(text), 64)?.path).toBe('[0]'.repeat(64))
  })
})

describe('oversizeWarning', () => {
  it('says nothing for a text that opens, and why one a character longer would not', () => {
    expect(oversizeWarning(MAX_DESIGN_CHARS)).toBeUndefined()
    expect(oversizeWarning(MAX_DESIGN_CHARS + 1)).toBe(
      'the design is 8.0 MB, above the 8 MB a design may be: neither the designer nor idtopo will open the file. Split it into smaller designs.',
    )
  })
})
