/**
 * Groups items whose sets (sorted number lists) are equal, groups of two or more, each in item
 * order, groups in order of their first item's hash. Hashes chain the items (one number per
 * item, no list per item); only items with equal hashes are compared exactly.
 */
export function groupsWithEqualSets<T>(
  items: readonly T[],
  setOf: (item: T) => readonly number[],
): T[][] {
  const head = new Map<number, number>()
  const next = new Int32Array(items.length).fill(-1)
  const last = new Int32Array(items.length)
  items.forEach((item, i) => {
    const set = setOf(item)
    let h = set.length
    for (const x of set) h = (Math.imul(h, 31) + x) | 0
    const first = head.get(h)
    if (first === undefined) {
      head.set(h, i)
      last[i] = i
    } else {
      next[last[first] as number] = i
      last[first] = i
    }
  })
  const out: T[][] = []
  for (const first of head.values()) {
    if ((next[first] as number) < 0) continue
    const groups: T[][] = []
    for (let i = first; i >= 0; i = next[i] as number) {
      const item = items[i] as T
      const set = setOf(item)
      const same = groups.find((g) => sameSet(setOf(g[0] as T), set))
      if (same) same.push(item)
      else groups.push([item])
    }
    for (const g of groups) if (g.length > 1) out.push(g)
  }
  return out
}

function sameSet(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}
