import type { Design, DesignNode } from '../../model/types.ts'

/** Nodes a node can be connected to, read the way the canvas reads a gesture (either direction). */
export function connectTargets(
  design: Design,
  node: Pick<DesignNode, 'id' | 'kind'>,
): DesignNode[] {
  const linked = new Set<string>()
  for (const e of design.edges) {
    if (e.source === node.id) linked.add(e.target)
    if (e.target === node.id) linked.add(e.source)
  }
  const fits = (other: DesignNode): boolean => {
    switch (node.kind) {
      case 'app':
        return other.kind === 'identity' || other.kind === 'service'
      case 'developer':
        return other.kind === 'service'
      case 'identity':
        return other.kind === 'app'
      case 'service':
        return other.kind === 'app' || other.kind === 'developer'
    }
  }
  return design.nodes.filter((o) => o.id !== node.id && !linked.has(o.id) && fits(o))
}
