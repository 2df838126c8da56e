import { assertNever } from '../lib/assert.ts'
import { HOSTING, IDENTITY_ARM_TYPE, matchesHosting } from '../catalog/hosting.ts'
import { matchesService, otherKindOf, SERVICES } from '../catalog/services.ts'
import type { Edit } from '../model/edits.ts'
import type { AzureBinding, Design, DesignNode } from '../model/types.ts'
import { resourceId } from '../plan/arm-ids.ts'
import { boundResourceProblems, otherKindConsequence } from './binding-checks.ts'
import type { BindingProblem, BindTarget } from './bind-target.ts'
import type { LiveResource } from './gateway.ts'

export type { BindingProblem, BindTarget } from './bind-target.ts'

export interface BindResult {
  /** Edits that write the bindings into the nodes' `azure` fields (one undo step in the designer). */
  readonly edits: Edit[]
  readonly problems: BindingProblem[]
}

/** The ARM type (and kind test) a node must bind to. */
export function expectedType(node: DesignNode): string | undefined {
  switch (node.kind) {
    case 'app':
      return HOSTING[node.hosting].armType
    case 'service':
      return SERVICES[node.service].armType
    case 'identity':
      return IDENTITY_ARM_TYPE
    case 'developer':
      return undefined
    default:
      return assertNever(node, 'node kind')
  }
}

export function resourceFits(node: DesignNode, r: LiveResource): boolean {
  if (node.kind === 'app') return matchesHosting(node.hosting, r.type, r.kind)
  if (node.kind === 'service') return matchesService(node.service, r.type, r.kind)
  const type = expectedType(node)
  return type !== undefined && r.type.toLowerCase() === type.toLowerCase()
}

/** Resources a node may bind to, for the designer's picker. */
export function candidatesFor(
  node: DesignNode,
  resources: readonly LiveResource[],
): LiveResource[] {
  return resources.filter((r) => resourceFits(node, r))
}

/** The resource id an identity has, or will have once apply creates it. */
export function identityResourceId(node: DesignNode, target: BindTarget): string {
  if (node.azure?.resourceId) return node.azure.resourceId
  return resourceId(
    node.azure?.subscriptionId ?? target.subscriptionId,
    node.azure?.resourceGroup ?? target.resourceGroup,
    IDENTITY_ARM_TYPE,
    node.name,
  )
}

/**
 * Binds every app and service without `azure.resourceId` to the resource of the same name and a
 * fitting type in the target group (PRODUCT.md §8), gives unbound identities the place they will be
 * created in, and checks developers have an object id. `developerIds` supplies ids from outside
 * (the signed-in user, a CLI flag, the sandbox).
 */
export function bindDesign(
  design: Design,
  resources: readonly LiveResource[],
  target: BindTarget,
  developerIds: Readonly<Record<string, string>> = {},
): BindResult {
  const edits: Edit[] = []
  const problems: BindingProblem[] = boundResourceProblems(design, target, resources)
  const setAzure = (node: DesignNode, azure: AzureBinding): void => {
    edits.push({ type: 'updateNode', id: node.id, set: { azure: { ...node.azure, ...azure } } })
  }
  for (const node of design.nodes) {
    if (node.kind === 'developer') {
      const id = node.azure?.principalId ?? developerIds[node.id]
      if (!id)
        problems.push({
          node: node.id,
          message: `developer "${node.name}" has no Microsoft Entra object id (azure.principalId)`,
        })
      else if (!node.azure?.principalId) setAzure(node, { principalId: id })
      continue
    }
    if (node.kind === 'identity') {
      if (!node.azure?.resourceId && !node.azure?.resourceGroup) {
        setAzure(node, {
          subscriptionId: target.subscriptionId,
          resourceGroup: target.resourceGroup,
          location: target.location,
        })
      }
      continue
    }
    if (node.azure?.resourceId) continue
    const fitting = candidatesFor(node, resources)
    const match = fitting.find((r) => r.name.toLowerCase() === node.name.toLowerCase())
    if (match) {
      setAzure(node, { resourceId: match.id })
      continue
    }
    const others = fitting.map((r) => r.name).slice(0, 5)
    const found = others.length ? ` (found: ${others.join(', ')})` : ''
    // The name is there, as another service of the same type (a Speech account for Azure OpenAI).
    const other =
      node.kind === 'service' &&
      resources
        .filter((r) => r.name.toLowerCase() === node.name.toLowerCase())
        .map((r) => otherKindOf(node.service, r))
        .find((o) => o !== undefined)
    problems.push({
      node: node.id,
      message: other
        ? `"${node.name}" in resource group ${target.resourceGroup} is ${other}: ${otherKindConsequence(node.service)}${found}`
        : `no ${expectedType(node)} named "${node.name}" in resource group ${target.resourceGroup}${found}`,
    })
  }
  return { edits, problems }
}
