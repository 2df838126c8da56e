import type { NodeKind } from '../model/kinds.ts'
import type { ModelIndex } from '../model/queries.ts'
import type { Design } from '../model/types.ts'

/**
 * How the canvas draws access: `bundled` through identities (app → identity → service, one line
 * per identity and service), or `direct`, one line per access edge from app to service.
 */
export type EdgeDrawing = 'bundled' | 'direct'

/** The layer of each kind, left to right: developers and apps → identities → services. */
export const LAYER_OF: Record<NodeKind, 0 | 1 | 2> = {
  developer: 0,
  app: 0,
  identity: 1,
  service: 2,
}

export interface LayoutNode {
  readonly id: string
  readonly layer: 0 | 1 | 2
}

/** A connected part of the drawing: its nodes in design order and the lines between them. */
export interface LayoutPart {
  readonly nodes: readonly LayoutNode[]
  readonly edges: readonly (readonly [source: string, target: string])[]
}

/**
 * The design as the canvas draws it, cut into connected parts: each part is laid out on its own
 * and parts are then set side by side. Lines are the drawn ones (segments.ts): in bundled drawing,
 * access through a user-assigned identity runs identity → service, so the layout keeps those
 * identities between their apps and services. Nodes with no line at all form one last part.
 */
export function layoutParts(
  design: Design,
  index: Pick<ModelIndex, 'resolve'>,
  drawing: EdgeDrawing,
): { parts: LayoutPart[]; loose: LayoutNode[] } {
  const lines = new Map<string, readonly [string, string]>()
  for (const edge of design.edges) {
    let from = edge.source
    if (edge.kind === 'access' && drawing === 'bundled') {
      const r = index.resolve(edge)
      if (r.resolved && r.principal.type === 'userAssigned') from = r.principal.node
    }
    lines.set(`${from}\u0000${edge.target}`, [from, edge.target])
  }
  const parent = new Map<string, string>()
  const find = (x: string): string => {
    let root = x
    while (parent.get(root) !== undefined && parent.get(root) !== root)
      root = parent.get(root) as string
    let at = x
    while (at !== root) {
      const next = parent.get(at) as string
      parent.set(at, root)
      at = next
    }
    return root
  }
  const linked = new Set<string>()
  for (const [a, b] of lines.values()) {
    linked.add(a)
    linked.add(b)
    const ra = find(a)
    const rb = find(b)
    if (ra !== rb) parent.set(ra, rb)
  }
  const byRoot = new Map<string, { nodes: LayoutNode[]; edges: (readonly [string, string])[] }>()
  const loose: LayoutNode[] = []
  for (const node of design.nodes) {
    const entry = { id: node.id, layer: LAYER_OF[node.kind] }
    if (!linked.has(node.id)) {
      loose.push(entry)
      continue
    }
    const root = find(node.id)
    const part = byRoot.get(root)
    if (part) part.nodes.push(entry)
    else byRoot.set(root, { nodes: [entry], edges: [] })
  }
  for (const line of lines.values()) byRoot.get(find(line[0]))?.edges.push(line)
  return { parts: [...byRoot.values()], loose }
}
