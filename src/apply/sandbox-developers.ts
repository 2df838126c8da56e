import type { Design } from '../model/types.ts'
import { nameUuid } from '../plan/arm-ids.ts'

const SANDBOX_DEVELOPERS = '3f0c6f7e-5a8b-4d2e-9c1a-7b6e2d4f8a90'

/**
 * The sandbox has no directory of users and groups; developers without an object id get a stable
 * made-up one (UUID v5 of the design and node), so a whole design can be tried end to end.
 */
export function sandboxDeveloperIds(design: Design): Record<string, string> {
  return Object.fromEntries(
    design.nodes
      .filter((n) => n.kind === 'developer' && !n.azure?.principalId)
      .map((n) => [n.id, nameUuid(`${design.name}|${n.id}`, SANDBOX_DEVELOPERS)]),
  )
}
