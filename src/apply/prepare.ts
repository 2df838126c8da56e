import { err, ok, type Result } from '../lib/result.ts'
import { applyEdits, type Edit } from '../model/edits.ts'
import type { Design } from '../model/types.ts'
import { derivePlan } from '../plan/derive.ts'
import type { Plan } from '../plan/types.ts'
import { refusedBindingMessage } from './bind-target.ts'
import { bindDesign, type BindingProblem, type BindTarget } from './binding.ts'
import type { LiveResource } from './gateway.ts'
import { identityNameProblems } from './identity-names.ts'
import { buildSteps, type Step } from './steps.ts'

export interface Prepared {
  /** The design with every binding written into its `azure` fields. */
  readonly design: Design
  /** The edits that bound it (the designer keeps them as one undo step). */
  readonly bindingEdits: readonly Edit[]
  readonly plan: Plan
  readonly steps: readonly Step[]
}

/**
 * A binding that is not complete: what could not be bound and why, and the design with every
 * binding that did succeed (so each row shows its own state, not the worst row's).
 */
export interface BindFailure {
  readonly problems: BindingProblem[]
  readonly partial: Design
}

/** Binds a design to the resources of a group and derives the steps to apply: the CLI's and the app's first stage. */
export function prepareApply(
  design: Design,
  resources: readonly LiveResource[],
  target: BindTarget,
  developerIds: Readonly<Record<string, string>> = {},
): Result<Prepared, BindFailure> {
  const binding = bindDesign(design, resources, target, developerIds)
  const bound = applyEdits(design, binding.edits)
  const problems = [...binding.problems, ...identityNameProblems(design)]
  if (problems.length > 0) return err({ problems, partial: bound.ok ? bound.value : design })
  if (!bound.ok)
    return err({
      problems: [
        { node: '(design)', message: refusedBindingMessage(design, binding.edits, bound.error) },
      ],
      partial: design,
    })
  const plan = derivePlan(bound.value)
  return ok({
    design: bound.value,
    bindingEdits: binding.edits,
    plan,
    steps: buildSteps(bound.value, plan, target),
  })
}
