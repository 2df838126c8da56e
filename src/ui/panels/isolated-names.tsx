import type { ReactNode } from 'react'

/**
 * Text made of names and words (a finding's message, its subject "source → target"), each of the
 * given names in it isolated (`<bdi>`): a name with a right-to-left override reorders only
 * itself, never the words or the other names after it ("contoso-cosmos" read "somsoc-osotnoc").
 */
export function IsolatedNames(props: { text: string; names: readonly string[] }): ReactNode {
  const { text, names } = props
  if (names.length === 0) return text
  const parts: ReactNode[] = []
  let from = 0
  for (;;) {
    // The earliest name from here on; the longest where two start together.
    let at = -1
    let name = ''
    for (const n of names) {
      const i = text.indexOf(n, from)
      if (i >= 0 && (at < 0 || i < at || (i === at && n.length > name.length))) {
        at = i
        name = n
      }
    }
    if (at < 0) break
    if (at > from) parts.push(text.slice(from, at))
    parts.push(<bdi key={at}>{name}</bdi>)
    from = at + name.length
  }
  if (from < text.length) parts.push(text.slice(from))
  return parts
}
