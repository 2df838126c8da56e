import { roleAssignmentName, roleDefinitionGuidOf } from '../../plan/arm-ids.ts'
import type { LiveCosmosRoleAssignment } from '../gateway.ts'
import type { Step } from '../steps.ts'
import { noPrincipal, withoutPrincipal, type StepKind } from './step-kind.ts'

type AssignCosmosDataRole = Extract<Step, { kind: 'assignCosmosDataRole' }>

/**
 * A Cosmos DB data-plane role (`sqlRoleAssignments`). The account takes an exclusive lock for each
 * such write and answers a concurrent one `412 PreconditionFailed`, so the writes of one account
 * share a lane (one at a time); other accounts go on in parallel, and a 412 or a lock-type 409 is
 * retried with backoff (retry.ts).
 */
export const assignCosmosDataRole: StepKind<AssignCosmosDataRole> = {
  async preview(step, { gateway, signal, principals, memo }) {
    const account = step.accountId
    if (!account)
      return {
        step,
        status: 'cannot',
        reason: 'the Cosmos DB account is not bound to an Azure resource',
      }
    const principal = principals.get(step.principal)
    if (!principal) return withoutPrincipal(step)
    const existing = await memo<LiveCosmosRoleAssignment[]>(`cosmos|${account}`, () =>
      gateway.listCosmosRoleAssignments(account, { signal }),
    )
    const scope = step.scopePath ? `${account}${step.scopePath}` : account
    const match = existing.find(
      (a) =>
        a.principalId === principal.principalId &&
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
    const account = step.accountId as string
    const scope = step.scopePath ? `${account}${step.scopePath}` : account
    const name = roleAssignmentName(scope, principal.principalId, step.roleGuid)
    const written = await retry(
      () =>
        gateway.createCosmosRoleAssignment(
          account,
          name,
          {
            roleDefinitionId: `${account}/sqlRoleDefinitions/${step.roleGuid}`,
            scope,
            principalId: principal.principalId,
          },
          { signal },
        ),
      true,
    )
    return {
      outcome: written.created ? 'created' : 'unchanged',
      detail: `sqlRoleAssignment ${name}`,
      resourceId: account,
    }
  },
  target: (step) => step.accountId,
  needs: (step) =>
    step.accountId
      ? [
          {
            action: 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments/write',
            scope: step.accountId,
          },
        ]
      : [],
  lane: (step) => (step.accountId ? `cosmos:${step.accountId.toLowerCase()}` : undefined),
}
