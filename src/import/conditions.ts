import { roleByGuid } from '../catalog/roles.ts'
import { resourceGroupScope, roleDefinitionGuidOf, subscriptionScope } from '../plan/arm-ids.ts'
import type { Estate } from './estate.ts'

/**
 * Role assignments with an ABAC condition (`properties.condition`) grant their role only where the
 * condition holds, e.g. one blob container of a storage account: less than an access edge, which
 * grants its roles on the whole scope. Import leaves them out of the design, as it leaves out
 * narrower scopes, and says so with the condition as text: drawn, they would claim access the
 * principal does not have, and a design applied from them would not match what is there.
 */
export function withoutConditional(estate: Estate): { estate: Estate; notes: string[] } {
  const group = resourceGroupScope(estate.subscriptionId, estate.resourceGroup).toLowerCase()
  const subscription = subscriptionScope(estate.subscriptionId).toLowerCase()
  const inReach = (scope: string): boolean => {
    const s = scope.toLowerCase()
    return s === subscription || s === group || s.startsWith(`${group}/`)
  }
  const notes: string[] = []
  for (const a of estate.assignments) {
    if (!a.condition || !inReach(a.scope)) continue
    const guid = roleDefinitionGuidOf(a.roleDefinitionId).toLowerCase()
    const role = estate.roleNames[guid] ?? roleByGuid(guid)?.name ?? guid
    const version = a.conditionVersion ? ` (version ${a.conditionVersion})` : ''
    notes.push(
      `${role} at ${a.scope}: held by principal ${a.principalId.toLowerCase()} only where its condition holds, narrower than an access edge can show (not drawn). Its condition${version}: ${a.condition}`,
    )
  }
  return {
    estate: { ...estate, assignments: estate.assignments.filter((a) => !a.condition) },
    notes,
  }
}
