import type { Edit } from '../model/edits.ts'
import type { AccessEdge } from '../model/types.ts'
import type { IdAllocator } from './ids.ts'

/** One part of an access edge after its roles were sorted by the identity they go through. */
export interface EdgePart {
  readonly via: string
  readonly roles: readonly string[]
}

/**
 * Splits an edge's roles by the `via` each goes through, parts in the order their first role
 * appears. Roles without a via of their own (unknown role names) stay with the first part, so
 * they stay on the edge that keeps its id; an edge with no assigned role is one part on `fallback`.
 * `viaOf` must answer the same for the same role position.
 */
export function edgeParts(
  edge: AccessEdge,
  viaOf: (role: string, position: number) => string | undefined,
  fallback: string,
): EdgePart[] {
  let found: string | undefined
  let whole = true
  for (let i = 0; i < edge.roles.length; i++) {
    const via = viaOf(edge.roles[i] as string, i)
    if (via === undefined) continue
    if (found === undefined) found = via
    else if (via !== found) whole = false
  }
  const first = found ?? fallback
  // The usual case: every role goes the same way, so the edge stays whole (and no list of each
  // role's via is kept for it: a split asks viaOf again).
  if (whole) return [{ via: first, roles: edge.roles }]
  const parts = new Map<string, string[]>([[first, []]])
  edge.roles.forEach((role, i) => {
    const via = viaOf(role, i) ?? first
    const list = parts.get(via)
    if (list) list.push(role)
    else parts.set(via, [role])
  })
  return [...parts].map(([via, roles]) => ({ via, roles }))
}

/**
 * The edits that give an edge its parts: the first part updates the edge in place (only the
 * fields that change), every further part is a new edge with a fresh id and the same source,
 * target, scope and unknown fields. Returns the ids of the new edges.
 */
export function edgePartEdits(
  edge: AccessEdge,
  parts: readonly EdgePart[],
  ids: IdAllocator,
  out: Edit[],
): readonly string[] {
  const head = parts[0]
  if (!head) return NONE
  const viaChanged = edge.via !== head.via
  const rolesChanged = !sameList(edge.roles, head.roles)
  if (viaChanged || rolesChanged)
    out.push({
      type: 'updateEdge',
      id: edge.id,
      set: rolesChanged
        ? viaChanged
          ? { via: head.via, roles: head.roles }
          : { roles: head.roles }
        : { via: head.via },
    })
  // Most edges stay whole: no list is made for them.
  if (parts.length === 1) return NONE
  return parts.slice(1).map((part) => {
    const id = ids.fresh(edge.id)
    out.push({
      type: 'addEdge',
      edge: {
        id,
        kind: 'access',
        source: edge.source,
        target: edge.target,
        roles: part.roles,
        via: part.via,
        ...(edge.scope !== undefined ? { scope: edge.scope } : {}),
        ...(edge.extras !== undefined ? { extras: edge.extras } : {}),
      },
    })
    return id
  })
}

const NONE: readonly string[] = []

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}
