import { CLOUD_DATA_PLANES, PUBLIC_CLOUD_NAME, type CloudName } from '../catalog/clouds.ts'
import type { DesignIndex } from '../analysis/design-index.ts'
import { HOSTING } from '../catalog/hosting.ts'
import { SINGLE_IDENTITY_SETTING } from '../plan/app-settings.ts'
import { functionBindingNote } from './function-bindings.ts'
import { keyVaultReferenceNote } from './key-vault-references.ts'
import { registryPullNote } from './registry-pull.ts'
import type { AppGuide, DeveloperGuide } from './types.ts'

/** Where an app's settings go, and the pitfalls of its identity layout, in plain sentences. */
export function appNotes(
  index: DesignIndex,
  app: Omit<AppGuide, 'notes'>,
  cloud: CloudName = PUBLIC_CLOUD_NAME,
): string[] {
  const notes: string[] = []
  if (cloud !== PUBLIC_CLOUD_NAME && app.connections.length > 0)
    notes.push(
      `The endpoints and token audiences in this guide are ${CLOUD_DATA_PLANES[cloud].label}'s; in Azure the managed identity needs no cloud setting.`,
    )
  const hosting = HOSTING[app.hosting]
  const usesSystem = app.credentials.some((c) => c.identity === 'system')
  if (app.connections.length === 0 && app.unresolved.length === 0)
    notes.push('No access edges: this app reaches no service with a managed identity yet.')
  if (app.settings.length > 0) notes.push(settingsPlace(app, hosting.label))
  else if (usesSystem)
    notes.push(
      'Uses its system-assigned identity only: no client-ID setting is needed, since DefaultAzureCredential uses the system-assigned identity when no client ID is given.',
    )
  if (usesSystem && app.settings.length > 0)
    notes.push(
      `Do not set ${SINGLE_IDENTITY_SETTING} on this app: DefaultAzureCredential would then use that user-assigned identity for the clients meant to use the system-assigned one.`,
    )
  if (app.settings.some((s) => s.value === undefined))
    notes.push(
      'Client IDs are known once the identities exist: az identity show --name <identity> --resource-group <group> --query clientId -o tsv.',
    )
  for (const u of app.unresolved)
    notes.push(
      `Access edge ${u.edge} to ${index.node(u.service)?.name ?? u.service} resolves to no identity of this app, so it has no code here: fix it first (see idtopo check).`,
    )
  for (const c of app.connections) {
    if (c.credential.identity !== 'system' && c.credential.setting === undefined)
      notes.push(
        `${c.serviceName} is reached through ${c.credential.label}, which no client-ID setting names: pass its client ID to ${c.credential.workload ? 'WorkloadIdentityClientId' : 'ManagedIdentityClientId'} yourself.`,
      )
    const signIn = tokenSignIn(c)
    if (signIn) notes.push(signIn)
    if (c.serviceKind === 'sql')
      notes.push(
        `${c.serviceName}: the database needs a contained user for the ${c.credential.label} (the plan's SQL script, run by the database's Microsoft Entra admin).`,
      )
    if (c.serviceKind === 'search')
      notes.push(
        `${c.serviceName}: turn on role-based access control for data (API access control "Role-based access control" or "Both"; a new search service takes API keys only, and its data roles then do nothing).`,
      )
    if (c.serviceKind === 'containerRegistry')
      notes.push(registryPullNote(app.hosting, app.name, c))
    const references = keyVaultReferenceNote(app.hosting, app.name, c)
    if (references) notes.push(references)
    const binding = app.hosting === 'functionApp' ? functionBindingNote(c, cloud) : undefined
    if (binding) notes.push(binding)
  }
  return notes
}

/**
 * Services whose clients sign in with the Entra token as a password: what the code signs in as.
 * PostgreSQL and MySQL know the principal by the name the plan's script gave it (its resource
 * name, `connection.databaseUser`); Azure Cache for Redis by its object id, which the client
 * libraries read from the token.
 */
