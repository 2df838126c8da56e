import { resourceGroupScope, resourceId } from '../plan/arm-ids.ts'
import type {
  AssignCosmosDataRoleAction,
  AssignRoleAction,
  SqlContainedUserAction,
} from '../plan/types.ts'
import type { ExportModel } from './model.ts'

/** Audience of Microsoft Entra workload identity federation (AKS workload identity). */
export const FEDERATION_AUDIENCE = 'api://AzureADTokenExchange'

/** The Kubernetes service account an AKS workload's pods run as: `default` namespace, the app's name. */
export function aksSubject(appName: string): string {
  return `system:serviceaccount:default:${appName}`
}

/** Words for the name of a SQL script's output: the database and the principal, by current names. */
export function sqlOutputName(model: ExportModel, script: SqlContainedUserAction): string {
  const name = (node: string): string => model.names[node] ?? node
  return `sql script ${name(script.target)} ${name(script.principal.node)}`
}

/** `Microsoft.Sql/servers/databases` + `srv/db` → `/providers/Microsoft.Sql/servers/srv/databases/db`. */
export function providerPath(armType: string, name: string): string {
  return resourceId('s', 'g', armType, name).slice(resourceGroupScope('s', 'g').length)
}

/** `receipts-api (systemAssigned) → receiptstore: Storage Blob Data Reader [resource]`, by current names. */
export function assignmentLabel(
  model: ExportModel,
  a: AssignRoleAction | AssignCosmosDataRoleAction,
): string {
  const name = (node: string): string => model.names[node] ?? node
  return `${name(a.principal.node)} (${a.principal.type}) → ${name(a.target)}: ${a.roleName} [${a.scope}]`
}
