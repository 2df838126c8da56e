import { roleAssignmentName, roleDefinitionGuidOf } from '../../plan/arm-ids.ts'
import { isArmFailure } from '../failure.ts'
import type { LiveRoleAssignment } from '../gateway.ts'
import type { Step } from '../steps.ts'
import { noPrincipal, withoutPrincipal, type StepKind } from './step-kind.ts'
import { otherKindProblem } from './service-kind.ts'
import { POLICY_MODEL_REASON, readVaultModel } from './vault-model.ts'

type AssignRole = Extract<Step, { kind: 'assignRole' }>

/**
 * An Azure RBAC role assignment, named deterministically from (scope, principal, role) so a re-run
 * writes the same one; an equal assignment under another name (RoleAssignmentExists) is adopted.
 * One that holds only under an ABAC condition is not the design's grant: the step is manual.
 */
export const assignRole: StepKind<AssignRole> = {
  async preview(step, { gateway, signal, principals, memo }) {
    if (!step.scope || !step.roleDefinitionId)
      return {
        step,
        status: 'cannot',
        reason: 'the target service is not bound to an Azure resource',
      }
    const scope = step.scope
    const vaultId = step.vaultId
    if (vaultId) {
      // A Key Vault data role does nothing on a vault that uses access policies: say so.
      const vault = await memo(`vault|${vaultId}`, () =>
        readVaultModel(gateway, vaultId, { signal }),
      )
      if (vault && !vault.rbac) return { step, status: 'cannot', reason: POLICY_MODEL_REASON }
    }
    const other = await memo(`kind|${scope}`, () => otherKindProblem(gateway, scope, { signal }))
    if (other) return { step, status: 'cannot', reason: other }
    const principal = principals.get(step.principal)
    if (!principal) return withoutPrincipal(step)
    const existing = await memo<LiveRoleAssignment[]>(
      `rbac|${scope}|${principal.principalId}`,
      () => gateway.listRoleAssignments(scope, principal.principalId, { signal }),
    )
    const same = sameGrant(existing, step.roleGuid, scope)
    const match = same.find((a) => !a.condition)
    if (match) return { step, status: 'inPlace', reason: `assignment ${match.name}` }
    // Held only under a condition: less than the design grants, and ARM takes no second one.
    const narrowed = same.find((a) => a.condition)
    if (narrowed) return { step, status: 'manual', reason: narrowerThanDesign(narrowed, step) }
    return { step, status: 'create' }
  },
  async execute(step, { gateway, principals, retry, signal }) {
    const principal = principals.get(step.principal)
    if (!principal) return noPrincipal(step.principal.node)
    const scope = step.scope as string
    const name = roleAssignmentName(scope, principal.principalId, step.roleGuid)
    try {
      const written = await retry(
        () =>
          gateway.createRoleAssignment(
            scope,
            name,
            {
              roleDefinitionId: step.roleDefinitionId as string,
              principalId: principal.principalId,
              principalType: step.principalType,
            },
            { signal },
          ),
        true,
      )
      return {
        outcome: written.created ? 'created' : 'unchanged',
        detail: `assignment ${name}`,
        resourceId: scope,
      }
    } catch (e) {
      if (!isArmFailure(e) || e.code !== 'RoleAssignmentExists') throw e
      // An assignment of the same role to the principal here under another name (made in the
      // portal, say): adopt it when it is equal, not when a condition narrows it.
      const held = await retry(
        () => gateway.listRoleAssignments(scope, principal.principalId, { signal }),
        false,
      )
      const narrowed = sameGrant(held, step.roleGuid, scope).find((a) => a.condition)
      if (narrowed) throw { ...e, advice: narrowerThanDesign(narrowed, step) }
      return {
        outcome: 'unchanged',
        detail: `adopted the existing assignment: ${e.message}`,
        resourceId: scope,
      }
    }
  },
  target: (step) => step.scope,
  needs: (step) =>
    step.scope
      ? [{ action: 'Microsoft.Authorization/roleAssignments/write', scope: step.scope }]
      : [],
}

/** The assignments of the step's role at exactly its scope (ARM keeps at most one). */
function sameGrant(
  held: readonly LiveRoleAssignment[],
  roleGuid: string,
  scope: string,
): LiveRoleAssignment[] {
  return held.filter(
    (a) =>
      roleDefinitionGuidOf(a.roleDefinitionId) === roleGuid &&
      a.scope.toLowerCase() === scope.toLowerCase(),
  )
}

const WHOLE: Readonly<Record<AssignRole['scopeKind'], string>> = {
  resource: 'the whole resource',
  resourceGroup: 'the whole resource group',
  subscription: 'the whole subscription',
}

/**
 * Why an assignment with an ABAC condition is not the design's grant, and what the user does: ARM
 * refuses a second assignment of the same principal, role and scope that differs only by its
 * condition (RoleAssignmentExists), so apply cannot add the unconditional one beside it, and it
 * does not widen someone's condition by itself. The condition is quoted last, as text.
 */
function narrowerThanDesign(a: LiveRoleAssignment, step: AssignRole): string {
  const version = a.conditionVersion ? ` (version ${a.conditionVersion})` : ''
  return `assignment ${a.name} grants this role here only where its condition holds, and the design grants it on ${WHOLE[step.scopeKind]}; ARM allows one assignment per principal, role and scope, so apply cannot add the design's beside it: remove the condition from assignment ${a.name} (or delete that assignment) in the Azure portal, then apply again. Its condition${version}: ${a.condition ?? ''}`
}
