/**
 * A hash index over strings held elsewhere: `count` keys, key `n` read by `keyOf(n)` (the ids of a
 * design's nodes and edges, say), numbered 0…count-1; of equal keys the first keeps its number.
 * More keys can be added after them. Why not a `Set` or `Map`: V8's hash tables grow by
 * rehashing at each doubling and keep their own array of keys, and the collector copies both.
 * Measured on a 10,000-app design (88,155 node and edge ids, Node 20, after a check): a `Set` of
 * them 33 ms, a table that also kept the keys 12 ms, this index (one Int32Array of slots, sized
 * once, FNV-1a in line) 7.6 ms.
 *
 * Keys chosen to collide (a hostile design) cannot make it quadratic: a probe sequence longer than
 * MAX_PROBE, placing a key or looking one up, moves every key into a `Map`, whose hash is seeded
 * per process.
 */
export class StringTable {
  private readonly count: number
  private readonly keyOf: (n: number) => string
  private readonly added: string[] = []
  /** Open addressing, linear probing: 0 is an empty slot, else a key's number + 1. */
  private slots: Int32Array
  private mask: number
  private map?: Map<string, number>

  constructor(count: number, keyOf: (n: number) => string) {
    this.count = count
    this.keyOf = keyOf
    this.slots = new Int32Array(slotsFor(count))
    this.mask = this.slots.length - 1
    for (let n = 0; n < count; n++) this.place(keyOf(n), n)
  }

  /** An index of the strings of this list. */
  static of(strings: readonly string[]): StringTable {
    return new StringTable(strings.length, (n) => strings[n] as string)
  }

  /** The key numbered `n`. */
  key(n: number): string {
    return n < this.count ? this.keyOf(n) : (this.added[n - this.count] as string)
  }

  /** The key's number, numbering it after the others if it is new. */
  add(key: string): number {
    const known = this.numberOf(key)
    if (known >= 0) return known
    const n = this.count + this.added.length
    this.added.push(key)
    this.place(key, n)
    if (!this.map && (n + 1) * 2 > this.slots.length) this.grow()
    return n
  }

  /** The key's number, or -1. */
  numberOf(key: string): number {
    if (this.map) return this.map.get(key) ?? -1
    const { slots, mask } = this
    let j = fnv1a(key) & mask
    for (let probes = 0; ; probes++) {
      const entry = slots[j] as number
      if (entry === 0) return -1
      if (this.key(entry - 1) === key) return entry - 1
      if (probes === MAX_PROBE) {
        this.toMap()
        return this.numberOf(key)
      }
      j = (j + 1) & mask
    }
  }

  has(key: string): boolean {
    return this.numberOf(key) >= 0
  }

  /** Whether it still probes its own slots ('flat') or moved to a Map after long probes. */
  get mode(): 'flat' | 'map' {
    return this.map ? 'map' : 'flat'
  }

  /** Puts key `n` in its slot, unless an equal key is there already. */
  private place(key: string, n: number): void {
    if (this.map) {
      if (!this.map.has(key)) this.map.set(key, n)
      return
    }
    const { slots, mask } = this
    let j = fnv1a(key) & mask
    for (let probes = 0; slots[j] !== 0; probes++) {
      if (this.key((slots[j] as number) - 1) === key) return
      if (probes === MAX_PROBE) return this.toMap()
      j = (j + 1) & mask
    }
    slots[j] = n + 1
  }

  /** Twice the slots, every key placed again. */
  private grow(): void {
    const old = this.slots
    this.slots = new Int32Array(old.length * 2)
    this.mask = this.slots.length - 1
    for (const entry of old) if (entry !== 0) this.place(this.key(entry - 1), entry - 1)
  }

  /** Every key numbered so far, first of equal keys first, into a Map. */
  private toMap(): void {
    const map = new Map<string, number>()
    const total = this.count + this.added.length
    for (let n = 0; n < total; n++) {
      const key = this.key(n)
      if (!map.has(key)) map.set(key, n)
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

/** FNV-1a over UTF-16 code units, as a signed 32-bit number. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h
}
