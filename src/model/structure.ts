import { NODE_KINDS, type NodeKind } from './kinds.ts'
import type { Problem } from './problems.ts'
import { isRecord } from './records.ts'

/** Which node kinds each edge kind may connect (PRODUCT.md §4). */
export const ENDPOINT_KINDS = {
  attach: { source: ['app'], target: ['identity'] },
  access: { source: ['app', 'developer'], target: ['service'] },
} as const satisfies Record<string, { source: readonly NodeKind[]; target: readonly NodeKind[] }>

const ENDS = ['source', 'target'] as const

const KIND_PHRASE: Record<NodeKind, string> = {
  app: 'an app',
  identity: 'an identity',
  service: 'a service',
  developer: 'a developer',
}

export function describeEndpointRule(
  edgeKind: 'attach' | 'access',
  end: 'source' | 'target',
): string {
  return ENDPOINT_KINDS[edgeKind][end].map((k) => KIND_PHRASE[k]).join(' or ')
}

export function kindPhrase(kind: NodeKind): string {
  return KIND_PHRASE[kind]
}

/**
 * The checks that span the document: ids unique among nodes and edges (reported at the later
 * occurrence), edge endpoints that name existing nodes of the right kinds. Works on the raw
 * arrays so that one bad field elsewhere in a node does not hide a dangling reference.
 */
export function checkStructure(nodes: readonly unknown[], edges: readonly unknown[]): Problem[] {
  const problems: Problem[] = []
  // Where each id is first used: node i as i, edge i as -1 - i. One table answers both "is the
  // id taken" and "which node is it" (paths are only spelt out for a problem: a large design has
  // tens of thousands of ids and none of them need one).
  const firstUse = new Map<string, number>()
  const pathOf = (at: number): string => (at >= 0 ? `nodes[${at}]` : `edges[${-1 - at}]`)
  const claim = (id: unknown, at: number): void => {
    if (typeof id !== 'string') return
    const first = firstUse.get(id)
    if (first === undefined) firstUse.set(id, at)
    else
      problems.push({
        path: `${pathOf(at)}.id`,
        message: `duplicate id ${JSON.stringify(id)} (first used by ${pathOf(first)})`,
      })
  }

  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]
    if (isRecord(node)) claim(node.id, i)
  }
  for (let i = 0; i < edges.length; i++) {
    const edge = edges[i]
    if (!isRecord(edge)) continue
    claim(edge.id, -1 - i)
    const kind = edge.kind
    if (kind !== 'attach' && kind !== 'access') continue
    for (const end of ENDS) {
      const ref = edge[end]
      if (typeof ref !== 'string') continue
      const at = firstUse.get(ref)
      if (at === undefined || at < 0) {
        problems.push({
          path: `edges[${i}].${end}`,
          message: `no node with id ${JSON.stringify(ref)}`,
        })
        continue
      }
      // undefined: the node's kind is itself invalid (reported on the node).
      const nodeKind = NODE_KINDS.find((k) => k === (nodes[at] as Record<string, unknown>).kind)
      if (
        nodeKind !== undefined &&
        !(ENDPOINT_KINDS[kind][end] as readonly string[]).includes(nodeKind)
      )
        problems.push({
          path: `edges[${i}].${end}`,
          message: `an ${kind} edge's ${end} must be ${describeEndpointRule(kind, end)}, but ${JSON.stringify(ref)} is ${KIND_PHRASE[nodeKind]}`,
        })
    }
  }
  return problems
}
