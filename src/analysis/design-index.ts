import { resolveRole, roleKey, type RoleRef } from '../catalog/roles.ts'
import type { Scope } from '../model/kinds.ts'
import {
  ModelIndex,
  principalKey,
  scopeOf,
  type PrincipalRef,
  type Resolution,
} from '../model/queries.ts'
import type { AccessEdge, Design } from '../model/types.ts'

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
  /** The edge that yields it, and the edge's source (an app or a developer). */
  readonly edge: string
  readonly source: string
}

/** Key of a grant without its origin: identical grants from several edges share it. */
export function grantKey(g: Pick<Grant, 'principalKey' | 'service' | 'roleKey' | 'scope'>): string {
  return `${g.principalKey}|${g.service}|${g.roleKey}|${g.scope}`
}

/**
 * Everything the rules, the plan and optimize ask of a design, computed in one linear pass:
 * each edge's resolution and roles, and grants by principal. Build it once per design version.
 */
export class DesignIndex extends ModelIndex {
  readonly resolutions: ReadonlyMap<string, Resolution>
  readonly roles: ReadonlyMap<string, readonly RoleRef[]>
  readonly grants: readonly Grant[]
  readonly grantsByPrincipal: ReadonlyMap<string, readonly Grant[]>

  constructor(design: Design) {
    super(design)
    const resolutions = new Map<string, Resolution>()
    const roles = new Map<string, RoleRef[]>()
    const grants: Grant[] = []
    const byPrincipal = new Map<string, Grant[]>()
    for (const edge of this.accessEdges) {
      const refs = edge.roles.map(resolveRole)
      roles.set(edge.id, refs)
      const resolution = this.resolve(edge)
      resolutions.set(edge.id, resolution)
      if (!resolution.resolved) continue
      for (const role of refs) {
        if (role.kind === 'unknown') continue
        const grant = makeGrant(edge, resolution.principal, role)
        grants.push(grant)
        const list = byPrincipal.get(grant.principalKey)
        if (list) list.push(grant)
        else byPrincipal.set(grant.principalKey, [grant])
      }
    }
    this.resolutions = resolutions
    this.roles = roles
    this.grants = grants
    this.grantsByPrincipal = byPrincipal
  }

  resolutionOf(edgeId: string): Resolution {
    const r = this.resolutions.get(edgeId)
    if (!r) throw new Error(`no access edge ${edgeId}`)
    return r
  }

  rolesOf(edgeId: string): readonly RoleRef[] {
    return this.roles.get(edgeId) ?? []
  }

  /** Distinct grants (principal, service, role, scope), first occurrence in file order. */
  distinctGrants(): Grant[] {
    const seen = new Set<string>()
    return this.grants.filter((g) => {
      const key = grantKey(g)
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
  }
}

function makeGrant(edge: AccessEdge, principal: PrincipalRef, role: Grant['role']): Grant {
  return {
    principal,
    principalKey: principalKey(principal),
    service: edge.target,
    role,
    roleKey: roleKey(role),
    scope: scopeOf(edge),
    edge: edge.id,
    source: edge.source,
  }
}
