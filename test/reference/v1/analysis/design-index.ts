import {
  grantMechanismOn,
  resolveRole,
  roleKey,
  type GrantMechanism,
  type RoleRef,
} from '@/catalog/roles.ts'
import { SYSTEM_VIA, type Scope } from '@/model/kinds.ts'
import {
  ModelIndex,
  principalKey,
  type PrincipalRef,
  type Resolution,
  type Unresolved,
} from '../model/queries.ts'
import type { AccessEdge, Design } from '@/model/types.ts'

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
  /** How Azure realises it (catalog `grantMechanismOn`: the role, and the vault's model). */
  readonly mechanism: GrantMechanism
  /** The edge that yields it, and the edge's source (an app or a developer). */
  readonly edge: string
  readonly source: string
}

/** Key of a grant without its origin: identical grants from several edges share it. */
export function grantKey(g: Pick<Grant, 'principalKey' | 'service' | 'roleKey' | 'scope'>): string {
  return `${g.principalKey}|${g.service}|${g.roleKey}|${g.scope}`
}

/**
 * Resolved roles are immutable facts: one object per distinct role text, shared by every edge,
 * with its key and a one-element list for the many edges that carry a single role.
 */
const ROLE_CACHE = new Map<string, { ref: RoleRef; key: string; only: readonly RoleRef[] }>()

function cachedRole(text: string): { ref: RoleRef; key: string; only: readonly RoleRef[] } {
  let entry = ROLE_CACHE.get(text)
  if (!entry) {
    const ref = resolveRole(text)
    entry = { ref, key: roleKey(ref), only: [ref] }
    // Unknown texts are unbounded (user input): keep the cache from growing without limit.
    if (ROLE_CACHE.size < 10_000) ROLE_CACHE.set(text, entry)
  }
  return entry
}

/** A principal's shared resolution and its number. */
interface Numbered {
  readonly resolution: Resolution
  readonly n: number
}

const UNRESOLVED: Readonly<Record<Unresolved, Resolution>> = {
  noIdentity: { resolved: false, reason: 'noIdentity' },
  ambiguous: { resolved: false, reason: 'ambiguous' },
  notOnApp: { resolved: false, reason: 'notOnApp' },
}

/**
 * Everything the rules, the plan and optimize ask of a design, computed in one linear pass:
 * each edge's resolution and roles (by position), and grants by principal. Build it once per
 * design version. Resolutions are shared objects (one per principal), and the grant objects are
 * made on first use: a check that works from the positions never pays for them.
 */
export class DesignIndex extends ModelIndex {
  /** Each access edge's resolution and roles, by position in `accessEdges`: no lookup by id. */
  readonly resolutionAt: readonly Resolution[]
  readonly rolesAt: readonly (readonly RoleRef[])[]
  /**
   * Principals numbered in order of first use, and each access edge's principal number (-1 when
   * unresolved): lets callers group edges by principal with arrays instead of maps.
   */
  readonly principals: readonly PrincipalRef[] = []
  readonly principalKeys: readonly string[] = []
  readonly principalAt: Int32Array
  private readonly keys = new Map<Resolution, string>()
  private readonly numbered = {
    systemAssigned: new Map<string, Numbered>(),
    userAssigned: new Map<string, Numbered>(),
    developer: new Map<string, Numbered>(),
  }
  private grantList?: Grant[]
  private byPrincipal?: Map<string, Grant[]>
  private byId?: Map<string, number>
  private bySource?: Map<string, AccessEdge[]>
  private resolutionMap?: Map<string, Resolution>
  private roleMap?: Map<string, readonly RoleRef[]>

  constructor(design: Design) {
    super(design)
    const resolutionAt: Resolution[] = []
    const rolesAt: (readonly RoleRef[])[] = []
    const principals = this.numbered
    const refs = this.principals as PrincipalRef[]
    const keys = this.principalKeys as string[]
    // The number of the principal principalFor resolved the current edge to, else -1.
    let current = -1
    const principalOf = (type: PrincipalRef['type'], node: string): Resolution => {
      let p = principals[type].get(node)
      if (!p) {
        const ref: PrincipalRef = { type, node }
        const key = principalKey(ref)
        p = { resolution: { resolved: true, principal: ref }, n: refs.length }
        principals[type].set(node, p)
        this.keys.set(p.resolution, key)
        refs.push(ref)
        keys.push(key)
      }
      current = p.n
      return p.resolution
    }
    this.principalAt = new Int32Array(this.accessEdges.length)
    this.accessEdges.forEach((edge, at) => {
      rolesAt.push(
        edge.roles.length === 1
          ? cachedRole(edge.roles[0] as string).only
          : edge.roles.map((text) => cachedRole(text).ref),
      )
      current = -1
      resolutionAt.push(this.principalFor(edge, principalOf))
      this.principalAt[at] = current
    })
    this.resolutionAt = resolutionAt
    this.rolesAt = rolesAt
  }

  /** One grant per known or custom role of each resolved edge, in file order (made on first use). */
  get grants(): readonly Grant[] {
    if (!this.grantList) this.makeGrants()
    return this.grantList as Grant[]
  }

  /** The grants of each principal, by principalKey, in file order (made on first use). */
  get grantsByPrincipal(): ReadonlyMap<string, readonly Grant[]> {
    if (!this.byPrincipal) this.makeGrants()
    return this.byPrincipal as Map<string, Grant[]>
  }

