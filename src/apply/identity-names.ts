import { IDENTITY_NAME_RULE, isIdentityName } from '../model/azure-formats.ts'
import type { Design } from '../model/types.ts'
import type { BindingProblem } from './bind-target.ts'

/**
 * The identities apply would create (or keep) by their design name, none bound to an existing one,
 * whose name Azure refuses: said at Bind, before any call, rather than as a failed step.
 */
export function identityNameProblems(design: Design): BindingProblem[] {
  return design.nodes
    .filter((n) => n.kind === 'identity' && !n.azure?.resourceId && !isIdentityName(n.name))
    .map((n) => ({
      node: n.id,
      message: `identity "${n.name}" cannot be created: in Azure ${IDENTITY_NAME_RULE}; rename it`,
    }))
}
