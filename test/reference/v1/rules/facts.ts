import type { DesignIndex } from '../analysis/design-index.ts'
import { HOSTING } from '@/catalog/hosting.ts'
import { SYSTEM_VIA, type Scope, type ServiceKind } from '@/model/kinds.ts'
import type { PrincipalRef, Resolution } from '../model/queries.ts'
import type { AccessEdge, AppNode } from '@/model/types.ts'
import { IdAllocator } from '../optimize/ids.ts'
import { EdgeTable, type EdgeFlag, type EdgeInfo } from './edge-info.ts'
import { summarizePrincipals, tripleIdsForCheck, type PrincipalSummary } from './principals.ts'

const NO_EDGES: readonly EdgeInfo[] = []

/** Names taken outside the part of a design being checked (see IncrementalChecker). */
export interface Reserved {
  /** Every node and edge id of the whole design. */
  ids(): ReadonlySet<string>
  /** Every identity name of the whole design. */
  identityNames(): ReadonlySet<string>
  /** The identity node ids of the whole design, in file order. */
  identities(): readonly string[]
  /** A node's name anywhere in the design. */
  name(id: string): string | undefined
}
// eslint-disable-next-line no-control-regex -- the characters JSON.stringify escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/

/**
 * Lookups over a design that several rules and their fixes share, each built on first use in
 * one linear pass and kept for the rest of the check, so that the whole check stays linear.
 */
export class RuleFacts {
  readonly index: DesignIndex
  private table?: EdgeTable
  private bySource?: Map<string, readonly EdgeInfo[]>
  private positions?: Map<AccessEdge, number>
  private ids?: Set<string>
  private identityIds?: string[]
  private identityNames?: Set<string>
  private resolving?: Map<string, EdgeInfo[]>
  private attachIds?: Map<string, string[]>
  private readonly labels = new Map<string, string>()
  private readonly triples = tripleIdsForCheck()
  private summaries?: PrincipalSummary[]

  private readonly reserved: Reserved | undefined

  /** `reserved`: ids and identity names used elsewhere when `index` covers only part of a design. */
  constructor(index: DesignIndex, reserved?: Reserved) {
    this.index = index
    this.reserved = reserved
  }

  /** The access edges whose roles or shape set this flag, in file order. */
  flagged(flag: EdgeFlag): readonly EdgeInfo[] {
    return this.edgeTable().flagged(flag)
  }

  /** Positions of the edges with this flag, for rules that look at most of them only briefly. */
  flaggedPositions(flag: EdgeFlag): readonly number[] {
    return this.edgeTable().positionsOf(flag)
  }

  /** The EdgeInfo of the access edge at a position in `index.accessEdges`. */
  info(at: number): EdgeInfo {
    return this.edgeTable().at(at)
  }

  principalKey(resolution: Resolution & { resolved: true }): string {
    return this.edgeTable().principalKey(resolution)
  }

  /** Access edges from an app or developer, in file order. */
  edgesFrom(source: string): readonly EdgeInfo[] {
    this.bySource ??= new Map()
    let list = this.bySource.get(source)
    if (!list) {
      const edges = this.index.accessEdgesFrom(source)
      list = edges.length === 0 ? NO_EDGES : edges.map((e) => this.info(this.positionOf(e)))
      this.bySource.set(source, list)
    }
    return list
  }

  /** Access edges that resolve to a principal (by principalKey), in file order. */
  edgesResolvingTo(principalKey: string): readonly EdgeInfo[] {
    if (!this.resolving) {
      this.resolving = new Map()
      const { resolutionAt } = this.index
      for (let at = 0; at < resolutionAt.length; at++) {
        const r = resolutionAt[at] as Resolution
        if (!r.resolved) continue
        const key = this.principalKey(r)
        const list = this.resolving.get(key)
        if (list) list.push(this.info(at))
        else this.resolving.set(key, [this.info(at)])
      }
    }
    return this.resolving.get(principalKey) ?? NO_EDGES
  }

  /** A small integer per distinct (service, role, scope) of a grant. */
  tripleId(service: string, roleKey: string, scope: Scope): number {
    return this.triples.of(service, roleKey, scope)
  }

