import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fnv1a, StringTable } from '@/lib/string-table.ts'

/** What a StringTable should answer: each key's first number, from a Map. */
function firstNumbers(keys: readonly string[]): Map<string, number> {
  const map = new Map<string, number>()
  keys.forEach((key, n) => {
    if (!map.has(key)) map.set(key, n)
  })
  return map
}

const HOSTILE = [
  '',
  "it's",
  '"quoted"',
  '$(rm -rf ~)',
  'line\nbreak',
  "'''",
  '\u001b[31mred\u001b[0m',
  '\ud800',
  'x'.repeat(5_000),
]

describe('StringTable', () => {
  it('numbers keys by position, the first of equal keys keeping its number, added keys after', () => {
    const table = StringTable.of(['a', 'b', 'a', 'c'])
    expect([table.numberOf('a'), table.numberOf('b'), table.numberOf('c')]).toEqual([0, 1, 3])
    expect(table.numberOf('d')).toBe(-1)
    expect(table.has('d')).toBe(false)
    expect(table.add('d')).toBe(4)
    expect(table.add('a')).toBe(0)
    expect(table.add('d')).toBe(4)
    expect([table.key(2), table.key(4)]).toEqual(['a', 'd'])
    expect(table.has('d')).toBe(true)
  })

  it('gives, of equal keys in its first list, the last one’s number as latest (what a Map keeps)', () => {
    const table = StringTable.of(['a', 'b', 'a', 'c', 'a'])
    expect(table.repeats).toEqual([
      [2, 0],
      [4, 0],
    ])
    expect([table.latest(table.numberOf('a')), table.latest(table.numberOf('b'))]).toEqual([4, 1])
    expect(table.latest(table.add('d'))).toBe(5)
  })

  it('answers as a Map of first numbers, hostile keys among them, while it grows by adds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom(...HOSTILE)), {
          maxLength: 300,
        }),
        fc.array(fc.string({ unit: 'binary' }), { maxLength: 300 }),
        fc.array(fc.string({ unit: 'binary' }), { maxLength: 50 }),
        (initial, added, asked) => {
          const table = StringTable.of(initial)
          const numbers = added.map((key) => table.add(key))
          // Initial keys keep their positions; each new added key takes the next number.
          const expected = firstNumbers(initial)
          let next = initial.length
          const wanted = added.map((key) => {
            if (!expected.has(key)) expected.set(key, next++)
            return expected.get(key)
          })
          expect(numbers).toEqual(wanted)
          for (const key of [...initial, ...added, ...asked])
            expect(table.numberOf(key)).toBe(expected.get(key) ?? -1)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('probes its own slots for 20,000 honest ids, given or added one by one, and finds each', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `s${i % 97}-app${i}`)
    const given = StringTable.of(ids)
    const grown = StringTable.of([])
    for (const id of ids) grown.add(id)
    for (const table of [given, grown]) {
      expect(table.mode).toBe('flat')
      expect(ids.every((id, n) => table.numberOf(id) === n)).toBe(true)
      expect(table.numberOf('s0-app20000')).toBe(-1)
    }
  })

  it('moves to a Map when keys are made to collide, and keeps every number', () => {
    // 300 keys whose hashes share their low 10 bits: all want the same slot of a 1,024-slot table.
    const colliding: string[] = []
    for (let i = 0; colliding.length < 300; i++) {
      const key = `id-${i}`
      if ((fnv1a(key) & 0x3ff) === 0) colliding.push(key)
    }
    const table = StringTable.of(colliding)
    expect(table.mode).toBe('map')
    expect(colliding.every((key, n) => table.numberOf(key) === n)).toBe(true)
    expect(table.add('new')).toBe(300)
    expect(table.numberOf('new')).toBe(300)
  })

  it('moves to a Map when a lookup walks a long run of slots, and still answers', () => {
    // 300 keys for slots 0, 1, 2, …, 299 of a 1,024-slot table: each lands in its own slot at
    // once, and together they make one run that a key wanting slot 0 would walk to its end.
    const run: string[] = []
    for (let slot = 0; slot < 300; slot++)
      for (let i = 0; ; i++) {
        const key = `s${slot}-${i}`
        if ((fnv1a(key) & 0x3ff) === slot) {
          run.push(key)
          break
        }
      }
    const table = StringTable.of(run)
    expect(table.mode).toBe('flat')
    let absent = 'absent-0'
    for (let i = 1; (fnv1a(absent) & 0x3ff) !== 0; i++) absent = `absent-${i}`
    expect(table.numberOf(absent)).toBe(-1)
    expect(table.mode).toBe('map')
    expect(run.every((key, n) => table.numberOf(key) === n)).toBe(true)
  })

  it('moves to a Map when added keys collide too', () => {
    const table = StringTable.of(['seed'])
    const colliding: string[] = []
    for (let i = 0; colliding.length < 200; i++) {
      const key = `k${i}`
      if ((fnv1a(key) & 0xfff) === 0) colliding.push(key)
    }
    colliding.forEach((key, i) => expect(table.add(key)).toBe(i + 1))
    expect(table.mode).toBe('map')
    expect(table.numberOf('seed')).toBe(0)
    expect(colliding.every((key, i) => table.numberOf(key) === i + 1)).toBe(true)
  })
})

describe('fnv1a', () => {
  it('is FNV-1a over UTF-16 code units (published test vectors)', () => {
    // Offset basis for the empty string; "a" and "foobar" from the FNV reference test suite.
    expect(fnv1a('') >>> 0).toBe(0x811c9dc5)
    expect(fnv1a('a') >>> 0).toBe(0xe40c292c)
    expect(fnv1a('foobar') >>> 0).toBe(0xbf9cf968)
  })

  it('gives each text its own hash whatever was hashed before (it keeps its last answer)', () => {
    // The vectors above, asked in turn and again; the last is equal text in another string.
    const known: [string, number][] = [
      ['a', 0xe40c292c | 0],
      ['a', 0xe40c292c | 0],
      ['foobar', 0xbf9cf968 | 0],
      ['', 0x811c9dc5 | 0],
      ['a', 0xe40c292c | 0],
      ['foobar'.slice(0, 3) + 'bar', 0xbf9cf968 | 0],
    ]
    expect(known.map(([text]) => fnv1a(text))).toEqual(known.map(([, hash]) => hash))
  })
})
