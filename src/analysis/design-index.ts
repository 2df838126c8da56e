import { grantMechanismOn, type GrantMechanism, type RoleRef } from '../catalog/roles.ts'
import type { Resolution } from '../model/queries.ts'
import type { AccessEdge } from '../model/types.ts'
import { numberTriples, principalGrants, type PrincipalGrants, type Triples } from './grant-sets.ts'
import { firstSlots, makeGrants, type Grant } from './grants.ts'
import { groupOf, groupPositions, type Groups } from './groups.ts'
import { NumberedDesign } from './numbered-design.ts'

export { grantKey, type Grant } from './grants.ts'

/**
 * Everything rules, plan, optimize and guide ask of a design: the numbering of NumberedDesign,
 * and what is derived from it, each made on first use in linear time — edges grouped by source,
 * target and principal (flat arrays, groups.ts), (service, role, scope) triples, each principal's
 * grant set, grants as objects, lookups by edge id. Build one per design version; never mutate it.
 */
export class DesignIndex extends NumberedDesign {
  private tripleTable?: Triples
  private grantSets?: PrincipalGrants
  private mechanisms?: (GrantMechanism | undefined)[]
  private bySource?: Groups
  private byTarget?: Groups
  private byPrincipal?: Groups
  private byId?: Map<string, number>
  /** The position after the edge `resolve` was last asked about (see there). */
  private nextAsked = 0
  private allGrants?: Grant[]
  private firstSlotMarks?: Uint8Array
  private grantMap?: Map<string, Grant[]>
  private resolutionMap?: Map<string, Resolution>

  /** The position of an access edge among them (`accessEdge(at)`), or undefined. */
  positionOf(edgeId: string): number | undefined {
    this.byId ??= new Map(this.accessEdges.map((e, at) => [e.id, at]))
    return this.byId.get(edgeId)
  }

  resolutionOf(edgeId: string): Resolution {
    const at = this.positionOf(edgeId)
    if (at === undefined) throw new Error(`no access edge ${edgeId}`)
    return this.resolutionAt[at] as Resolution
  }

  /** An access edge's resolution (ModelIndex's question, for the canvas and the SVG export). */
  resolve(edge: AccessEdge): Resolution {
    // Its callers walk the design's edges in order (a drawing of 30,000 lines per edit): the edge
    // after the last one asked about is tried before a map of every edge id is made.
    const next = this.nextAsked
    const at =
      next < this.accessEdgeCount && this.accessEdge(next) === edge
        ? next
        : this.positionOf(edge.id)
    if (at === undefined) throw new Error(`no access edge ${edge.id}`)
    this.nextAsked = at + 1
    return this.resolutionAt[at] as Resolution
  }

  rolesOf(edgeId: string): readonly RoleRef[] {
    const at = this.positionOf(edgeId)
    return at === undefined ? [] : (this.rolesAt[at] as readonly RoleRef[])
  }

  /** Each access edge's resolution by edge id. */
  get resolutions(): ReadonlyMap<string, Resolution> {
    this.resolutionMap ??= new Map(
      this.accessEdges.map((e, at) => [e.id, this.resolutionAt[at] as Resolution]),
    )
    return this.resolutionMap
  }

  /**
   * The access edges grouped by source number (groups.ts): what edgesFrom views, for rules that
   * visit every node and read a group's range in place (a view is an object per call).
   */
  sourceGroups(): Groups {
    this.bySource ??= groupPositions(this.sourceAt, this.endpointCount)
    return this.bySource
  }

  /** The access edges grouped by target number (see sourceGroups). */
  targetGroups(): Groups {
    this.byTarget ??= groupPositions(this.targetAt, this.endpointCount)
    return this.byTarget
  }

  /** The access edges grouped by principal number (see sourceGroups). */
  principalGroups(): Groups {
    this.byPrincipal ??= groupPositions(this.principalAt, this.principalCount)
    return this.byPrincipal
  }

  /** Positions of the access edges from a node (by number), in file order. */
  edgesFrom(n: number): Int32Array {
    return groupOf(this.sourceGroups(), n)
  }

  /** Positions of the access edges to a node (by number), in file order. */
  edgesTo(n: number): Int32Array {
    return groupOf(this.targetGroups(), n)
  }

