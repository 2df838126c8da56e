/** Ordinal (code unit) string order: the same on every machine and locale, as the contracts require. */
export function compareOrdinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Compares tuples of strings element by element in ordinal order. */
export function compareKeys(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const c = compareOrdinal(a[i] as string, b[i] as string)
    if (c !== 0) return c
  }
  return a.length - b.length
}

/**
 * Sorts strings in place in ordinal order and returns them (sortBy with compareOrdinal).
 */
export function sortOrdinal(list: string[]): string[] {
  return sortBy(list, compareOrdinal)
}

/**
 * Sorts in place, stably, and returns the list. Short lists (the usual: a handful of apps per
 * need, of principals per group) are sorted by insertion: Array#sort with a comparator allocates
 * a work copy per call, which adds up over tens of thousands of small lists.
 */
export function sortBy<T>(list: T[], compare: (a: T, b: T) => number): T[] {
  if (list.length > 16) return list.sort(compare)
  for (let i = 1; i < list.length; i++) {
    const x = list[i] as T
    let j = i - 1
    while (j >= 0 && compare(list[j] as T, x) > 0) {
      list[j + 1] = list[j] as T
      j--
    }
    list[j + 1] = x
  }
  return list
}
