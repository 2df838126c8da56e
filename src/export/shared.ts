import { armScope, resourceGroupScope, resourceId, roleAssignmentName } from '../plan/arm-ids.ts'
import type {
  AssignCosmosDataRoleAction,
  AssignRoleAction,
  DatabaseUserAction,
  SqlContainedUserAction,
} from '../plan/types.ts'
import type { ExportModel } from './model.ts'

export {
  aksSubject,
  FEDERATION_AUDIENCE,
  federatedCredentialName,
} from '../catalog/workload-identity.ts'

export function sqlOutputName(script: SqlContainedUserAction | DatabaseUserAction): string {
  return `sql script ${script.target} ${script.principal.node}`
}

/** The id of a service node: bound, else built from the export's subscription and group. */
export function serviceIdOf(model: ExportModel, node: string): string | undefined {
  const service = model.services.find((s) => s.node === node)
  if (!service) return undefined
  if (service.resourceId) return service.resourceId
  const { subscriptionId, resourceGroup } = model.context
  return subscriptionId && resourceGroup
    ? resourceId(subscriptionId, resourceGroup, service.armType, service.name)
    : undefined
}

/**
 * The assignment's name as `idtopo apply` writes it (uuidv5 over scope, principal id and role),
 * when the export knows the principal id and the scope: then Bicep, Terraform, the CLI script and
 * apply all name it the same. Undefined otherwise (a principal made by the same deployment).
 */
export function knownAssignmentName(
  model: ExportModel,
  a: AssignRoleAction | AssignCosmosDataRoleAction,
  principalId: string | undefined,
): string | undefined {
  if (a.arm) return a.arm.name
  const target = serviceIdOf(model, a.target)
  if (!principalId || !target) return undefined
  const scope = a.action === 'assignRole' ? armScope(target, a.scope) : target
  return scope ? roleAssignmentName(scope, principalId, a.roleDefinitionId) : undefined
}

/** `Microsoft.Sql/servers/databases` + `srv/db` → `/providers/Microsoft.Sql/servers/srv/databases/db`. */
export function providerPath(armType: string, name: string): string {
  return resourceId('s', 'g', armType, name).slice(resourceGroupScope('s', 'g').length)
}
