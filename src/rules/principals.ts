import type { DesignIndex } from '../analysis/design-index.ts'
import { roleKey, type RoleRef } from '../catalog/roles.ts'
import { principalKey, type PrincipalRef, type Resolution } from '../model/queries.ts'
import type { AccessEdge } from '../model/types.ts'
import type { Scope } from '../model/kinds.ts'
import { INCLUDERS } from './edge-info.ts'

/** What the rules ask about each principal that access edges resolve to, computed in one pass. */
export interface PrincipalSummary {
  readonly key: string
  readonly principal: PrincipalRef
  /** Positions (in `index.accessEdges`) of the edges that resolve to it, in file order. */
  readonly positions: readonly number[]
  /** Its distinct grants (service, role, scope) as sorted triple ids: equal lists, equal access. */
  readonly set: readonly number[]
  /** How many of them are Azure RBAC role assignments (built-in rbac roles and custom roles). */
  readonly rbac: number
  /** Does it hold a role that includes another (redundant-role only looks at these)? */
  readonly includes: boolean
}

const SCOPE_SLOT: Readonly<Record<Scope, number>> = {
  resource: 0,
  resourceGroup: 1,
  subscription: 2,
}

/** Hands out a small integer per distinct (service, role, scope), without building strings. */
export class TripleIds {
  private readonly ids = new Map<string, Map<string, number[]>>()
  private count = 0

  of(service: string, roleKey: string, scope: Scope): number {
    let byRole = this.ids.get(service)
    if (!byRole) {
      byRole = new Map()
      this.ids.set(service, byRole)
    }
    let byScope = byRole.get(roleKey)
    if (!byScope) {
      byScope = []
      byRole.set(roleKey, byScope)
    }
    const slot = SCOPE_SLOT[scope]
    let id = byScope[slot]
    if (id === undefined) {
      id = this.count++
      byScope[slot] = id
    }
    return id
  }
}

/**
 * Every principal with the edges that resolve to it and its grant set, straight from DesignIndex's
 * position arrays: no Grant objects are needed (resolutions are shared per principal).
 */
export function summarizePrincipals(
  index: DesignIndex,
  triples: TripleIds,
): Map<string, PrincipalSummary> {
  const byResolution = new Map<Resolution, number[]>()
  index.resolutionAt.forEach((r, at) => {
    if (!r.resolved) return
    const list = byResolution.get(r)
    if (list) list.push(at)
    else byResolution.set(r, [at])
  })
  const out = new Map<string, PrincipalSummary>()
  const ids: number[] = []
  const rbacIds = new Set<number>()
  for (const [r, positions] of byResolution) {
    if (!r.resolved) continue
    ids.length = 0
    rbacIds.clear()
    let includes = false
    for (const at of positions) {
      const edge = index.accessEdges[at] as AccessEdge
      const scope = edge.scope ?? 'resource'
      for (const role of index.rolesAt[at] as readonly RoleRef[]) {
        if (role.kind === 'unknown') continue
        const id = triples.of(edge.target, roleKey(role), scope)
        ids.push(id)
        if (role.kind === 'custom' || role.fact.grant === 'rbac') rbacIds.add(id)
        if (role.kind === 'builtin' && INCLUDERS.has(role.fact)) includes = true
      }
    }
    const set = sortedUnique(ids)
    const key = principalKey(r.principal)
    out.set(key, { key, principal: r.principal, positions, set, rbac: rbacIds.size, includes })
  }
  return out
}

/** Groups items whose sets are equal (hash buckets, then an exact comparison); groups of 2+. */
export function groupsWithEqualSets<T>(
  items: readonly T[],
  setOf: (item: T) => readonly number[],
): T[][] {
  const buckets = new Map<number, T[][]>()
  for (const item of items) {
    const set = setOf(item)
    let h = set.length
    for (const x of set) h = (Math.imul(h, 31) + x) | 0
    const groups = buckets.get(h)
    if (!groups) {
      buckets.set(h, [[item]])
      continue
    }
    const same = groups.find((g) => sameSet(setOf(g[0] as T), set))
    if (same) same.push(item)
    else groups.push([item])
  }
  return [...buckets.values()].flat().filter((g) => g.length > 1)
}

function sameSet(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/**
 * The distinct numbers of a list, ascending, as a new array. Most principals hold a handful of
 * grants: those are sorted in place by insertion (Array#sort would allocate a work copy each time).
 */
function sortedUnique(ids: number[]): number[] {
  if (ids.length > 32) ids.sort((a, b) => a - b)
  else
    for (let i = 1; i < ids.length; i++) {
      const x = ids[i] as number
      let j = i - 1
      while (j >= 0 && (ids[j] as number) > x) {
        ids[j + 1] = ids[j] as number
        j--
      }
      ids[j + 1] = x
    }
  let n = 0
  for (let i = 0; i < ids.length; i++)
    if (i === 0 || ids[i] !== ids[n - 1]) ids[n++] = ids[i] as number
  return ids.slice(0, n)
}
