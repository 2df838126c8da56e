import { IntNumbering } from '../lib/int-numbering.ts'
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
  /** How many endpoint numbers there are (targets are below it). */
  readonly endpointCount: number
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
  const ids = new IntNumbering(1024)
  // At most one triple per role slot: sized once, cut to the count at the end.
  const service = new Int32Array(s.roleNo.length)
  const key = new Int32Array(s.roleNo.length)
  const slot = new Uint8Array(s.roleNo.length)
  const stride = s.keyCount * 3
  // The code last numbered on an edge to each target, and its number: edges to one service
  // mostly carry the same role at the same scope, and comparing with it costs less than a lookup.
  const lastCode = new Int32Array(s.endpointCount).fill(-1)
  const lastId = new Int32Array(s.endpointCount)
  for (let e = 0; e < s.targetAt.length; e++) {
    const target = s.targetAt[e] as number
    const base = target * stride + (s.slotAt[e] as number)
    for (let i = s.roleStart[e] as number; i < (s.roleStart[e + 1] as number); i++) {
      const role = s.roleNo[i] as number
      if (!s.known[role]) continue
      const k = s.keyOf[role] as number
      const code = base + k * 3
      let id: number
      if (lastCode[target] === code) id = lastId[target] as number
      else {
        const count = ids.size
        id = ids.add(code)
        if (id === count) {
          service[id] = target
          key[id] = k
          slot[id] = s.slotAt[e] as number
        }
        lastCode[target] = code
        lastId[target] = id
      }
      at[i] = id
    }
  }
  const count = ids.size
  return {
    at,
    count,
    service: service.subarray(0, count),
    key: key.subarray(0, count),
    slot: slot.subarray(0, count),
  }
}

/**
 * Per principal: its distinct grants as an ascending list of codes, triple × 2 + 1 when granted
 * through Azure RBAC (the mechanism follows from the role and the service, so a code stays unique
 * per triple): equal lists, equal access. Stored flat: principal p's codes are `codes[start[p]]`
 * up to `codes[start[p + 1]]`, with a hash of them (equal lists, equal hashes).
 */
export interface PrincipalGrants {
  readonly start: Int32Array
  readonly codes: Int32Array
  readonly hash: Int32Array
  /** How many of each principal's distinct grants are Azure RBAC role assignments. */
  readonly rbac: Int32Array
}

/** How many distinct grants principal `p` holds. */
export function grantCount(grants: PrincipalGrants, p: number): number {
  return (grants.start[p + 1] as number) - (grants.start[p] as number)
}

/** Do principals `p` and `q` hold the same grants? */
export function sameGrants(grants: PrincipalGrants, p: number, q: number): boolean {
  const { start, codes, hash } = grants
  const from = start[p] as number
  const other = start[q] as number
  const count = (start[p + 1] as number) - from
  if (hash[p] !== hash[q] || count !== (start[q + 1] as number) - other) return false
  for (let i = 0; i < count; i++) if (codes[from + i] !== codes[other + i]) return false
  return true
}

/** `edges`: the access edges of each principal, in file order (groupPositions by principal). */
export function principalGrants(
  edges: Groups,
  principalCount: number,
  roleStart: Int32Array,
  triples: Triples,
  rbacTriple: Uint8Array,
): PrincipalGrants {
  const start = new Int32Array(principalCount + 1)
  // At most one code per role slot of the principals' edges.
  const codes = new Int32Array(triples.at.length)
  const hash = new Int32Array(principalCount)
  const rbac = new Int32Array(principalCount)
  let end = 0
  for (let p = 0; p < principalCount; p++) {
    const from = end
    for (let j = edges.start[p] as number; j < (edges.start[p + 1] as number); j++) {
      const e = edges.items[j] as number
      for (let i = roleStart[e] as number; i < (roleStart[e + 1] as number); i++) {
        const t = triples.at[i] as number
        if (t >= 0) codes[end++] = t * 2 + (rbacTriple[t] as number)
      }
    }
    end = sortUnique(codes, from, end)
    let h = end - from
    let count = 0
    for (let i = from; i < end; i++) {
      const code = codes[i] as number
      h = (Math.imul(h, 31) + code) | 0
      count += code & 1
    }
    hash[p] = h
    rbac[p] = count
    start[p + 1] = end
  }
  return { start, codes: codes.subarray(0, end), hash, rbac }
}

/**
 * Sorts `codes[from]` up to `codes[to]` and keeps each number once; returns where the distinct
 * numbers end. Most principals hold a handful of grants: those are sorted by insertion.
 */
function sortUnique(codes: Int32Array, from: number, to: number): number {
  if (to - from > 32) codes.subarray(from, to).sort()
  else
    for (let i = from + 1; i < to; i++) {
      const x = codes[i] as number
      let j = i - 1
      while (j >= from && (codes[j] as number) > x) {
        codes[j + 1] = codes[j] as number
        j--
      }
      codes[j + 1] = x
    }
  let n = from
  for (let i = from; i < to; i++)
    if (i === from || codes[i] !== codes[n - 1]) codes[n++] = codes[i] as number
  return n
}
