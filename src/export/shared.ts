import { resourceGroupScope, resourceId } from '../plan/arm-ids.ts'
import type { SqlContainedUserAction } from '../plan/types.ts'

/** Audience of Microsoft Entra workload identity federation (AKS workload identity). */
export const FEDERATION_AUDIENCE = 'api://AzureADTokenExchange'

/** The Kubernetes service account an AKS workload's pods run as: `default` namespace, the app's name. */
export function aksSubject(appName: string): string {
  return `system:serviceaccount:default:${appName}`
}

export function sqlOutputName(script: SqlContainedUserAction): string {
  return `sql script ${script.target} ${script.principal.node}`
}

/** `Microsoft.Sql/servers/databases` + `srv/db` → `/providers/Microsoft.Sql/servers/srv/databases/db`. */
export function providerPath(armType: string, name: string): string {
  return resourceId('s', 'g', armType, name).slice(resourceGroupScope('s', 'g').length)
}
