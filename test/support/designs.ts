import type { Design } from '@/model/types.ts'
import { design } from './builder.ts'

/**
 * The classic over-grant: api and worker share identity mi (named mi-shared) for the blob both
 * need, and api also reaches its own vault through mi, so worker can read the vault too.
 * Edges: e1 api→blob (no via), e2 worker→blob via mi, e3 api→vault via mi.
 */
export function sharedIdentityWithOwnNeed(): Design {
  return design()
    .named('Over-granted')
    .app('api')
    .app('worker')
    .identity('mi', { name: 'mi-shared' })
    .attach('api', 'mi')
    .attach('worker', 'mi')
    .service('blob', 'storage')
    .service('vault', 'keyVault')
    .access('api', 'blob', ['Storage Blob Data Contributor'], { id: 'e1' })
    .access('worker', 'blob', ['Storage Blob Data Contributor'], { id: 'e2', via: 'mi' })
    .access('api', 'vault', ['Key Vault Secrets User'], { id: 'e3', via: 'mi' })
    .build()
}
