import { roleAssignmentName, roleDefinitionGuidOf } from '../../plan/arm-ids.ts'
import { isArmFailure } from '../failure.ts'
import type { LiveRoleAssignment } from '../gateway.ts'
import type { Step } from '../steps.ts'
import { noPrincipal, withoutPrincipal, type StepKind } from './step-kind.ts'
import { POLICY_MODEL_REASON, readVaultModel } from './vault-model.ts'

type AssignRole = Extract<Step, { kind: 'assignRole' }>

/**
 * An Azure RBAC role assignment, named deterministically from (scope, principal, role) so a re-run
 * writes the same one; an equal assignment under another name (RoleAssignmentExists) is adopted.
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
    const principal = principals.get(step.principal)
    if (!principal) return withoutPrincipal(step)
    const existing = await memo<LiveRoleAssignment[]>(
      `rbac|${scope}|${principal.principalId}`,
      () => gateway.listRoleAssignments(scope, principal.principalId, { signal }),
    )
    const match = existing.find(
      (a) =>
        roleDefinitionGuidOf(a.roleDefinitionId) === step.roleGuid &&
        a.scope.toLowerCase() === scope.toLowerCase(),
    )
    return match
      ? { step, status: 'inPlace', reason: `assignment ${match.name}` }
      : { step, status: 'create' }
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
      // An equal assignment under another name (made in the portal, say): adopt it.
      if (isArmFailure(e) && e.code === 'RoleAssignmentExists')
        return {
          outcome: 'unchanged',
          detail: `adopted the existing assignment: ${e.message}`,
          resourceId: scope,
        }
      throw e
    }
  },
  target: (step) => step.scope,
  needs: (step) =>
    step.scope
      ? [{ action: 'Microsoft.Authorization/roleAssignments/write', scope: step.scope }]
      : [],
}
