/** Edit distance (insert, delete, substitute), two rows of memory. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      row.push(
        Math.min(
          (prev[j] as number) + 1,
          (row[j - 1] as number) + 1,
          (prev[j - 1] as number) + cost,
        ),
      )
    }
    prev = row
  }
  return prev[b.length] as number
}

/**
 * The candidates nearest to `text` (case-insensitive), nearest first, ties in candidate order:
 * those within a third of the text's length, or containing it, at most `limit`.
 */
export function closest(text: string, candidates: readonly string[], limit = 3): string[] {
  const needle = text.toLowerCase()
  const budget = Math.max(2, Math.floor(needle.length / 3))
  return candidates
    .map((c, i) => {
      const hay = c.toLowerCase()
      const d = hay.includes(needle) && needle.length >= 3 ? 0.5 : editDistance(needle, hay)
      return { c, d: hay === needle ? 0 : d, i }
    })
    .filter((x) => x.d <= budget)
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, limit)
    .map((x) => x.c)
}
