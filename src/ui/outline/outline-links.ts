import type { DesignIndex } from '../../analysis/design-index.ts'
import type { NodeKind } from '../../model/kinds.ts'
import { principalKey, type PrincipalRef } from '../../model/queries.ts'
import type { AccessEdge, AttachEdge, Design, DesignEdge, DesignNode } from '../../model/types.ts'

/**
 * Who is connected to whom, for the outline: built in one pass over the design (grouping the
 * index's resolutions), so opening any row costs only its own children.
 */
export class OutlineLinks {
  private readonly index: DesignIndex
  private readonly byKind = new Map<NodeKind, DesignNode[]>()
  private readonly edges = new Map<string, DesignEdge>()
  private readonly attachFrom = new Map<string, AttachEdge[]>()
  private readonly attachTo = new Map<string, AttachEdge[]>()
  private readonly accessTo = new Map<string, AccessEdge[]>()
  private readonly byPrincipal = new Map<string, AccessEdge[]>()
  private readonly unresolved = new Map<string, AccessEdge[]>()
  private readonly degrees = new Map<string, number>()

  constructor(design: Design, index: DesignIndex) {
    this.index = index
    for (const n of design.nodes) push(this.byKind, n.kind, n)
    for (const e of design.edges) {
      this.edges.set(e.id, e)
      this.degrees.set(e.source, (this.degrees.get(e.source) ?? 0) + 1)
      this.degrees.set(e.target, (this.degrees.get(e.target) ?? 0) + 1)
      if (e.kind === 'attach') {
        push(this.attachFrom, e.source, e)
        push(this.attachTo, e.target, e)
      } else push(this.accessTo, e.target, e)
    }
    index.accessEdges.forEach((e, at) => {
      const r = index.resolutionAt[at]
      if (r?.resolved) push(this.byPrincipal, principalKey(r.principal), e)
      else push(this.unresolved, e.source, e)
    })
  }

  node(id: string): DesignNode | undefined {
    return this.index.node(id)
  }

  edge(id: string): DesignEdge | undefined {
    return this.edges.get(id)
  }

  nodesOf(kind: NodeKind): readonly DesignNode[] {
    return this.byKind.get(kind) ?? []
  }

  degree(id: string): number {
    return this.degrees.get(id) ?? 0
  }

  attachesFrom(app: string): readonly AttachEdge[] {
    return this.attachFrom.get(app) ?? []
  }

  attachesTo(identity: string): readonly AttachEdge[] {
    return this.attachTo.get(identity) ?? []
  }

  accessesTo(service: string): readonly AccessEdge[] {
    return this.accessTo.get(service) ?? []
  }

  accessesFrom(source: string): readonly AccessEdge[] {
    return this.index.accessEdgesFrom(source)
  }

  /** Access edges that resolve to a principal: what it is granted. */
  grantsOf(type: PrincipalRef['type'], node: string): readonly AccessEdge[] {
    return this.byPrincipal.get(principalKey({ type, node })) ?? []
  }

  /** An app's access edges that resolve to none of its identities. */
  unresolvedFrom(app: string): readonly AccessEdge[] {
    return this.unresolved.get(app) ?? []
  }

  /**
   * The keys of the rows leading to a subject's main row (each one a prefix of the next): a node
   * under its kind; an app's access under the identity it goes through (or "without an
   * identity"); a developer's access under the developer; an attach edge under its app.
   */
  pathTo(subject: string): string[] | null {
    const node = this.index.node(subject)
    if (node) return chain(`g:${node.kind}`, `n:${node.id}`)
    const edge = this.edges.get(subject)
    if (!edge) return null
    const source = this.index.node(edge.source)
    if (!source) return null
    const top = [`g:${source.kind}`, `n:${source.id}`]
    if (edge.kind === 'attach') return chain(...top, `u:${edge.id}`)
    if (source.kind !== 'app') return chain(...top, `e:${edge.id}`)
    const r = this.index.resolutionOf(edge.id)
    if (!r.resolved) return chain(...top, 'none', `e:${edge.id}`)
    if (r.principal.type === 'systemAssigned') return chain(...top, 'sys', `e:${edge.id}`)
    const attach = this.attachesFrom(source.id).find((a) => a.target === r.principal.node)
    return attach ? chain(...top, `u:${attach.id}`, `e:${edge.id}`) : null
  }
}

function chain(...parts: string[]): string[] {
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'))
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}
