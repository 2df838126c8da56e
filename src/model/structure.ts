import { NODE_KINDS, type NodeKind } from './kinds.ts'
import type { Problem } from './problems.ts'
import { isRecord } from './records.ts'

/** Which node kinds each edge kind may connect (PRODUCT.md §4). */
export const ENDPOINT_KINDS = {
  attach: { source: ['app'], target: ['identity'] },
  access: { source: ['app', 'developer'], target: ['service'] },
} as const satisfies Record<string, { source: readonly NodeKind[]; target: readonly NodeKind[] }>

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
  const firstUse = new Map<string, string>()
  // undefined: the node exists but its kind is itself invalid (reported on the node).
  const kindOf = new Map<string, NodeKind | undefined>()

  const claim = (id: unknown, path: string): void => {
    if (typeof id !== 'string') return
    const first = firstUse.get(id)
    if (first === undefined) firstUse.set(id, path)
    else
      problems.push({
        path: `${path}.id`,
        message: `duplicate id ${JSON.stringify(id)} (first used by ${first})`,
      })
  }

  nodes.forEach((node, i) => {
    if (!isRecord(node)) return
    claim(node.id, `nodes[${i}]`)
    if (typeof node.id === 'string' && !kindOf.has(node.id)) {
      const kind = NODE_KINDS.find((k) => k === node.kind)
      kindOf.set(node.id, kind)
    }
  })
  edges.forEach((edge, i) => {
    if (!isRecord(edge)) return
    claim(edge.id, `edges[${i}]`)
    const kind = edge.kind
    if (kind !== 'attach' && kind !== 'access') return
    for (const end of ['source', 'target'] as const) {
      const ref = edge[end]
      if (typeof ref !== 'string') continue
      const path = `edges[${i}].${end}`
      const nodeKind = kindOf.get(ref)
      if (!kindOf.has(ref)) {
        problems.push({ path, message: `no node with id ${JSON.stringify(ref)}` })
      } else if (
        nodeKind !== undefined &&
        !(ENDPOINT_KINDS[kind][end] as readonly string[]).includes(nodeKind)
      ) {
        problems.push({
          path,
          message: `an ${kind} edge's ${end} must be ${describeEndpointRule(kind, end)}, but ${JSON.stringify(ref)} is ${KIND_PHRASE[nodeKind]}`,
        })
      }
    }
  })
  return problems
}
