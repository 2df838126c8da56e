import { describeArmId, parseArmId } from '../model/arm-id.ts'
import { bindingArmType } from '../model/bindings.ts'
import type { Design } from '../model/types.ts'
import type { BindingProblem, BindTarget } from './bind-target.ts'

/**
 * Bindings a design already carries, checked against what apply is about to do with them: a
 * resource id must name a resource of the node's own ARM type (a grant drawn on a storage account
 * must never land on a subscription or a vault), and every bound id and identity placement must sit
 * in the subscription being applied to. Load refuses such files already (model/bindings.ts); this
 * holds for any design handed to apply, however it was made.
 */
export function boundResourceProblems(design: Design, target: BindTarget): BindingProblem[] {
  const problems: BindingProblem[] = []
  const wanted = target.subscriptionId.toLowerCase()
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
