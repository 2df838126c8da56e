import type { Edit } from '@/model/edits.ts'
import type { IdAllocator } from '../../optimize/ids.ts'
import type { RuleFacts } from '../facts.ts'

/**
 * Edits that add a user-assigned identity named after the services it serves and attach it to
 * `apps`. Returns its id. Ids and names are unique in the design and deterministic.
 */
export function addIdentity(
  facts: RuleFacts,
  ids: IdAllocator,
  services: readonly string[],
  apps: readonly string[],
  out: Edit[],
): string {
  const names = services.map((s) => facts.index.node(s)?.name ?? s)
  const id = ids.fresh(`mi-${services.join('-')}`)
  const name = facts.newIdentityNames().fresh(`mi-${names.join('-')}`.replace(/\./g, '-'))
  out.push({ type: 'addNode', node: { id, kind: 'identity', name } })
  for (const app of apps)
    out.push({
      type: 'addEdge',
      edge: { id: ids.fresh(`${app}-${id}`), kind: 'attach', source: app, target: id },
    })
  return id
}
