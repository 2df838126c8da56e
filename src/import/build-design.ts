import { plural } from '../lib/plural.ts'
import { laidOut } from '../layout/layered.ts'
import type { Design } from '../model/types.ts'
import { importAccess } from './access.ts'
import { withoutConditional } from './conditions.ts'
import type { Estate } from './estate.ts'
import { importNodes } from './nodes.ts'

export interface ImportedDesign {
  readonly design: Design
  /** What the design cannot show (narrower scopes, principals from elsewhere) and what was unreadable. */
  readonly notes: readonly string[]
}

/**
 * The design of one resource group as it is deployed (PRODUCT.md §12), laid out with Auto layout:
 * apps, user-assigned identities, services and developers bound to what they are in Azure, attach
 * edges, and access edges from the role assignments. Importing the same estate twice gives the
 * same design.
 */
export async function buildImportedDesign(estate: Estate): Promise<ImportedDesign> {
  const nodes = importNodes(estate)
  const conditional = withoutConditional(estate)
  const access = importAccess(conditional.estate, nodes)
  const design: Design = {
    name: `${estate.resourceGroup} (imported)`,
    nodes: [...nodes.apps, ...access.developers, ...nodes.identities, ...nodes.services],
    edges: [...nodes.attachEdges, ...access.accessEdges],
  }
  const unreadable = estate.unreadable.map(
    (u) => `Could not read ${u.what} at ${u.scope}: ${u.code}: ${u.message}`,
  )
  const dangling = estate.danglingIdentities.map(
    (id) =>
      `An app still names identity ${id}, which no longer exists (deleted without detaching it)`,
  )
  // Access policy entries name principals and permissions, not roles: not shown as access edges.
  const policies = Object.entries(estate.accessPolicyVaults)
    .filter(([, entries]) => entries > 0)
    .map(
      ([vault, entries]) =>
        `Key Vault ${vault} uses access policies: its ${plural(entries, 'access policy entry', 'access policy entries')} ${entries === 1 ? 'is' : 'are'} not shown as access edges.`,
    )
  return {
    design: await laidOut(design),
    notes: [...unreadable, ...dangling, ...policies, ...access.notes, ...conditional.notes],
  }
}
