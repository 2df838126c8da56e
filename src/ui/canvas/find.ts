import type { Design, DesignNode } from '../../model/types.ts'
import type { Finding } from '../../rules/types.ts'

/** One thing found: the node or edge to show, what to call it, and why it matched. */
export interface Hit {
  readonly id: string
  readonly title: string
  readonly why: string
}

export interface FindInput {
  readonly design: Design
  readonly findings: readonly Finding[]
  /** The kind as written on the node ("App Service", "Key Vault"...). */
  readonly kindLabel: (node: DesignNode) => string
}

/** At most this many hits are listed: the rest would not fit, and the query can narrow them. */
export const MAX_HITS = 30

/**
 * What a query finds in a design, best first: nodes by name (those whose name starts with it
 * first), edges by their title (`a → b`), then findings by rule id, access edges by role, and
 * nodes by kind. Case does not
 * matter; each node or edge is listed once, for its best reason.
 */
export function findInDesign(input: FindInput, query: string): Hit[] {
  const q = query.trim().toLowerCase()
  if (q === '') return []
  const { design } = input
  const names = new Map(design.nodes.map((n) => [n.id, n.name]))
  const nameOf = (id: string): string => names.get(id) ?? id
  const edgeTitle = new Map(
    design.edges.map((e) => [e.id, `${nameOf(e.source)} → ${nameOf(e.target)}`]),
  )
  const titleOf = (id: string): string => names.get(id) ?? edgeTitle.get(id) ?? id
  const has = (text: string): boolean => text.toLowerCase().includes(q)

  const byName = design.nodes.filter((n) => has(n.name))
  byName.sort(
    (a, b) =>
      Number(!a.name.toLowerCase().startsWith(q)) - Number(!b.name.toLowerCase().startsWith(q)),
  )
  const hits: Hit[] = byName.map((n) => ({ id: n.id, title: n.name, why: input.kindLabel(n) }))
  // An edge by the title the list gives it ("api → st", "->" typed for the arrow).
  const arrow = q.replaceAll('->', '→')
  if (arrow.includes('→'))
    for (const e of design.edges)
      if ((edgeTitle.get(e.id) ?? '').toLowerCase().includes(arrow))
        hits.push({
          id: e.id,
          title: titleOf(e.id),
          why: e.kind === 'access' ? e.roles.join(', ') : 'uses the identity',
        })
  for (const f of input.findings)
    if (f.subject !== null && has(f.rule))
      hits.push({ id: f.subject, title: titleOf(f.subject), why: `${f.rule}: ${f.message}` })
  for (const e of design.edges) {
    if (e.kind !== 'access') continue
    const role = e.roles.find(has)
    if (role !== undefined) hits.push({ id: e.id, title: titleOf(e.id), why: role })
  }
  for (const n of design.nodes)
    if (has(input.kindLabel(n)) || has(n.kind))
      hits.push({ id: n.id, title: n.name, why: input.kindLabel(n) })

  const seen = new Set<string>()
  return hits
    .filter((h) => {
      if (seen.has(h.id)) return false
      seen.add(h.id)
      return true
    })
    .slice(0, MAX_HITS)
}