function tokenSignIn(c: AppGuide['connections'][number]): string | undefined {
  switch (c.serviceKind) {
    case 'postgresql':
    case 'mysql':
      return `${c.serviceName}: the code signs in over TLS as the database user "${c.databaseUser ?? ''}" (created by the plan's script, run by the server's Microsoft Entra administrator) with a Microsoft Entra token as its password${c.serviceKind === 'mysql' ? ', which MySQL takes in clear text over TLS (the code allows the clear-text authentication plugin)' : ''}, and takes a fresh token for new connections (a token lasts about an hour); put your database in place of <database>. Locally your az login token signs in only as your own Microsoft Entra user.`
    case 'redis':
      return `${c.serviceName}: the client signs in (AUTH) over TLS on port 6380 with the ${c.credential.label}'s object (principal) id, read from the token, as the user name and the token as the password, and authenticates again with a fresh token before it expires; the cache must have Microsoft Entra authentication on.`
    default:
      return undefined
  }
}

function settingsPlace(app: Omit<AppGuide, 'notes'>, label: string): string {
  switch (app.settingsTarget) {
    case 'appSettings':
      return `Set these as app settings of ${app.name}; applying the plan does it.`
    case 'containerEnv':
      return `Set these as environment variables of ${app.name}'s containers; applying the plan does it.`
    case 'manual':
      return app.hosting === 'aksWorkload'
        ? `AKS workload identity: federate each user-assigned identity with ${app.name}'s Kubernetes service account, annotate the service account with azure.workload.identity/client-id and label the pods azure.workload.identity/use: "true" (the webhook then sets AZURE_CLIENT_ID); put the other settings in the pod's environment. One service account maps to one identity (its client-id annotation): a pod that needs a second identity names it with WorkloadIdentityClientId, as the code below does, and that identity is federated with the same service account. DefaultAzureCredential uses WorkloadIdentityCredential there, which ignores ManagedIdentityClientId.`
        : `A ${label} has no app settings Azure Resource Manager can set: put these variables in the workload's own environment.`
  }
}

/** Local development: DefaultAzureCredential falls through to the developer's Azure CLI sign-in. */
export function developerNotes(
  dev: Omit<DeveloperGuide, 'notes'>,
  cloud: CloudName = PUBLIC_CLOUD_NAME,
): string[] {
  const notes = [
    ...(cloud === PUBLIC_CLOUD_NAME
      ? []
      : [
          `Point the Azure CLI at ${CLOUD_DATA_PLANES[cloud].label} before you sign in (az cloud set --name ${cloud}): the Azure CLI credential then signs in there and asks for that cloud's tokens.`,
        ]),
    'Sign in with az login (and az account set --subscription <id>): locally there is no managed identity, so DefaultAzureCredential falls through to the Azure CLI credential and the code runs with your own roles.',
    'Leave AZURE_CLIENT_ID and the MANAGED_IDENTITY_CLIENT_ID_* variables unset on your machine: the client IDs only mean something inside Azure.',
  ]
  if (dev.principal === 'group')
    notes.push(
      `The roles are granted to the security group ${dev.name}: anyone added to it signs in again (az logout, then az login) so that new tokens carry the membership.`,
    )
  if (dev.access.length === 0)
    notes.push('Holds no roles yet: the code cannot reach any service with this sign-in.')
  else notes.push('New role assignments can take up to 10 minutes to take effect.')
  if (dev.access.some((a) => a.serviceKind === 'cosmosDb'))
    notes.push(
      'Cosmos DB data roles are not Azure RBAC roles: they are sqlRoleAssignments on the account (the plan and the exports create them).',
    )
  if (dev.access.some((a) => a.serviceKind === 'sql'))
    notes.push(
      `SQL databases need a contained user for ${dev.name} (the plan's SQL script); connect with "Authentication=Active Directory Default".`,
    )
  return notes
}
