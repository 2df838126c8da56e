import type { DesignIndex } from '../analysis/design-index.ts'
import { HOSTING } from '../catalog/hosting.ts'
import { SYSTEM_VIA, type ServiceKind } from '../model/kinds.ts'
import type { AccessEdge, AppNode } from '../model/types.ts'
import { IdAllocator } from '../optimize/ids.ts'

/**
 * Lookups over a design that several rules and their fixes share, each built on first use in
 * one linear pass and kept for the rest of the check, so that the whole check stays linear.
 */
export class RuleFacts {
  readonly index: DesignIndex
  private bySource?: Map<string, AccessEdge[]>
  private ids?: Set<string>
  private resolving?: Map<string, AccessEdge[]>
  private identityIds?: string[]
  private attachIds?: Map<string, string[]>
  private grantSets?: Map<string, string>

  constructor(index: DesignIndex) {
    this.index = index
  }

  /** Access edges from an app or developer, in file order. */
  edgesFrom(source: string): readonly AccessEdge[] {
    if (!this.bySource) {
      this.bySource = new Map()
      for (const edge of this.index.accessEdges) push(this.bySource, edge.source, edge)
    }
    return this.bySource.get(source) ?? []
  }

  /** Access edges that resolve to a principal (by principalKey), in file order. */
  edgesResolvingTo(principalKey: string): readonly AccessEdge[] {
    if (!this.resolving) {
      this.resolving = new Map()
      for (const edge of this.index.accessEdges) {
        const r = this.index.resolutionOf(edge.id)
        if (r.resolved) push(this.resolving, `${r.principal.type}:${r.principal.node}`, edge)
      }
    }
    return this.resolving.get(principalKey) ?? []
  }

  /** Ids of the attach edges from an app to an identity (usually one). */
  attachEdges(app: string, identity: string): readonly string[] {
    if (!this.attachIds) {
      this.attachIds = new Map()
      for (const edge of this.index.design.edges)
        if (edge.kind === 'attach')
          push(this.attachIds, `${edge.source}\u0000${edge.target}`, edge.id)
    }
    return this.attachIds.get(`${app}\u0000${identity}`) ?? []
  }

  /**
   * A principal's distinct grants (service, role, scope) as one canonical string, or undefined
   * when it holds none: equal strings mean identical access.
   */
  grantSetKey(principalKey: string): string | undefined {
    if (!this.grantSets) {
      this.grantSets = new Map()
      for (const [key, grants] of this.index.grantsByPrincipal) {
        const set = new Set(grants.map((g) => `${g.service}\u0000${g.roleKey}\u0000${g.scope}`))
        this.grantSets.set(key, [...set].sort().join('\n'))
      }
    }
    return this.grantSets.get(principalKey)
  }

  /** A fresh allocator of identity names unique among the identities drawn (Azure wants them unique). */
  newIdentityNames(): IdAllocator {
    return new IdAllocator(
      new Set(this.identities().map((id) => this.index.node(id)?.name ?? id)),
      128,
    )
  }

  /** The ids of the identity nodes, in file order. */
  identities(): readonly string[] {
    this.identityIds ??= this.index.design.nodes
      .filter((n) => n.kind === 'identity')
      .map((n) => n.id)
    return this.identityIds
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
    return JSON.stringify(this.index.node(id)?.name ?? id)
  }

  /** The `via` an edge should carry to keep acting as it does now, or undefined if unresolved. */
  currentVia(edge: AccessEdge): string | undefined {
    const r = this.index.resolutionOf(edge.id)
    if (!r.resolved || r.principal.type === 'developer') return undefined
    return r.principal.type === 'systemAssigned' ? SYSTEM_VIA : r.principal.node
  }

  /** A fresh allocator of ids unique in the design, for the new nodes and edges of one fix. */
  newIds(): IdAllocator {
    if (!this.ids) {
      this.ids = new Set(this.index.nodes.keys())
      for (const edge of this.index.design.edges) this.ids.add(edge.id)
    }
    return new IdAllocator(this.ids)
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
