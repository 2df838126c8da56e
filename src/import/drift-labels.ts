import { roleByGuid } from '../catalog/roles.ts'
import type { Design } from '../model/types.ts'
import { resourceGroupScope, roleDefinitionGuidOf, subscriptionScope } from '../plan/arm-ids.ts'
import { driftKey, type Drift, type DriftItem, type LiveState } from './drift.ts'
import { lastSegment } from './nodes.ts'

/** A drift item in words, and the design node to show for it. */
export interface DriftLabel {
  readonly role: string
  readonly principal: string
  readonly scope: string
  /** The design's service at the scope, else the design node of the principal. */
  readonly node?: string
}

/**
 * Names for a drift item: the role as the catalog or the group's custom roles name it, the
 * principal as the (bound) design or the group names it, the scope as the design's service or
 * the group or subscription. Ids stay where nothing has a name (a user outside the design).
 */
export function labelDriftItem(item: DriftItem, live: LiveState, bound: Design): DriftLabel {
  const guid = roleDefinitionGuidOf(item.roleDefinitionId).toLowerCase()
  const role = roleByGuid(guid)?.name ?? live.roleNames[guid] ?? guid
  const p = item.principalId.toLowerCase()
  const nodeOfResource = (id: string) =>
    bound.nodes.find((n) => n.azure?.resourceId?.toLowerCase() === id.toLowerCase())
  const named = (() => {
    if (p === '') return { name: 'a principal not created yet' }
    const developer = bound.nodes.find((n) => n.azure?.principalId?.toLowerCase() === p)
    if (developer) return { name: developer.name, node: developer.id }
    const identity = live.identities.find((i) => i.principalId.toLowerCase() === p)
    const app = live.resources.find((r) => r.identity?.principalId?.toLowerCase() === p)
    const resource = identity?.id ?? app?.id
    if (resource) {
      const node = nodeOfResource(resource)
      const name = node?.name ?? lastSegment(resource)
      return node ? { name, node: node.id } : { name }
    }
    // An app may still name an identity deleted since, with its old principal id.
    const gone = live.resources
      .flatMap((r) => Object.entries(r.identity?.userAssignedIdentities ?? {}))
      .find(([, entry]) => entry.principalId?.toLowerCase() === p)
    if (gone) return { name: `${lastSegment(gone[0])} (deleted)` }
    const type = live.assignments.find((a) => a.principalId.toLowerCase() === p)?.principalType
    const kind = type === 'User' ? 'user' : type === 'Group' ? 'group' : 'principal'
    return { name: `${kind} ${item.principalId}` }
  })()
  const s = item.scope.toLowerCase()
  const service = nodeOfResource(item.scope)
  const scope = service
    ? service.name
    : s === resourceGroupScope(live.subscriptionId, live.resourceGroup).toLowerCase()
      ? `resource group ${live.resourceGroup}`
      : s === subscriptionScope(live.subscriptionId).toLowerCase()
        ? 'the subscription'
        : lastSegment(item.scope)
  const node = service?.id ?? named.node
  return { role, principal: named.name, scope, ...(node ? { node } : {}) }
}

/**
 * An item's ABAC condition in words, or undefined: a missing grant Azure holds only under a
 * condition (ARM takes no second assignment beside it), or a listed assignment that has one. The
 * condition comes last, through `quote` (the terminal's escaping in the CLI; none where React
 * renders text).
 */
export function conditionNote(
  drift: Drift,
  list: 'missing' | 'unmanaged' | 'orphaned',
  item: DriftItem,
  quote: (text: string) => string = (text) => text,
): string | undefined {
  const condition = drift.conditions[driftKey(item)]
  if (condition === undefined) return undefined
  return list === 'missing'
    ? `Azure holds this role here only under a condition, narrower than the design's grant (remove the condition in the Azure portal to grant it whole): ${quote(condition)}`
    : `only under a condition: ${quote(condition)}`
}
