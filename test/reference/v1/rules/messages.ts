import type { RoleRef } from '@/catalog/roles.ts'
import type { EdgeInfo } from './edge-info.ts'

/** The edge's roles that match, as written, quoted and comma-separated, each once. */
export function quoteRoles(info: EdgeInfo, matches: (role: RoleRef) => boolean): string {
  const out: string[] = []
  info.refs.forEach((ref, i) => {
    const text = JSON.stringify(info.edge.roles[i])
    if (matches(ref) && !out.includes(text)) out.push(text)
  })
  return out.join(', ')
}
