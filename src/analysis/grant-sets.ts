import type { Groups } from './groups.ts'

/**
 * Each distinct (service, role, scope) of a design numbered once, in order of first use: what
 * a grant gives, whoever holds it. `at` is aligned with the index's role slots (`roleNo`): the
 * triple of each role of each edge, or -1 for a role name nobody knows (it grants nothing).
 */
export interface Triples {
  readonly at: Int32Array
  readonly count: number
  /** By triple number: the target's node number, the role's key number, the scope slot. */
  readonly service: Int32Array
  readonly key: Int32Array
  readonly slot: Uint8Array
}

/** What numberTriples reads of a DesignIndex. */
export interface TripleSource {
  readonly targetAt: Int32Array
  readonly slotAt: Uint8Array
  readonly roleStart: Int32Array
  readonly roleNo: Int32Array
  /** By role number: its key number, and whether it grants anything (not an unknown name). */
  readonly keyOf: readonly number[]
  readonly known: Uint8Array
  readonly keyCount: number
}

export function numberTriples(s: TripleSource): Triples {
  const at = new Int32Array(s.roleNo.length).fill(-1)
  // (target, key, slot) as one number: target × keys × 3 + key × 3 + slot, then numbered densely.
  const ids = new Map<number, number>()
  const service: number[] = []
  const key: number[] = []
  const slot: number[] = []
  const stride = s.keyCount * 3
  for (let e = 0; e < s.targetAt.length; e++) {
    const base = (s.targetAt[e] as number) * stride + (s.slotAt[e] as number)
    for (let i = s.roleStart[e] as number; i < (s.roleStart[e + 1] as number); i++) {
      const role = s.roleNo[i] as number
      if (!s.known[role]) continue
      const k = s.keyOf[role] as number
      const code = base + k * 3
      let id = ids.get(code)
      if (id === undefined) {
        id = service.length
        ids.set(code, id)
        service.push(s.targetAt[e] as number)
        key.push(k)
        slot.push(s.slotAt[e] as number)
      }
      at[i] = id
    }
  }
  return {
    at,
    count: service.length,
    service: Int32Array.from(service),
    key: Int32Array.from(key),
    slot: Uint8Array.from(slot),
  }
}

/**
 * Per principal: its distinct grants as a sorted list of codes, triple × 2 + 1 when granted
 * through Azure RBAC (the mechanism follows from the role and the service, so a code stays unique
 * per triple):
 * equal lists, equal access.
 */
export interface PrincipalGrants {
  readonly sets: readonly (readonly number[])[]
  /** How many of each principal's distinct grants are Azure RBAC role assignments. */
  readonly rbac: Int32Array
}

/** `edges`: the access edges of each principal, in file order (groupPositions by principal). */
export function principalGrants(
  edges: Groups,
  principalCount: number,
  roleStart: Int32Array,
  triples: Triples,
  rbacTriple: Uint8Array,
): PrincipalGrants {
  const sets: number[][] = []
  const rbac = new Int32Array(principalCount)
  const codes: number[] = []
  for (let p = 0; p < principalCount; p++) {
    codes.length = 0
    for (let j = edges.start[p] as number; j < (edges.start[p + 1] as number); j++) {
      const e = edges.items[j] as number
      for (let i = roleStart[e] as number; i < (roleStart[e + 1] as number); i++) {
        const t = triples.at[i] as number
        if (t >= 0) codes.push(t * 2 + (rbacTriple[t] as number))
      }
    }
    const set = sortedUnique(codes)
    let count = 0
    for (const code of set) count += code & 1
    rbac[p] = count
    sets.push(set)
  }
  return { sets, rbac }
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
