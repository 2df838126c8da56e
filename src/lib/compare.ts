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
 * Sorts strings in place in ordinal order and returns them. Short lists (the usual: a handful of
 * apps per need) are sorted by insertion: Array#sort with a comparator allocates a work copy per
 * call, which adds up over tens of thousands of small lists.
 */
export function sortOrdinal(list: string[]): string[] {
  if (list.length > 16) return list.sort(compareOrdinal)
  for (let i = 1; i < list.length; i++) {
    const x = list[i] as string
    let j = i - 1
    while (j >= 0 && (list[j] as string) > x) {
      list[j + 1] = list[j] as string
      j--
    }
    list[j + 1] = x
  }
  return list
}
