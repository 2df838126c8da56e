import type { DesignIndex } from '../analysis/design-index.ts'
import { HOSTING } from '../catalog/hosting.ts'
import type { StringTable } from '../lib/string-table.ts'
import { usedIds } from '../model/ids.ts'
import { SYSTEM_VIA, type ServiceKind } from '../model/kinds.ts'
import type { AppNode, Design } from '../model/types.ts'
import { IdAllocator } from '../optimize/ids.ts'
import { messageQuote } from '../lib/encode/message.ts'
import type { Labels } from './labels.ts'

/**
 * The whole design a fix is offered on. A fix's new ids and identity names must be unique in it,
 * and some suggestions name any of its identities, while the index a rule ran over may cover only
 * one connected part (IncrementalChecker). Computed on first use.
 */
export interface DesignScope {
  /** Every node and edge id. */
  ids(): StringTable
  /** Every identity node's name. */
  identityNames(): ReadonlySet<string>
  /** Every identity node's id, in file order. */
  identities(): readonly string[]
  /** A node's name, anywhere in the design. */
  name(id: string): string | undefined
}

export function designScope(design: Design): DesignScope {
  let ids: StringTable | undefined
  let names: Set<string> | undefined
  let identities: string[] | undefined
  let nodes: Map<string, string> | undefined
  return {
    ids: () => (ids ??= usedIds(design)),
    identityNames: () =>
      (names ??= new Set(design.nodes.flatMap((n) => (n.kind === 'identity' ? [n.name] : [])))),
    identities: () =>
      (identities ??= design.nodes.flatMap((n) => (n.kind === 'identity' ? [n.id] : []))),
    name: (id) => (nodes ??= new Map(design.nodes.map((n) => [n.id, n.name]))).get(id),
  }
}

/**
 * What a rule's fix builders get (see Report.fix): the index the rule ran over, its labels, and
 * the design the fix is offered on, with the helpers several fixes share.
 */
export class Fixer {
  readonly index: DesignIndex
  readonly labels: Labels
  readonly scope: DesignScope
  private attachIds?: Map<string, string[]>

  constructor(index: DesignIndex, labels: Labels, scope: DesignScope) {
    this.index = index
    this.labels = labels
    this.scope = scope
  }

  /** A node's name quoted for a title, for nodes outside the index too (Labels). */
  label(id: string): string {
    if (this.index.numberOf(id) !== undefined) return this.labels.of(id)
    return messageQuote(this.scope.name(id) ?? id)
  }

  /** A fresh allocator of ids unique in the design, for the new nodes and edges of one fix. */
  newIds(): IdAllocator {
    return new IdAllocator(this.scope.ids())
  }

  /** A fresh allocator of identity names unique among those drawn (Azure wants them unique). */
  newIdentityNames(): IdAllocator {
    return new IdAllocator(this.scope.identityNames(), 128)
  }

  /** Positions of the access edges from an app or developer, in file order. */
  edgesFrom(source: string): Int32Array {
    const n = this.index.numberOf(source)
    return n === undefined ? EMPTY : this.index.edgesFrom(n)
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

  /** Can the app take one more identity without breaking its hosting's limits? */
  canAddIdentity(app: AppNode, system: boolean): boolean {
    const hosting = HOSTING[app.hosting]
    if (system && !hosting.systemAssigned) return false
    return (
      hosting.maxIdentities === undefined || this.index.identityCount(app) < hosting.maxIdentities
    )
  }

  /** The `via` the edge at `at` should carry to keep acting as it does now, or undefined. */
  currentVia(at: number): string | undefined {
    const { index } = this
    const p = index.principalAt[at] as number
    if (p < 0) return undefined
    const type = index.principalType(p)
    if (type === 'developer') return undefined
    return type === 'systemAssigned' ? SYSTEM_VIA : index.principalNode(p)
  }

  serviceKind(id: string): ServiceKind | undefined {
    const node = this.index.node(id)
    return node?.kind === 'service' ? node.service : undefined
  }
}

const EMPTY = new Int32Array(0)
