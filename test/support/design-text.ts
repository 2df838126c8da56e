import type { Design, DesignEdge, DesignNode } from '@/model/types.ts'

/**
 * A design as text, one line per node and edge in file order, every field shown, so a test can
 * pin a whole design in a few readable lines (as ESLint's RuleTester pins a fix's `output`):
 *
 *   app api appService system          (hosting; `system` or `system=false` when set)
 *   identity mi name="mi-shared"        (name shown when it is not the id)
 *   service vault keyVault accessPolicy
 *   developer devs group
 *   attach api-mi api -> mi
 *   access e1 api -> st ["Storage Blob Data Reader"] via=mi scope=resourceGroup
 *
 * Any other field follows as `key=<JSON>` (position, azure, extras…).
 */
export function designText(design: Design): string {
  return [...design.nodes.map(nodeLine), ...design.edges.map(edgeLine)].join('\n')
}

/** Pinned text as written in a test (indented template literal): lines trimmed, blanks dropped. */
export function textLines(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n')
}

function nodeLine(node: DesignNode): string {
  const parts: string[] = [node.kind, node.id]
  const shown = new Set(['id', 'kind', 'name'])
  switch (node.kind) {
    case 'app':
      parts.push(node.hosting)
      if (node.systemAssigned !== undefined)
        parts.push(node.systemAssigned ? 'system' : 'system=false')
      shown.add('hosting').add('systemAssigned')
      break
    case 'service':
      parts.push(node.service)
      if (node.permissionModel !== undefined) parts.push(node.permissionModel)
      shown.add('service').add('permissionModel')
      break
    case 'developer':
      parts.push(node.principal)
      shown.add('principal')
      break
    case 'identity':
      break
  }
  if (node.name !== node.id) parts.push(`name=${JSON.stringify(node.name)}`)
  return [...parts, ...rest(node, shown)].join(' ')
}

function edgeLine(edge: DesignEdge): string {
  const parts: string[] = [edge.kind, edge.id, edge.source, '->', edge.target]
  const shown = new Set(['id', 'kind', 'source', 'target'])
  if (edge.kind === 'access') {
    parts.push(JSON.stringify(edge.roles))
    if (edge.via !== undefined) parts.push(`via=${edge.via}`)
    if (edge.scope !== undefined) parts.push(`scope=${edge.scope}`)
    shown.add('roles').add('via').add('scope')
  }
  return [...parts, ...rest(edge, shown)].join(' ')
}

function rest(item: object, shown: ReadonlySet<string>): string[] {
  return Object.entries(item)
    .filter(([key, value]) => !shown.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
}
