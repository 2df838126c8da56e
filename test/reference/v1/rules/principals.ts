import type { DesignIndex } from '../analysis/design-index.ts'
import { grantMechanismOn, roleKey, type RoleRef } from '@/catalog/roles.ts'
import type { PrincipalRef } from '../model/queries.ts'
import type { AccessEdge } from '@/model/types.ts'
import type { Scope } from '@/model/kinds.ts'
import { INCLUDERS } from './edge-info.ts'

/** What the rules ask about each principal that access edges resolve to, computed in one pass. */
export interface PrincipalSummary {
  readonly key: string
  readonly principal: PrincipalRef
  /** Positions (in `index.accessEdges`) of the edges that resolve to it, in file order. */
  readonly positions: Int32Array
  /** Its distinct grants (service, role, scope) as sorted numbers: equal lists, equal access. */
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

/**
 * Hands out a small integer per distinct (service, role, scope), without building strings. The
 * numbers only mean something within one check; a shared instance across checks saves rebuilding
 * its maps (see TRIPLES).
 */
export class TripleIds {
  private readonly ids = new Map<string, Map<string, number[]>>()
  private count = 0

  get size(): number {
    return this.count
  }

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
 * Every principal with the edges that resolve to it and its grant set, from DesignIndex's
 * per-edge principal numbers: the edges are grouped by a counting sort into one typed array, so
 * there is no map and no list per principal.
 */
export function summarizePrincipals(index: DesignIndex, triples: TripleIds): PrincipalSummary[] {
  const { principalAt, principals, principalKeys } = index
  const starts = new Int32Array(principals.length + 1)
  for (const n of principalAt) if (n >= 0) starts[n + 1] = (starts[n + 1] as number) + 1
  for (let n = 0; n < principals.length; n++)
    starts[n + 1] = (starts[n + 1] as number) + (starts[n] as number)
  const flat = new Int32Array(starts[principals.length] as number)
  const fill = starts.slice(0, principals.length)
  principalAt.forEach((n, at) => {
    if (n < 0) return
    const slot = fill[n] as number
    flat[slot] = at
    fill[n] = slot + 1
  })
  const out: PrincipalSummary[] = []
  // Triple id × 2 + 1 when granted through Azure RBAC (the mechanism follows from the role, so
  // the code stays unique per triple): one sorted list gives both the set and the RBAC count.
  const ids: number[] = []
  for (let n = 0; n < principals.length; n++) {
    const positions = flat.subarray(starts[n], starts[n + 1])
    ids.length = 0
    let includes = false
    for (let i = 0; i < positions.length; i++) {
      const at = positions[i] as number
      const edge = index.accessEdges[at] as AccessEdge
      const scope = edge.scope ?? 'resource'
      const target = index.node(edge.target)
      const service = target?.kind === 'service' ? target : undefined
      for (const role of index.rolesAt[at] as readonly RoleRef[]) {
        if (role.kind === 'unknown') continue
        const rbac = grantMechanismOn(role, service) === 'rbac'
        ids.push(triples.of(edge.target, roleKey(role), scope) * 2 + (rbac ? 1 : 0))
        if (role.kind === 'builtin' && INCLUDERS.has(role.fact)) includes = true
      }
    }
    const key = principalKeys[n] as string
    const principal = principals[n] as PrincipalRef
    const set = sortedUnique(ids)
    let rbac = 0
    for (const code of set) rbac += code & 1
    out.push({
      key,
      principal,
      positions,
      set,
      rbac,
      includes,
    })
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

let shared = new TripleIds()

/**
 * The TripleIds for a new check: the one the previous checks filled (designs change little
 * between checks), started afresh when it grows large so that memory stays bounded.
 */
export function tripleIdsForCheck(): TripleIds {
  if (shared.size > 200_000) shared = new TripleIds()
  return shared
}
