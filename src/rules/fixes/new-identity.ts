import type { Edit } from '../../model/edits.ts'
import type { IdAllocator } from '../../optimize/ids.ts'
import type { Fixer } from '../fixer.ts'

/**
 * Edits that add a user-assigned identity named after the services it serves and attach it to
 * `apps`. Returns its id. Ids and names are unique in the design and deterministic.
 */
export function addIdentity(
  fixer: Fixer,
  ids: IdAllocator,
  services: readonly string[],
  apps: readonly string[],
  out: Edit[],
): string {
  const names = services.map((s) => fixer.index.node(s)?.name ?? s)
  const id = ids.fresh(`mi-${services.join('-')}`)
  const name = fixer.newIdentityNames().fresh(`mi-${names.join('-')}`.replace(/\./g, '-'))
  out.push({ type: 'addNode', node: { id, kind: 'identity', name } })
  for (const app of apps)
    out.push({
      type: 'addEdge',
      edge: { id: ids.fresh(`${app}-${id}`), kind: 'attach', source: app, target: id },
    })
  return id
}
