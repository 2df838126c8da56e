/**
 * Groups items that are equal by `same`, groups of two or more, each in item order, groups in
 * order of their first item's hash bucket. `hashOf` must give equal items equal hashes; only
 * items with equal hashes are compared. Buckets live in one open-addressing table of item
 * positions, and a bucket's items are chained through `next` (no map or list per item).
 */
export function groupsWithEqualSets<T>(
  items: ArrayLike<T>,
  hashOf: (item: T) => number,
  same: (a: T, b: T) => boolean,
): T[][] {
  const hashes = new Int32Array(items.length)
  const next = new Int32Array(items.length).fill(-1)
  const last = new Int32Array(items.length)
  const size = 1 << (32 - Math.clz32(items.length * 2 + 1))
  const table = new Int32Array(size).fill(-1)
  // First items of the buckets, in order of appearance: the first `bucketCount`.
  const heads = new Int32Array(items.length)
  let bucketCount = 0
  for (let i = 0; i < items.length; i++) {
    const h = (hashes[i] = hashOf(items[i] as T))
    let slot = h & (size - 1)
    let first = table[slot] as number
    while (first >= 0 && hashes[first] !== h) {
      slot = (slot + 1) & (size - 1)
      first = table[slot] as number
    }
    if (first < 0) {
      table[slot] = i
      last[i] = i
      heads[bucketCount++] = i
    } else {
      next[last[first] as number] = i
      last[first] = i
    }
  }
  const out: T[][] = []
  for (let b = 0; b < bucketCount; b++) {
    const first = heads[b] as number
    if ((next[first] as number) < 0) continue
    // Mostly every item of a bucket is equal to its first: one list, sized once.
    const whole = wholeBucket(items, next, first, same)
    if (whole) {
      out.push(whole)
      continue
    }
    const groups: T[][] = []
    for (let i = first; i >= 0; i = next[i] as number) {
      const item = items[i] as T
      const equal = groups.find((g) => same(g[0] as T, item))
      if (equal) equal.push(item)
      else groups.push([item])
    }
    for (const g of groups) if (g.length > 1) out.push(g)
  }
  return out
}

/** The bucket chained from `first` as one list, when every item is equal to the first; else undefined. */
function wholeBucket<T>(
  items: ArrayLike<T>,
  next: Int32Array,
  first: number,
  same: (a: T, b: T) => boolean,
): T[] | undefined {
  const head = items[first] as T
  let count = 1
  for (let i = next[first] as number; i >= 0; i = next[i] as number, count++)
    if (!same(head, items[i] as T)) return undefined
  const group = new Array<T>(count)
  for (let i = first, k = 0; i >= 0; i = next[i] as number, k++) group[k] = items[i] as T
  return group
}
