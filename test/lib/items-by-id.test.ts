import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ItemsById } from '@/lib/items-by-id.ts'

interface Item {
  readonly id: string
  readonly v: number
}

type Op =
  | { readonly op: 'set' | 'add' | 'update'; readonly id: string; readonly v: number }
  | { readonly op: 'delete'; readonly id: string }
  | { readonly op: 'dropOdd' }

/** A few ids, hostile ones among them, so that sets, deletes and re-sets meet. */
const id: fc.Arbitrary<string> = fc.constantFrom(
  'a',
  'b',
  'c',
  '',
  "it's",
  '$(x)',
  'line\nbreak',
  '\u001b[0m',
  '\ud800',
)
const item = fc.record({ id, v: fc.integer() })
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constantFrom('set' as const, 'add' as const, 'update' as const),
    id,
    v: fc.integer(),
  }),
  fc.record({ op: fc.constant('delete' as const), id }),
  fc.constant({ op: 'dropOdd' as const }),
)

describe('ItemsById', () => {
  it('keeps the order and answers of a Map from id to item, whatever the edits', () => {
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 12 }),
        fc.array(op, { maxLength: 40 }),
        (first, ops) => {
          const items = new ItemsById(first)
          const map = new Map(first.map((x) => [x.id, x]))
          for (const o of ops) {
            if (o.op === 'set') {
              const next = { id: o.id, v: o.v }
              items.set(next)
              map.set(o.id, next)
            } else if (o.op === 'add') {
              const next = { id: o.id, v: o.v }
              expect(items.add(next)).toBe(!map.has(o.id))
              if (!map.has(o.id)) map.set(o.id, next)
            } else if (o.op === 'update') {
              // Refused (a string) where there is no item; else replaced where it is, by what
              // `change` makes of the item and the argument passed through.
              const before = map.get(o.id)
              let made: Item | undefined
              const got = items.update(
                o.id,
                (x, v) => (x ? (made = { id: x.id, v: x.v + v }) : 'none'),
                o.v,
              )
              expect(got).toBe(before ? undefined : 'none')
              expect(made).toEqual(before ? { id: o.id, v: before.v + o.v } : undefined)
              if (made) map.set(o.id, made)
            } else if (o.op === 'delete') {
              expect(items.delete(o.id)).toBe(map.delete(o.id))
            } else {
              items.deleteWhere((x) => x.v % 2 !== 0)
              for (const [key, x] of map) if (x.v % 2 !== 0) map.delete(key)
            }
            expect(items.values()).toEqual([...map.values()])
          }
          for (const key of ['a', 'b', 'c', '', 'zz']) {
            expect(items.get(key)).toBe(map.get(key))
            expect(items.has(key)).toBe(map.has(key))
          }
        },
      ),
      { numRuns: 500 },
    )
  })

  it('puts an item deleted and set again last, and replaces a kept one where it is', () => {
    const items = new ItemsById<Item>([
      { id: 'a', v: 1 },
      { id: 'b', v: 2 },
      { id: 'c', v: 3 },
    ])
    items.delete('a')
    items.set({ id: 'a', v: 4 })
    items.set({ id: 'b', v: 5 })
    expect(items.values()).toEqual([
      { id: 'b', v: 5 },
      { id: 'c', v: 3 },
      { id: 'a', v: 4 },
    ])
  })

  it('keeps, of equal ids in its first list, the last item in the first one’s place', () => {
    const items = new ItemsById<Item>([
      { id: 'a', v: 1 },
      { id: 'b', v: 2 },
      { id: 'a', v: 3 },
    ])
    expect(items.values()).toEqual([
      { id: 'a', v: 3 },
      { id: 'b', v: 2 },
    ])
    expect(items.get('a')).toEqual({ id: 'a', v: 3 })
  })

  it('grows past its first list: 5,000 items added to 3', () => {
    const items = new ItemsById<Item>([
      { id: 'x', v: 0 },
      { id: 'y', v: 0 },
      { id: 'z', v: 0 },
    ])
    for (let i = 0; i < 5_000; i++) items.set({ id: `n${i}`, v: i })
    expect(items.values()).toHaveLength(5_003)
    expect(items.get('n4999')).toEqual({ id: 'n4999', v: 4999 })
    expect(items.values()[3]).toEqual({ id: 'n0', v: 0 })
  })
})
