import { armScope, resourceGroupScope, resourceId, roleAssignmentName } from '../plan/arm-ids.ts'
import type {
  AssignCosmosDataRoleAction,
  AssignRoleAction,
  DatabaseUserAction,
  PlanPrincipal,
  SqlContainedUserAction,
} from '../plan/types.ts'
import { serviceAccountNameProblem } from '../catalog/workload-identity.ts'
import type { AppOut, ExportModel } from './model.ts'

export {
  aksSubject,
  FEDERATION_AUDIENCE,
  federatedCredentialName,
} from '../catalog/workload-identity.ts'

/**
 * The Kubernetes side of an AKS workload's identities, which no export can write, as lines for a
 * comment: the cluster's features, the service account the federation names (annotated with the
 * first identity's client ID: the webhook's AZURE_CLIENT_ID) and the pods' label; and a warning
 * when the app's name cannot be a service account's.
 */
export function aksWorkloadNotes(model: ExportModel, app: AppOut): string[] {
  const name = model.names[app.node] ?? app.node
  const first = app.identities[0]
  const problem = serviceAccountNameProblem(name)
  return [
    `${name} (AKS workload), on the cluster: the OIDC issuer and workload identity on (az aks update --enable-oidc-issuer --enable-workload-identity);`,
    `a service account named ${name} in namespace default${first ? `, annotated azure.workload.identity/client-id with the client ID of ${model.names[first] ?? first}` : ''};`,
    'its pods labelled azure.workload.identity/use: "true" (the connection guide has the code).',
    ...(problem
      ? [
          `${JSON.stringify(name)} cannot name a service account (${problem}): rename the app as its service account is named.`,
        ]
      : []),
  ]
}

/** Words for the name of a SQL script's output: the database and the principal, by current names. */
export function sqlOutputName(
  model: ExportModel,
  script: SqlContainedUserAction | DatabaseUserAction,
): string {
  const name = (node: string): string => model.names[node] ?? node
  return `sql script ${name(script.target)} ${name(script.principal.node)}`
}

/** The engine a database script runs in, for the comment above it. */
export function scriptEngine(script: SqlContainedUserAction | DatabaseUserAction): string {
  if (script.action === 'sqlContainedUser') return 'SQL'
  return script.engine === 'postgresql' ? 'PostgreSQL' : 'MySQL'
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

/**
 * `receipts-api (systemAssigned) → receiptstore: Storage Blob Data Reader [resource]`, by current
 * names; every service a group- or subscription-wide one was drawn through (`→ st1, st2`).
 */
export function assignmentLabel(
  model: ExportModel,
  a: AssignRoleAction | AssignCosmosDataRoleAction,
): string {
  const also = a.action === 'assignRole' ? model.alsoThrough.get(a) : undefined
  return grantLabel(model, a, `${a.roleName} [${a.scope}]`, also)
}

/** `receipts-api (systemAssigned) → vault: <what>`, by current names (`→ st1, st2` for `also`). */
export function grantLabel(
  model: ExportModel,
  a: { readonly principal: PlanPrincipal; readonly target: string },
  what: string,
  also: readonly string[] = [],
): string {
  const name = (node: string): string => model.names[node] ?? node
  const targets = [a.target, ...also].map(name).join(', ')
  return `${name(a.principal.node)} (${a.principal.type}) → ${targets}: ${what}`
}
