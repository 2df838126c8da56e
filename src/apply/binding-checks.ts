import { otherKindOf, SERVICES } from '../catalog/services.ts'
import { describeArmId, parseArmId } from '../model/arm-id.ts'
import { bindingArmType } from '../model/bindings.ts'
import type { ServiceKind } from '../model/kinds.ts'
import type { Design } from '../model/types.ts'
import type { BindingProblem, BindTarget } from './bind-target.ts'
import type { LiveResource } from './gateway.ts'

/** Why a service bound to another service's kind of its type is refused. */
export const otherKindConsequence = (service: ServiceKind): string =>
  `ARM accepts role assignments there, but they grant no ${SERVICES[service].label} access; bind the node to a resource of one of those kinds`

/**
 * Bindings a design already carries, checked against what apply is about to do with them: a
 * resource id must name a resource of the node's own ARM type (a grant drawn on a storage account
 * must never land on a subscription or a vault), and every bound id and identity placement must sit
 * in the subscription being applied to. Load refuses such files already (model/bindings.ts); this
 * holds for any design handed to apply, however it was made. A bound service among the `resources`
 * read live must also be of its service's kind where its type holds several (an Azure OpenAI node
 * on a Speech account: the id alone cannot tell).
 */
export function boundResourceProblems(
  design: Design,
  target: BindTarget,
  resources: readonly LiveResource[] = [],
): BindingProblem[] {
  const problems: BindingProblem[] = []
  const wanted = target.subscriptionId.toLowerCase()
  const live = new Map(resources.map((r) => [r.id.toLowerCase(), r]))
  for (const node of design.nodes) {
    const report = (message: string): void => void problems.push({ node: node.id, message })
    const name = JSON.stringify(node.name)
    const id = node.azure?.resourceId
    if (id !== undefined && node.kind !== 'developer') {
      const expected = bindingArmType(node)
      const parsed = parseArmId(id)
      if (!parsed.ok)
        report(`azure.resourceId of ${name} is not an ARM resource id (${parsed.error})`)
      else if (
        parsed.value.kind !== 'resource' ||
        parsed.value.type?.toLowerCase() !== expected?.toLowerCase()
      )
        report(
          `azure.resourceId of ${name} names ${describeArmId(parsed.value)}, not a ${expected}: nothing is granted or changed there`,
        )
      else if (parsed.value.subscriptionId.toLowerCase() !== wanted)
        report(
          `azure.resourceId of ${name} is in subscription ${parsed.value.subscriptionId}, not in ${target.subscriptionId} being applied to`,
        )
      else if (node.kind === 'service') {
        const found = live.get(id.toLowerCase())
        const other = found && otherKindOf(node.service, found)
        if (other)
          report(
            `azure.resourceId of ${name} names ${other}: ${otherKindConsequence(node.service)}`,
          )
      }
    }
    const sub =
      node.kind === 'identity' && id === undefined ? node.azure?.subscriptionId : undefined
    if (sub !== undefined && sub.toLowerCase() !== wanted)
      report(
        `azure.subscriptionId of ${name} is ${sub}, not ${target.subscriptionId} being applied to`,
      )
  }
  return problems
}