  /** Every principal some access edge resolves to, with its grant set (by principal number). */
  principals(): readonly PrincipalSummary[] {
    this.summaries ??= summarizePrincipals(this.index, this.triples)
    return this.summaries
  }

  /** One principal's summary, if some access edge resolves to it. */
  principal(type: PrincipalRef['type'], node: string): PrincipalSummary | undefined {
    const n = this.index.principalNumber(type, node)
    return n === undefined ? undefined : this.principals()[n]
  }

  /** The identity nodes of the whole design (not only the part checked), in file order. */
  designIdentities(): readonly string[] {
    return this.reserved ? this.reserved.identities() : this.identities()
  }

  /** The ids of the identity nodes, in file order. */
  identities(): readonly string[] {
    this.identityIds ??= this.index.design.nodes.flatMap((n) =>
      n.kind === 'identity' ? [n.id] : [],
    )
    return this.identityIds
  }

  /** Ids of the attach edges from an app to an identity (usually one). */
  attachEdges(app: string, identity: string): readonly string[] {
    if (!this.attachIds) {
      this.attachIds = new Map()
      for (const edge of this.index.design.edges) {
        if (edge.kind !== 'attach') continue
        const key = `${edge.source}\u0000${edge.target}`
        const list = this.attachIds.get(key)
        if (list) list.push(edge.id)
        else this.attachIds.set(key, [edge.id])
      }
    }
    return this.attachIds.get(`${app}\u0000${identity}`) ?? []
  }

  /** How many identities an app has: its system-assigned one (when on) and each attached one. */
  identityCount(app: AppNode): number {
    return (app.systemAssigned ? 1 : 0) + this.index.attachedIdentities(app.id).length
  }

  /** Can the app take one more identity without breaking its hosting's limits? */
  canAddIdentity(app: AppNode, system: boolean): boolean {
    const hosting = HOSTING[app.hosting]
    if (system && !hosting.systemAssigned) return false
    return hosting.maxIdentities === undefined || this.identityCount(app) < hosting.maxIdentities
  }

  serviceKind(id: string): ServiceKind | undefined {
    const node = this.index.node(id)
    return node?.kind === 'service' ? node.service : undefined
  }

  /** The node's name in quotes for messages, or the id when no such node exists. */
  label(id: string): string {
    let label = this.labels.get(id)
    if (label === undefined) {
      const name = this.index.node(id)?.name ?? this.reserved?.name(id) ?? id
      label = NEEDS_ESCAPE.test(name) ? JSON.stringify(name) : `"${name}"`
      this.labels.set(id, label)
    }
    return label
  }

  /** The `via` an edge should carry to keep acting as it does now, or undefined if unresolved. */
  currentVia(info: EdgeInfo): string | undefined {
    const r = info.resolution
    if (!r.resolved || r.principal.type === 'developer') return undefined
    return r.principal.type === 'systemAssigned' ? SYSTEM_VIA : r.principal.node
  }

  /** A fresh allocator of ids unique in the design, for the new nodes and edges of one fix. */
  newIds(): IdAllocator {
    if (!this.ids) {
      this.ids = new Set(this.index.nodes.keys())
      for (const edge of this.index.design.edges) this.ids.add(edge.id)
    }
    const { ids, reserved } = this
    return new IdAllocator(reserved ? (id) => ids.has(id) || reserved.ids().has(id) : ids)
  }

  /** A fresh allocator of identity names unique among those drawn (Azure wants them unique). */
  newIdentityNames(): IdAllocator {
    this.identityNames ??= new Set(this.identities().map((id) => this.index.node(id)?.name ?? id))
    const { identityNames: names, reserved } = this
    return new IdAllocator(
      reserved ? (name) => names.has(name) || reserved.identityNames().has(name) : names,
      128,
    )
  }

  private edgeTable(): EdgeTable {
    this.table ??= new EdgeTable(this.index)
    return this.table
  }

  private positionOf(edge: AccessEdge): number {
    if (!this.positions) {
      this.positions = new Map()
      this.index.accessEdges.forEach((e, at) =>
        (this.positions as Map<AccessEdge, number>).set(e, at),
      )
    }
    return this.positions.get(edge) as number
  }
}
