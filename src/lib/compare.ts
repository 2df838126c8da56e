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
