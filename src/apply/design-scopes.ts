import { parseArmId } from '../model/arm-id.ts'
import type { Design } from '../model/types.ts'
import { resourceGroupScope } from '../plan/arm-ids.ts'

/**
 * The scopes a design owns: the resource groups its bound nodes sit in (identities where they are
 * created) and everything in them. Prune offers only assignments there: never another group, the
 * subscription, a management group or the tenant root, where the design's principals may well hold
 * access someone else granted on purpose.
 */
export function designScopes(design: Design): (scope: string) => boolean {
  const groups = new Set<string>()
  for (const node of design.nodes) {
    const id = node.azure?.resourceId
    const parsed = id ? parseArmId(id) : undefined
    if (parsed?.ok && parsed.value.resourceGroup)
      groups.add(
        resourceGroupScope(parsed.value.subscriptionId, parsed.value.resourceGroup).toLowerCase(),
      )
    else if (node.kind === 'identity' && node.azure?.subscriptionId && node.azure.resourceGroup)
      groups.add(
        resourceGroupScope(node.azure.subscriptionId, node.azure.resourceGroup).toLowerCase(),
      )
  }
  return (scope) => {
    const s = scope.toLowerCase().replace(/\/+$/, '')
    for (const group of groups) if (s === group || s.startsWith(`${group}/`)) return true
    return false
  }
}
