/**
 * Numbers int32 keys densely, 0, 1, 2… in order of first use: what a
 * `Map<number, number>` does for a numbering, in one flat Int32Array of slots side by side with
 * their key. Why not a Map: a V8 hash table grows by rehashing into a new table at each doubling,
 * and past about 16,000 entries each new table is a large object of its own, slow to allocate
 * (a 10,000-app design's (service, role, scope) triples made three of 115-460 KB per check).
 *
 * Open addressing, linear probing, Fibonacci hashing (the key times 2^32/φ, top bits): keys that
 * are an arithmetic progression, as numbers made from positions are, spread over the slots.
 */
export class IntNumbering {
  /** Slot j is `slots[2j]`: 0 when empty, else a number + 1; `slots[2j + 1]` is its key. */
  private slots: Int32Array
  private shift: number
  private count = 0

  constructor(expected = 8) {
    const bits = Math.max(3, 32 - Math.clz32(expected * 2 - 1))
    this.slots = new Int32Array(2 << bits)
    this.shift = 32 - bits
  }

  /** How many keys are numbered. */
  get size(): number {
    return this.count
  }

  /** The key's number, numbering it after the others if it is new. */
  add(key: number): number {
    const n = this.find(key)
    if (n >= 0) return n
    const fresh = this.count++
    this.place(this.slots, this.shift, key, fresh)
    if (this.count * 2 > this.slots.length / 2) this.grow()
    return fresh
  }

  /** The key's number, or -1. */
  numberOf(key: number): number {
    return this.find(key)
  }

  private find(key: number): number {
    const { slots } = this
    const mask = slots.length / 2 - 1
    for (let j = Math.imul(key, GOLDEN) >>> this.shift; ; j = (j + 1) & mask) {
      const entry = slots[2 * j] as number
      if (entry === 0) return -1
      if (slots[2 * j + 1] === key) return entry - 1
    }
  }

  private place(slots: Int32Array, shift: number, key: number, n: number): void {
    const mask = slots.length / 2 - 1
    let j = Math.imul(key, GOLDEN) >>> shift
    while (slots[2 * j] !== 0) j = (j + 1) & mask
    slots[2 * j] = n + 1
    slots[2 * j + 1] = key
  }

  /** Twice the slots, every key placed again. */
  private grow(): void {
    const old = this.slots
    const slots = (this.slots = new Int32Array(old.length * 2))
    const shift = --this.shift
    for (let i = 0; i < old.length; i += 2)
      if (old[i] !== 0) this.place(slots, shift, old[i + 1] as number, (old[i] as number) - 1)
  }
}

/** 2^32 / φ, odd: multiplying by it spreads consecutive keys over the top bits. */
const GOLDEN = 0x9e3779b1 | 0
