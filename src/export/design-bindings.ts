import type { Design } from '../model/types.ts'
import type { PlanBindings } from '../plan/bind.ts'
import { byId } from '../lib/by-id.ts'

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined

/**
 * Bindings a design file carries itself: `azure.resourceId` of apps, services and existing
 * identities, `azure.principalId` of developers (and, when known, of an app's system-assigned
 * identity or of an identity), `azure.clientId` of identities. `extra` (from a live binding)
 * wins over the file.
 */
export function designBindings(design: Design, extra?: PlanBindings): PlanBindings {
  const nodes = byId(design.nodes)
  return {
    resourceIdOf: (node) => extra?.resourceIdOf(node) ?? text(nodes.get(node)?.azure?.resourceId),
    principalIdOf: (p) => extra?.principalIdOf(p) ?? text(nodes.get(p.node)?.azure?.principalId),
    clientIdOf: (node) => extra?.clientIdOf?.(node) ?? text(nodes.get(node)?.azure?.['clientId']),
  }
}
