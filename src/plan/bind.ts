import type { PlanPrincipal } from './types.ts'
import type {
  ArmAssignment,
  AssignCosmosDataRoleAction,
  AssignRoleAction,
  Plan,
  PlanAction,
} from './types.ts'
import { armScope, parseArmId, roleAssignmentName, roleDefinitionResourceId } from './arm-ids.ts'

/** What binding to Azure knows: resource ids of nodes, and principal and client ids of principals. */
export interface PlanBindings {
  resourceIdOf(node: string): string | undefined
  principalIdOf(principal: PlanPrincipal): string | undefined
  clientIdOf?(identityNode: string): string | undefined
}

/**
 * Adds ARM ids to a plan whose nodes are bound: each assignment gets its scope, principal id,
 * role definition id and deterministic name; settings get client ids. Actions whose ids are not
 * known yet (an identity not created, a node not bound) stay as they are.
 */
export function bindPlan(plan: Plan, bindings: PlanBindings): Plan {
  return { ...plan, actions: plan.actions.map((a) => bindAction(a, bindings)) }
}

function bindAction(action: PlanAction, bindings: PlanBindings): PlanAction {
  switch (action.action) {
    case 'assignRole':
    case 'assignCosmosDataRole': {
      const arm = armAssignment(action, bindings)
      return arm ? { ...action, arm } : action
    }
    case 'setAppSettings':
      return {
        ...action,
        settings: action.settings.map((s) => {
          const value = bindings.clientIdOf?.(s.identity)
          return value ? { ...s, value } : s
        }),
      }
    default:
      return action
  }
}

function armAssignment(
  action: AssignRoleAction | AssignCosmosDataRoleAction,
  bindings: PlanBindings,
): ArmAssignment | undefined {
  const target = bindings.resourceIdOf(action.target)
  const principalId = bindings.principalIdOf(action.principal)
  if (!target || !principalId) return undefined
  const parts = parseArmId(target)
  if (!parts) return undefined
  if (action.action === 'assignCosmosDataRole') {
    // Cosmos DB data roles live on the account: role definitions and scopes are account-relative.
    const roleDefinitionId = `${target}/sqlRoleDefinitions/${action.roleDefinitionId}`
    return {
      scope: target,
      principalId,
      roleDefinitionId,
      name: roleAssignmentName(target, principalId, action.roleDefinitionId),
    }
  }
  const scope = armScope(target, action.scope)
  if (!scope) return undefined
  return {
    scope,
    principalId,
    roleDefinitionId: roleDefinitionResourceId(parts.subscriptionId, action.roleDefinitionId),
    name: roleAssignmentName(scope, principalId, action.roleDefinitionId),
  }
}