  /** Access edges from an app or developer, in file order. */
  accessEdgesFrom(source: string): readonly AccessEdge[] {
    const n = this.numberOf(source)
    return n === undefined ? [] : Array.from(this.edgesFrom(n), (at) => this.accessEdge(at))
  }

  /** Positions of the access edges that resolve to a principal, in file order. */
  edgesOfPrincipal(p: number): Int32Array {
    return groupOf(this.principalGroups(), p)
  }

  /** Each distinct (service, role, scope) numbered, and the triple of each role slot. */
  triples(): Triples {
    this.tripleTable ??= numberTriples({
      endpointCount: this.endpointCount,
      targetAt: this.targetAt,
      slotAt: this.slotAt,
      roleStart: this.roleStart,
      roleNo: this.roleNo,
      keyOf: this.roleTable.keyOf,
      known: this.roleTable.where((r) => r.kind !== 'unknown'),
      keyCount: this.roleTable.keys.length,
    })
    return this.tripleTable
  }

  /**
   * How Azure realises each triple's grant, by triple number (catalog `grantMechanismOn`: the
   * role and, for Key Vault data roles, the vault's permission model); undefined where nothing
   * can be created (another service's data role).
   */
  tripleMechanisms(): readonly (GrantMechanism | undefined)[] {
    if (!this.mechanisms) {
      const refOfKey = this.roleTable.refsByKey()
      const triples = this.triples()
      this.mechanisms = new Array<GrantMechanism | undefined>(triples.count)
      for (let t = 0; t < triples.count; t++) {
        // Triples are made of known roles only (numberTriples skips unknown names).
        const role = refOfKey[triples.key[t] as number] as Exclude<RoleRef, { kind: 'unknown' }>
        const node = this.design.nodes[triples.service[t] as number]
        this.mechanisms[t] = grantMechanismOn(role, node?.kind === 'service' ? node : undefined)
      }
    }
    return this.mechanisms
  }

  /** Per principal: its edges and its distinct grants (see PrincipalGrants). */
  principalGrants(): PrincipalGrants {
    if (!this.grantSets) {
      const mechanisms = this.tripleMechanisms()
      const rbacTriple = new Uint8Array(mechanisms.length)
      for (let t = 0; t < mechanisms.length; t++) if (mechanisms[t] === 'rbac') rbacTriple[t] = 1
      this.grantSets = principalGrants(
        this.principalGroups(),
        this.principalCount,
        this.roleStart,
        this.triples(),
        rbacTriple,
      )
    }
    return this.grantSets
  }

  /** How many distinct grants (principal, service, role, scope) there are: distinctGrants().length. */
  distinctGrantCount(): number {
    return this.principalGrants().codes.length
  }

  /** Distinct grants that are Azure RBAC role assignments (PRODUCT.md §5 role-assignment-limit). */
  rbacAssignmentCount(): number {
    let count = 0
    const { rbac } = this.principalGrants()
    for (let p = 0; p < rbac.length; p++) count += rbac[p] as number
    return count
  }

  /** One grant per known or custom role of each resolved edge, in file order. */
  get grants(): readonly Grant[] {
    this.allGrants ??= makeGrants(this)
    return this.allGrants
  }

  /** The grants of each principal, by principalKey, in file order. */
  get grantsByPrincipal(): ReadonlyMap<string, readonly Grant[]> {
    if (!this.grantMap) {
      this.grantMap = new Map()
      for (const grant of this.grants) {
        const list = this.grantMap.get(grant.principalKey)
        if (list) list.push(grant)
        else this.grantMap.set(grant.principalKey, [grant])
      }
    }
    return this.grantMap
  }

  /**
   * Per role slot (position in `roleNo`), 1 where it is the first, in file order, of its
   * principal's grants of its (service, role, scope): the slots of the distinct grants.
   */
  distinctSlots(): Uint8Array {
    this.firstSlotMarks ??= firstSlots(this, this.triples())
    return this.firstSlotMarks
  }

  /** Distinct grants (principal, service, role, scope), first occurrence in file order. */
  distinctGrants(): Grant[] {
    return makeGrants(this, this.distinctSlots())
  }
}
