import type { Design } from '@/model/types.ts'

/**
 * A design as a user sees it, free of ids and positions: nodes by name with their kind's fields,
 * edges by the names they join, with sorted roles and the name of the identity they go through.
 */
export function semantic(design: Design) {
  const name = new Map(design.nodes.map((n) => [n.id, n.name]))
  const via = (v: string | undefined): string | undefined =>
    v === undefined ? undefined : v === 'system' ? '(system)' : (name.get(v) ?? v)
  const nodes = design.nodes
    .map((n) => {
      switch (n.kind) {
        case 'app':
          return `app ${n.name} ${n.hosting} sa=${n.systemAssigned ?? false}`
        case 'identity':
          return `identity ${n.name}`
        case 'service':
          return `service ${n.name} ${n.service} ${n.permissionModel ?? 'rbac'}`
        case 'developer':
          return `developer ${n.name} ${n.principal}`
      }
    })
    .sort()
  const edges = design.edges
    .map((e) =>
      e.kind === 'attach'
        ? `attach ${name.get(e.source)} -> ${name.get(e.target)}`
        : `access ${name.get(e.source)} -> ${name.get(e.target)} [${[...e.roles].sort().join(', ')}] ${e.scope ?? 'resource'} via ${via(e.via) ?? '-'}`,
    )
    .sort()
  return { name: design.name, nodes, edges }
}
