import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ID_PATTERN } from '@/model/kinds.ts'
import { idBase, IdAllocator } from '@/optimize/ids.ts'

/** A clean id: allowed characters (PRODUCT.md §4), no leading, trailing or doubled dash. */
const isClean = (text: string): boolean =>
  ID_PATTERN.test(text) && !text.startsWith('-') && !text.endsWith('-') && !text.includes('--')

/** Text mostly from the id alphabet (so clean ones come up often), with hostile characters mixed in. */
const idLike = fc.string({
  unit: fc.constantFrom(...'aZ09_.--', ' ', '\n', '$', "'", '"', 'é', '\u001b', '\u{1F600}'),
  maxLength: 80,
})

describe('idBase', () => {
  it('leaves clean text as it is and turns any other text into a clean id', () => {
    fc.assert(
      fc.property(fc.oneof(idLike, fc.string({ maxLength: 200 })), (text) => {
        const base = idBase(text)
        expect(isClean(base)).toBe(true)
        if (isClean(text)) expect(base).toBe(text)
      }),
      { numRuns: 2000 },
    )
  })
})

describe('IdAllocator', () => {
  it('hands out valid ids, unique against the design and each other', () => {
    fc.assert(
      fc.property(
        fc.array(idLike, { maxLength: 30 }),
        fc.array(idLike, { maxLength: 30 }),
        (taken, asked) => {
          const ids = new IdAllocator(new Set(taken))
          const out = asked.map((text) => ids.fresh(text))
          for (const id of out) {
            expect(isClean(id)).toBe(true)
            expect(taken).not.toContain(id)
          }
          expect(new Set(out).size).toBe(out.length)
        },
      ),
    )
  })

  it('numbers a taken base, shortening it to stay within 64 characters', () => {
    const long = 'a'.repeat(64)
    const ids = new IdAllocator(new Set(['api', long]))
    expect([ids.fresh('api'), ids.fresh('api'), ids.fresh(long)]).toEqual([
      'api-2',
      'api-3',
      // The readable start and a hash of the whole, then the number: 64 characters.
      `${'a'.repeat(53)}-d96f0f85-2`,
    ])
  })
})
