import { DESIGN_FORMAT, DESIGN_VERSION } from './kinds.ts'
import type { Design, DesignEdge, DesignNode, Extras } from './types.ts'
import { assertNever } from '../lib/assert.ts'
import { setOwn } from './records.ts'
import { stableJson } from '../lib/json.ts'

/** Known fields first, in the format's order; unknown fields after, exactly as they were read. */
function withExtras(
  known: Record<string, unknown>,
  extras: Extras | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(known)) if (value !== undefined) out[key] = value
  // Own keys only: `constructor`, `toString`… are inherited by every object, and `__proto__`
  // must become a field, not the prototype (records.ts setOwn).
  if (extras)
    for (const [key, value] of Object.entries(extras))
      if (!Object.hasOwn(out, key)) setOwn(out, key, value)
  return out
}

export function nodeToJson(node: DesignNode): Record<string, unknown> {
  const head = { id: node.id, kind: node.kind, name: node.name }
  const tail = { position: node.position, azure: node.azure }
  switch (node.kind) {
    case 'app':
      return withExtras(
        { ...head, hosting: node.hosting, systemAssigned: node.systemAssigned, ...tail },
        node.extras,
      )
    case 'identity':
      return withExtras({ ...head, ...tail }, node.extras)
    case 'service':
      return withExtras(
        { ...head, service: node.service, permissionModel: node.permissionModel, ...tail },
        node.extras,
      )
    case 'developer':
      return withExtras({ ...head, principal: node.principal, ...tail }, node.extras)
    default:
      return assertNever(node, 'node kind')
  }
}

export function edgeToJson(edge: DesignEdge): Record<string, unknown> {
  const head = { id: edge.id, kind: edge.kind, source: edge.source, target: edge.target }
  if (edge.kind === 'attach') return withExtras(head, edge.extras)
  return withExtras(
    { ...head, via: edge.via, roles: [...edge.roles], scope: edge.scope },
    edge.extras,
  )
}

/** The design as the JSON document of PRODUCT.md §4. */
export function designToJson(design: Design): Record<string, unknown> {
  return withExtras(
    {
      format: DESIGN_FORMAT,
      version: DESIGN_VERSION,
      name: design.name,
      nodes: design.nodes.map(nodeToJson),
      edges: design.edges.map(edgeToJson),
    },
    design.extras,
  )
}

export function serializeDesign(design: Design): string {
  return stableJson(designToJson(design))
}
