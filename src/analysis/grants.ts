import { grantMechanismOn, type GrantMechanism, type RoleRef } from '../catalog/roles.ts'
import { SCOPES, type Scope } from '../model/kinds.ts'
import type { PrincipalRef } from '../model/queries.ts'
import type { AccessEdge, ServiceNode } from '../model/types.ts'
import type { Triples } from './grant-sets.ts'
import type { Groups } from './groups.ts'
import type { RoleTable } from './role-table.ts'

/**
 * (principal, service, role, scope) from one role of one edge (PRODUCT.md §4 "Grants and needs").
 * Only resolved edges yield grants, and only for built-in or custom roles.
 */
export interface Grant {
  readonly principal: PrincipalRef
  readonly principalKey: string
  readonly service: string
  readonly role: Extract<RoleRef, { kind: 'builtin' | 'custom' }>
  readonly roleKey: string
  readonly scope: Scope
  /**
   * How Azure realises it (catalog `grantMechanismOn`: the role, and the vault's model); undefined
   * when nothing can be created (another service's data role).
   */
  readonly mechanism: GrantMechanism | undefined
  /** The edge that yields it, and the edge's source (an app or a developer). */
  readonly edge: string
  readonly source: string
}

/** Key of a grant without its origin: identical grants from several edges share it. */
export function grantKey(g: Pick<Grant, 'principalKey' | 'service' | 'roleKey' | 'scope'>): string {
  return `${g.principalKey}|${g.service}|${g.roleKey}|${g.scope}`
}

/** What the grants are made from: a DesignIndex. */
export interface GrantSource {
  accessEdge(at: number): AccessEdge
  readonly accessEdgeCount: number
  readonly principalCount: number
  principalGroups(): Groups
  readonly principals: readonly PrincipalRef[]
  readonly principalKeys: readonly string[]
  readonly principalAt: Int32Array
  readonly slotAt: Uint8Array
  readonly roleStart: Int32Array
  readonly roleNo: Int32Array
  readonly roleTable: RoleTable
  triples(): Triples
  serviceAt(at: number): ServiceNode | undefined
}

/**
 * The role slots (positions in `roleNo`) that are the first, in file order, of their principal
 * with their (service, role, scope) triple: the slots of distinct grants (never an unknown role's).
 * One principal at a time, a triple taken by this principal is remembered by principal number
 * (no set of pairs).
 */
export function firstSlots(s: GrantSource, triples: Triples): Uint8Array {
  const first = new Uint8Array(s.roleNo.length)
  const takenBy = new Int32Array(triples.count).fill(-1)
  const { start, items } = s.principalGroups()
  for (let p = 0; p < s.principalCount; p++)
    for (let j = start[p] as number; j < (start[p + 1] as number); j++) {
      const at = items[j] as number
      for (let i = s.roleStart[at] as number; i < (s.roleStart[at + 1] as number); i++) {
        const t = triples.at[i] as number
        if (t < 0 || takenBy[t] === p) continue
        takenBy[t] = p
        first[i] = 1
      }
    }
  return first
}

/**
 * One grant per known or custom role of each resolved edge, in file order (edges, then roles);
 * with `first` (firstSlots), only the slots it marks: the others are never made.
 */
export function makeGrants(s: GrantSource, first?: Uint8Array): Grant[] {
  const out: Grant[] = []
  const { refs, keyOf, keys } = s.roleTable
  for (let at = 0; at < s.accessEdgeCount; at++) {
    const p = s.principalAt[at] as number
    if (p < 0) continue
    const edge = s.accessEdge(at)
    const key = s.principalKeys[p] as string
    const scope = SCOPES[s.slotAt[at] as number] as Scope
    for (let i = s.roleStart[at] as number; i < (s.roleStart[at + 1] as number); i++) {
      const n = s.roleNo[i] as number
      const role = refs[n] as RoleRef
      if (role.kind === 'unknown' || (first && !first[i])) continue
      const grant: Grant = {
        principal: s.principals[p] as PrincipalRef,
        principalKey: key,
        service: edge.target,
        role,
        roleKey: keys[keyOf[n] as number] as string,
        scope,
        mechanism: grantMechanismOn(role, s.serviceAt(at)),
        edge: edge.id,
        source: edge.source,
      }
      out.push(grant)
    }
  }
  return out
}
