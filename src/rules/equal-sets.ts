/** Groups items whose sets are equal (hash buckets, then an exact comparison); groups of 2+. */
export function groupsWithEqualSets<T>(
  items: readonly T[],
  setOf: (item: T) => readonly number[],
): T[][] {
  const buckets = new Map<number, T[][]>()
  for (const item of items) {
    const set = setOf(item)
    let h = set.length
    for (const x of set) h = (Math.imul(h, 31) + x) | 0
    const groups = buckets.get(h)
    if (!groups) {
      buckets.set(h, [[item]])
      continue
    }
    const same = groups.find((g) => sameSet(setOf(g[0] as T), set))
    if (same) same.push(item)
    else groups.push([item])
  }
  return [...buckets.values()].flat().filter((g) => g.length > 1)
}

function sameSet(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}
