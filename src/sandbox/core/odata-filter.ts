/** One clause of the small OData `$filter` subset ARM list calls accept. */
export type FilterClause =
  | { readonly kind: 'eq'; readonly field: string; readonly value: string }
  | { readonly kind: 'call'; readonly name: string; readonly arg?: string }

const EQ = /^([A-Za-z][\w.]*)\s+eq\s+'((?:[^']|'')*)'$/i
const CALL = /^([A-Za-z]\w*)\(\s*(?:'((?:[^']|'')*)')?\s*\)$/

/**
 * Parses `a eq 'x' and f() and g('y')`; undefined when the filter is outside that subset.
 * Field and function names come back lower-case.
 */
export function parseFilter(text: string): FilterClause[] | undefined {
  const clauses: FilterClause[] = []
  for (const part of text.trim().split(/\s+and\s+/i)) {
    const clause = part.trim()
    const eq = EQ.exec(clause)
    if (eq) {
      clauses.push({
        kind: 'eq',
        field: (eq[1] ?? '').toLowerCase(),
        value: (eq[2] ?? '').replace(/''/g, "'"),
      })
      continue
    }
    const call = CALL.exec(clause)
    if (!call) return undefined
    const arg = call[2]?.replace(/''/g, "'")
    clauses.push({
      kind: 'call',
      name: (call[1] ?? '').toLowerCase(),
      ...(arg !== undefined ? { arg } : {}),
    })
  }
  return clauses
}
