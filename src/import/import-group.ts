import { isAbort } from '../apply/clock.ts'
import type { ArmGateway } from '../apply/gateway.ts'
import { subscriptionScope } from '../plan/arm-ids.ts'
import { buildImportedDesign, type ImportedDesign } from './build-design.ts'
import type { ImportedEstate } from './drift.ts'
import { importHealth, type Health } from './health.ts'
import { readEstate, type ReadOptions } from './read-estate.ts'
import { readSubscriptionPrincipals, type LiveReader } from './read-live.ts'

export interface GroupImport extends ImportedDesign {
  /** The group's estate; the subscription's principals only when the caller could list them. */
  readonly live: ImportedEstate
  /**
   * Role assignments at or below the subscription (what its limit counts); undefined when they
   * could not be listed.
   */
  readonly subscriptionAssignments: number | undefined
}

export type GroupReader = LiveReader & Pick<ArmGateway, 'listScopeAssignments'>

/**
 * One import of a resource group, as the CLI and the web app both make it: the group's estate
 * (partial reads noted, never fatal), the design built from it (laid out), and, for the health
 * summary, the subscription's principals (to tell orphaned assignments) and how many role
 * assignments it holds (the distance to its limit). A caller who may read the group but not list
 * the whole subscription still imports; those two are then undefined, never a wrong figure.
 */
export async function importGroup(
  reader: GroupReader,
  subscriptionId: string,
  resourceGroup: string,
  options: ReadOptions = {},
): Promise<GroupImport> {
  const estate = await readEstate(reader, subscriptionId, resourceGroup, options)
  const [principals, all] = await Promise.all([
    readSubscriptionPrincipals(reader, subscriptionId, options).catch(unlessAborted),
    reader
      .listScopeAssignments(
        subscriptionScope(subscriptionId),
        options.signal ? { signal: options.signal } : {},
      )
      .catch(unlessAborted),
  ])
  const live = principals ? { ...estate, subscriptionPrincipals: principals } : estate
  return {
    ...(await buildImportedDesign(live)),
    live,
    subscriptionAssignments: all?.filter((a) => atOrBelow(a.scope, subscriptionId)).length,
  }
}

/**
 * Whether an assignment counts toward its subscription's limit. The list at a subscription also
 * returns those inherited from above (management groups, the root "/"), which do not: Microsoft
 * Learn, "Troubleshoot Azure RBAC limits" — the limit "includes role assignments at the
 * subscription, resource group, and resource scopes, but not at the management group scope",
 * counted as `Get-AzRoleAssignment -Scope $scope | Where-Object {$_.scope.StartsWith($scope)}`.
 */
function atOrBelow(scope: string, subscriptionId: string): boolean {
  const s = scope.toLowerCase()
  const sub = subscriptionScope(subscriptionId).toLowerCase()
  return s === sub || s.startsWith(`${sub}/`)
}

/** A refused or failed read leaves its figure unknown; a Stop still stops the import. */
function unlessAborted(e: unknown): undefined {
  if (isAbort(e)) throw e
  return undefined
}

/** The health summary of an import, given the rule id of each finding of its design. */
export function healthOfImport(imported: GroupImport, rules: readonly string[]): Health {
  return importHealth({
    live: imported.live,
    rules,
    ...(imported.subscriptionAssignments !== undefined
      ? { subscriptionAssignments: imported.subscriptionAssignments }
      : {}),
  })
}
