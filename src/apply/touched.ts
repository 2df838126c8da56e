import type { Design, DesignNode } from '../model/types.ts'
import { parseArmId } from '../plan/arm-ids.ts'
import type { BindTarget } from './bind-target.ts'

/** A design node beside what it stands for in Azure: what a preview says it will touch. */
export interface TouchedResource {
  readonly node: string
  readonly name: string
  readonly kind: DesignNode['kind']
  /** The Azure resource's name, or a developer's object id. */
  readonly azureName: string
  /** Where it is; empty for developers (directory objects live in no resource group). */
  readonly resourceGroup: string
  readonly created: boolean
}

/**
 * Every node of a bound design with the Azure name and resource group it is bound to, so the user
 * sees that `receipts-api` means `app-receipts-prod` in `rg-prod` before anything runs.
 */
export function touchedResources(design: Design, target: BindTarget): TouchedResource[] {
  return design.nodes.map((node) => {
    const base = { node: node.id, name: node.name, kind: node.kind }
    const azure = node.azure
    if (node.kind === 'developer')
      return { ...base, azureName: azure?.principalId ?? '', resourceGroup: '', created: false }
    const parts = azure?.resourceId ? parseArmId(azure.resourceId) : undefined
    if (parts)
      return {
        ...base,
        azureName: parts.name ?? azure?.resourceId ?? '',
        resourceGroup: parts.resourceGroup ?? '',
        created: false,
      }
    // An identity not bound to an existing one: created under its own name where apply puts it.
    return {
      ...base,
      azureName: node.name,
      resourceGroup: azure?.resourceGroup ?? target.resourceGroup,
      created: node.kind === 'identity',
    }
  })
}
