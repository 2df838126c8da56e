import type { ModelIndex } from '../../model/queries.ts'
import type { AccessEdge, Design } from '../../model/types.ts'

/** What focus on one node shows: that node, the nodes around it and the edges between them. */
export interface Neighbourhood {
  readonly root: string
  readonly nodes: ReadonlySet<string>
  readonly edges: ReadonlySet<string>
}

/**
 * The neighbourhood of a node, as an architect asks about it:
 * - an app: the identities it uses and the services it reaches, with every access edge from it;
 * - a service: who reaches it (apps, developers) and through which identity;
 * - an identity: the apps that use it and the services reached through it;
 * - a developer: the services they reach.
 */
export function neighbourhoodOf(
  design: Design,
  index: Pick<ModelIndex, 'node' | 'resolve'>,
  root: string,
): Neighbourhood {
  const kind = index.node(root)?.kind
  const nodes = new Set<string>([root])
  const edges = new Set<string>()
  const take = (edge: { id: string; source: string; target: string }): void => {
    edges.add(edge.id)
    nodes.add(edge.source)
    nodes.add(edge.target)
  }
  const through = (edge: AccessEdge): string | undefined => {
    const r = index.resolve(edge)
    return r.resolved && r.principal.type === 'userAssigned' ? r.principal.node : undefined
  }
  /** The attach edge that carries an access edge through its identity, if any. */
  const attachOf = new Map<string, { id: string; source: string; target: string }>()
  for (const e of design.edges) if (e.kind === 'attach') attachOf.set(`${e.source}>${e.target}`, e)
  const takeAccess = (edge: AccessEdge): void => {
    take(edge)
    const identity = through(edge)
    const attach = identity && attachOf.get(`${edge.source}>${identity}`)
    if (attach) take(attach)
  }
  for (const e of design.edges) {
    if (e.kind === 'attach') {
      if (kind === 'app' && e.source === root) take(e)
      if (kind === 'identity' && e.target === root) take(e)
      continue
    }
    if (e.source === root || e.target === root || (kind === 'identity' && through(e) === root))
      takeAccess(e)
  }
  return { root, nodes, edges }
}
