import { plural } from '../lib/plural.ts'
import { laidOut } from '../layout/layered.ts'
import type { ServiceKind } from '../model/kinds.ts'
import type { Design, DesignNode } from '../model/types.ts'
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
    notes: [
      ...unreadable,
      ...dangling,
      ...policies,
      ...databaseUsersNote(nodes.services),
      ...access.notes,
      ...conditional.notes,
    ],
  }
}

/** Services whose access is granted inside them, as database users, not by role assignments. */
export const DATABASE_KINDS: ReadonlySet<ServiceKind> = new Set(['sql', 'postgresql', 'mysql'])

/**
 * Database users (Azure SQL's CREATE USER … FROM EXTERNAL PROVIDER, PostgreSQL's and MySQL's
 * Microsoft Entra users) live in the databases, where ARM does not reach: the import cannot
 * show that access, and says so rather than draw the databases as unused.
 */
function databaseUsersNote(services: readonly DesignNode[]): string[] {
  const names = services.flatMap((n) =>
    n.kind === 'service' && DATABASE_KINDS.has(n.service) ? [n.name] : [],
  )
  if (names.length === 0) return []
  return [
    `Database users are not in ARM: access to ${names.join(', ')} granted inside the database (Azure SQL's CREATE USER … FROM EXTERNAL PROVIDER and ALTER ROLE, PostgreSQL's or MySQL's Microsoft Entra users) is not imported. Draw it by hand; in Azure SQL, SELECT name, type_desc FROM sys.database_principals WHERE type IN ('E', 'X') lists it.`,
  ]
}
