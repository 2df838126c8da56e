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
  const whole = wholeVia(edge, viaOf, fallback)
  if (whole !== undefined) return [{ via: whole, roles: edge.roles }]
  // Roles go different ways, so some role has a via: the first part is the first such role's.
  let first = fallback
  for (let i = 0; i < edge.roles.length; i++) {
    const via = viaOf(edge.roles[i] as string, i)
    if (via === undefined) continue
    first = via
    break
  }
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
 * The `via` of the whole edge when its roles do not go different ways (the first role's with a
 * via of its own, else `fallback`), or undefined when the edge must be split. The usual case: it
 * allocates nothing.
 */
export function wholeVia(
  edge: AccessEdge,
  viaOf: (role: string, position: number) => string | undefined,
  fallback: string,
): string | undefined {
  let found: string | undefined
  for (let i = 0; i < edge.roles.length; i++) {
    const via = viaOf(edge.roles[i] as string, i)
    if (via === undefined) continue
    if (found === undefined) found = via
    else if (via !== found) return undefined
  }
  return found ?? fallback
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
  headEdit(edge, head.via, head.roles, out)
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

/** The edit, if any, that gives the edge `via` and `roles` in place: only the fields that change. */
export function headEdit(
  edge: AccessEdge,
  via: string,
  roles: readonly string[],
  out: Edit[],
): void {
  const viaChanged = edge.via !== via
  const rolesChanged = !sameList(edge.roles, roles)
  if (!viaChanged && !rolesChanged) return
  out.push({
    type: 'updateEdge',
    id: edge.id,
    set: rolesChanged ? (viaChanged ? { via, roles } : { roles }) : { via },
  })
}

const NONE: readonly string[] = []

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}