  private makeGrants(): void {
    const grants: Grant[] = []
    const byPrincipal = new Map<string, Grant[]>()
    this.accessEdges.forEach((edge, at) => {
      const r = this.resolutionAt[at] as Resolution
      if (!r.resolved) return
      const key = this.keys.get(r) as string
      const scope = edge.scope ?? 'resource'
      const target = this.node(edge.target)
      const service = target?.kind === 'service' ? target : undefined
      let list = byPrincipal.get(key)
      for (const text of edge.roles) {
        const { ref: role, key: roleKeyOf } = cachedRole(text)
        if (role.kind === 'unknown') continue
        const grant: Grant = {
          principal: r.principal,
          principalKey: key,
          service: edge.target,
          role,
          roleKey: roleKeyOf,
          scope,
          mechanism: grantMechanismOn(role, service),
          edge: edge.id,
          source: edge.source,
        }
        grants.push(grant)
        if (!list) byPrincipal.set(key, (list = []))
        list.push(grant)
      }
    })
    this.grantList = grants
    this.byPrincipal = byPrincipal
  }

  /** Each access edge's resolution by edge id (built on first use). */
  get resolutions(): ReadonlyMap<string, Resolution> {
    this.resolutionMap ??= new Map(
      this.accessEdges.map((e, at) => [e.id, this.resolutionAt[at] as Resolution]),
    )
    return this.resolutionMap
  }

  /** Each access edge's roles by edge id (built on first use). */
  get roles(): ReadonlyMap<string, readonly RoleRef[]> {
    this.roleMap ??= new Map(
      this.accessEdges.map((e, at) => [e.id, this.rolesAt[at] as readonly RoleRef[]]),
    )
    return this.roleMap
  }

  /** The number of a principal some access edge resolves to (see `principals`), or undefined. */
  principalNumber(type: PrincipalRef['type'], node: string): number | undefined {
    return this.numbered[type].get(node)?.n
  }

  /** The position of an access edge in `accessEdges`, or undefined. */
  positionOf(edgeId: string): number | undefined {
    this.byId ??= new Map(this.accessEdges.map((e, at) => [e.id, at]))
    return this.byId.get(edgeId)
  }

  /** The same answer as ModelIndex.resolve, with shared objects for each principal. */
  private principalFor(
    edge: AccessEdge,
    principalOf: (type: PrincipalRef['type'], node: string) => Resolution,
  ): Resolution {
    const source = this.nodes.get(edge.source)
    if (source?.kind === 'developer') return principalOf('developer', source.id)
    if (source?.kind !== 'app') return UNRESOLVED.noIdentity
    const attached = this.attachedIdentities(source.id)
    if (edge.via !== undefined) {
      if (edge.via === SYSTEM_VIA)
        return source.systemAssigned
          ? principalOf('systemAssigned', source.id)
          : UNRESOLVED.notOnApp
      return attached.includes(edge.via)
        ? principalOf('userAssigned', edge.via)
        : UNRESOLVED.notOnApp
    }
    const count = (source.systemAssigned ? 1 : 0) + attached.length
    if (count === 0) return UNRESOLVED.noIdentity
    if (count > 1) return UNRESOLVED.ambiguous
    return source.systemAssigned
      ? principalOf('systemAssigned', source.id)
      : principalOf('userAssigned', attached[0] as string)
  }

  resolutionOf(edgeId: string): Resolution {
    const at = this.positionOf(edgeId)
    if (at === undefined) throw new Error(`no access edge ${edgeId}`)
    return this.resolutionAt[at] as Resolution
  }

  rolesOf(edgeId: string): readonly RoleRef[] {
    const at = this.positionOf(edgeId)
    return at === undefined ? [] : (this.rolesAt[at] as readonly RoleRef[])
  }

  /** Access edges from an app or developer, in file order (grouped on first use). */
  accessEdgesFrom(source: string): readonly AccessEdge[] {
    if (!this.bySource) {
      this.bySource = new Map()
      for (const edge of this.accessEdges) {
        const list = this.bySource.get(edge.source)
        if (list) list.push(edge)
        else this.bySource.set(edge.source, [edge])
      }
    }
    return this.bySource.get(source) ?? []
  }

  /**
   * How many distinct grants (principal, service, role, scope) there are, optionally only of the
   * principals `which` accepts; the same as distinctGrants().length, without building keys.
   */
  distinctGrantCount(which?: (principal: PrincipalRef) => boolean): number {
    // (service, role, scope) numbered through nested maps; per principal, the numbers it holds.
    const ids = new Map<string, Map<string, number[]>>()
    const held = new Map<Resolution, Set<number>>()
    let next = 0
    this.accessEdges.forEach((edge, at) => {
      const r = this.resolutionAt[at] as Resolution
      if (!r.resolved || (which && !which(r.principal))) return
      let byRole = ids.get(edge.target)
      if (!byRole) ids.set(edge.target, (byRole = new Map()))
      const slot = edge.scope === 'resourceGroup' ? 1 : edge.scope === 'subscription' ? 2 : 0
      let set = held.get(r)
      for (const text of edge.roles) {
        const { ref, key } = cachedRole(text)
        if (ref.kind === 'unknown') continue
        let byScope = byRole.get(key)
        if (!byScope) byRole.set(key, (byScope = []))
        if (!set) held.set(r, (set = new Set()))
        set.add((byScope[slot] ??= next++))
      }
    })
    let count = 0
    for (const set of held.values()) count += set.size
    return count
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
