import type { Design, DesignNode } from '../model/types.ts'
import { IDENTITY_ARM_TYPE } from '../model/bindings.ts'
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
export function touchedResources(
  design: Design,
  target: BindTarget,
  existing: ReadonlySet<string> = NONE,
): TouchedResource[] {
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
    const place = identityPlace(node, target, existing)
    return {
      ...base,
      azureName: node.name,
      resourceGroup: place.resourceGroup,
      created: !place.exists,
    }
  })
}

const NONE: ReadonlySet<string> = new Set()

/**
 * Where apply puts an identity not bound to an existing one (its own group, else the target's),
 * and whether the target group's listing already holds one of its name: apply then keeps that one
 * (its create is in place), so it is not "to create".
 */
export function identityPlace(
  node: Pick<DesignNode, 'kind' | 'name' | 'azure'>,
  target: Pick<BindTarget, 'resourceGroup'>,
  existing: ReadonlySet<string>,
): { readonly resourceGroup: string; readonly exists: boolean } {
  const resourceGroup = node.azure?.resourceGroup ?? target.resourceGroup
  const inTarget = resourceGroup.toLowerCase() === target.resourceGroup.toLowerCase()
  return {
    resourceGroup,
    exists: node.kind !== 'identity' || (inTarget && existing.has(node.name.toLowerCase())),
  }
}

/** The names (lower case: ARM names are case-insensitive) of the user-assigned identities listed. */
export function identityNames(
  resources: readonly { readonly type: string; readonly name: string }[],
): ReadonlySet<string> {
  return new Set(
    resources
      .filter((r) => r.type.toLowerCase() === IDENTITY_ARM_TYPE.toLowerCase())
      .map((r) => r.name.toLowerCase()),
  )
}
