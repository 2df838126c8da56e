/**
 * A hash index over strings held elsewhere: `count` keys, key `n` read by `keyOf(n)` (the ids of a
 * design's nodes and edges, say), numbered 0…count-1; of equal keys the first keeps its number.
 * More keys can be added after them. Why not a `Set` or `Map`: V8's hash tables grow by
 * rehashing at each doubling and keep their own array of keys, and the collector copies both.
 * Measured on a 10,000-app design (88,155 node and edge ids, Node 20, after a check): a `Set` of
 * them 33 ms, a table that also kept the keys 12 ms, this index 7.3 ms. It keeps one flat
 * Int32Array, sized once, of slots side by side with their key's hash: a probe reads a key only
 * when the hashes match (a key is an object and a string elsewhere in memory, two cache misses),
 * the hash is in the slot's cache line, and growing reads no key.
 *
 * Keys chosen to collide (a hostile design) cannot make it quadratic: a probe sequence longer than
 * MAX_PROBE, placing a key or looking one up, moves every key into a `Map`, whose hash is seeded
 * per process.
 */
export class StringTable {
  private readonly count: number
  private readonly keyOf: (n: number) => string
  private readonly added: string[] = []
  /** Numbers below `count` whose key an earlier number has (with that number), in order. */
  private readonly repeatList: [number, number][] = []
  /** Of equal keys below `count`, the first's number → the last's (made on first use). */
  private lastOfFirst?: Map<number, number>
  /**
   * Open addressing, linear probing. Slot j is `slots[2j]`: 0 when empty, else a key's number + 1;
   * `slots[2j + 1]` is that key's FNV-1a hash.
   */
  private slots: Int32Array
  /** The number of slots - 1 (a power of two - 1). */
  private mask: number
  private map?: Map<string, number>

  constructor(count: number, keyOf: (n: number) => string) {
    this.count = count
    this.keyOf = keyOf
    const size = slotsFor(count)
    this.slots = new Int32Array(size * 2)
    this.mask = size - 1
    for (let n = 0; n < count; n++) {
      const key = keyOf(n)
      const first = this.find(key, fnv1a(key), n)
      if (first !== n) this.repeatList.push([n, first])
    }
  }

  /** An index of the strings of this list. */
  static of(strings: readonly string[]): StringTable {
    return new StringTable(strings.length, (n) => strings[n] as string)
  }

  /** Each number below `count` whose key an earlier number has, with that first number. */
  get repeats(): readonly (readonly [repeat: number, first: number])[] {
    return this.repeatList
  }

  /**
   * Of equal keys below `count`, the number of the last one (the one `new Map` keeps); any other
   * number as it is.
   */
  latest(n: number): number {
    if (this.repeatList.length === 0) return n
    this.lastOfFirst ??= new Map(this.repeatList.map(([repeat, first]) => [first, repeat]))
    return this.lastOfFirst.get(n) ?? n
  }

  /** How many numbers it has given: `count` and the keys added after them. */
  get size(): number {
    return this.count + this.added.length
  }

  /** The key numbered `n`. */
  key(n: number): string {
    return n < this.count ? this.keyOf(n) : (this.added[n - this.count] as string)
  }

  /** The key's number, numbering it after the others if it is new. */
  add(key: string): number {
    const n = this.count + this.added.length
    const found = this.find(key, fnv1a(key), n)
    if (found !== n) return found
    this.added.push(key)
    if (!this.map && (n + 1) * 2 > this.mask + 1) this.grow()
    return n
  }

  /** The key's number, or -1. */
  numberOf(key: string): number {
    return this.find(key, fnv1a(key), -1)
  }

  has(key: string): boolean {
    return this.numberOf(key) >= 0
  }

  /** Whether it still probes its own slots ('flat') or moved to a Map after long probes. */
  get mode(): 'flat' | 'map' {
    return this.map ? 'map' : 'flat'
  }

  /**
   * The number of the key (with hash `h`) already here; else `fresh`, which the key now has
   * unless `fresh` is -1 (a lookup).
   */
  private find(key: string, h: number, fresh: number): number {
    if (this.map) {
      const known = this.map.get(key)
      if (known !== undefined) return known
      if (fresh >= 0) this.map.set(key, fresh)
      return fresh
    }
    const { slots, mask } = this
    let j = h & mask
    for (let probes = 0; ; probes++) {
      const entry = slots[2 * j] as number
      if (entry === 0) break
      if (slots[2 * j + 1] === h && this.key(entry - 1) === key) return entry - 1
      if (probes === MAX_PROBE) {
        this.toMap(slots)
        return this.find(key, h, fresh)
      }
      j = (j + 1) & mask
    }
    if (fresh >= 0) {
      slots[2 * j] = fresh + 1
      slots[2 * j + 1] = h
    }
    return fresh
  }

  /** Twice the slots, every key placed again by its stored hash. */
  private grow(): void {
    const old = this.slots
    const slots = (this.slots = new Int32Array(old.length * 2))
    const mask = (this.mask = slots.length / 2 - 1)
    for (let i = 0; i < old.length; i += 2) {
      const entry = old[i] as number
      if (entry === 0) continue
      const h = old[i + 1] as number
      let j = h & mask
      for (let probes = 0; slots[2 * j] !== 0; probes++) {
        // Keys that collided in the smaller table may still collide: hand over to a Map.
        if (probes === MAX_PROBE) return this.toMap(old)
        j = (j + 1) & mask
      }
      slots[2 * j] = entry
      slots[2 * j + 1] = h
    }
  }

  /** Every key of these slots (all placed so far) into a Map, which serves from now on. */
  private toMap(slots: Int32Array): void {
    const map = new Map<string, number>()
    for (let i = 0; i < slots.length; i += 2) {
      const entry = slots[i] as number
      if (entry !== 0) map.set(this.key(entry - 1), entry - 1)
    }
    this.map = map
    this.slots = new Int32Array(0)
  }
}

/**
 * Longest probe sequence before the index gives up on its own hash. At most half the slots are
 * used, so honest keys need ~1.5 probes on average and rarely more than a few dozen.
 */
const MAX_PROBE = 64

/** A power of two with room for `count` keys at most half full. */
function slotsFor(count: number): number {
  let size = 16
  while (size < count * 2) size *= 2
  return size
}

/** The last text hashed and its hash (see fnv1a). */
let lastText = ''
let lastHash = fnv1aOf('')

/**
 * FNV-1a over UTF-16 code units, as a signed 32-bit number. The last answer is kept: a new id is
 * often hashed by several tables in a row (the ids an allocator handed out, then the design's
 * nodes and edges, then the draft that adds it), and comparing it with the last text is cheaper
 * than hashing it again.
 */
export function fnv1a(text: string): number {
  if (text === lastText) return lastHash
  lastText = text
  return (lastHash = fnv1aOf(text))
}

function fnv1aOf(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  // Signed like the Int32Array that stores it (the empty string's is the unsigned offset basis).
  return h | 0
}
