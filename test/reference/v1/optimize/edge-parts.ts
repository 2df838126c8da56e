import type { Edit } from '@/model/edits.ts'
import type { AccessEdge } from '@/model/types.ts'
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
 */
export function edgeParts(
  edge: AccessEdge,
  viaOf: (role: string, position: number) => string | undefined,
  fallback: string,
): EdgePart[] {
  const assigned = edge.roles.map(viaOf)
  const first = assigned.find((v) => v !== undefined) ?? fallback
  // The usual case: every role goes the same way, so the edge stays whole.
  if (assigned.every((v) => v === undefined || v === first))
    return [{ via: first, roles: edge.roles }]
  const parts = new Map<string, string[]>([[first, []]])
  edge.roles.forEach((role, i) => {
    const via = assigned[i] ?? first
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
): string[] {
  const [head, ...rest] = parts
  if (!head) return []
  const set: { via?: string; roles?: readonly string[] } = {}
  if (edge.via !== head.via) set.via = head.via
  if (!sameList(edge.roles, head.roles)) set.roles = head.roles
  if (set.via !== undefined || set.roles !== undefined)
    out.push({ type: 'updateEdge', id: edge.id, set })
  return rest.map((part) => {
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

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}
