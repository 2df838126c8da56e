import { ASSIGNMENT_NAMESPACE } from '../plan/arm-ids.ts'
import { identityType, type ExportModel } from './model.ts'
import { aksSubject, FEDERATION_AUDIENCE, federatedCredentialName, providerPath } from './shared.ts'
import { inDoubleQuotes, shellWord } from './shell.ts'
import type { SymbolTable } from './symbols.ts'

const HELPERS = `# Creates a role assignment unless an equal one exists (under any name).
assign_role() {
  local count
  count=$(az role assignment list --scope "$4" --role "$3" --fill-principal-name false \\
    --query "[?principalId=='$1'] | length(@)" --output tsv)
  if [ "$count" != "0" ]; then echo "unchanged: $3 for $1 on $4"; return; fi
  local args=(--assignee-object-id "$1" --assignee-principal-type "$2" --role "$3" --scope "$4")
  if [ -n "\${5:-}" ]; then args+=(--name "$5"); fi
  az role assignment create "\${args[@]}" --output none
  echo "created: $3 for $1 on $4"
}

# Creates a Cosmos DB data-plane role assignment on the whole account unless one exists.
assign_cosmos_role() {
  local account group count
  account="\${1##*/}"
  group=$(cut -d/ -f5 <<<"$1")
  count=$(az cosmosdb sql role assignment list --account-name "$account" --resource-group "$group" \\
    --query "[?principalId=='$3' && ends_with(roleDefinitionId, '/$2')] | length(@)" --output tsv)
  if [ "$count" != "0" ]; then echo "unchanged: $2 for $3 on $account"; return; fi
  local args=(--account-name "$account" --resource-group "$group" --role-definition-id "$2" --principal-id "$3" --scope "/")
  if [ -n "\${4:-}" ]; then args+=(--role-assignment-id "$4"); fi
  az cosmosdb sql role assignment create "\${args[@]}" --output none
  echo "created: $2 for $3 on $account"
}

# The name idtopo apply gives an assignment: UUID v5 of "scope|principal|role" in lower case, so
# Bicep, Terraform, this script and apply name it alike (empty where no tool computes it: az picks).
assignment_name() {
  local key
  key=$(printf '%s|%s|%s' "$1" "$2" "$3" | tr '[:upper:]' '[:lower:]')
  if uuidgen --help 2>&1 | grep -q -- --sha1; then
    uuidgen --sha1 --namespace "$ASSIGNMENT_NAMESPACE" --name "$key"
  elif command -v python3 >/dev/null; then
    python3 -c 'import sys, uuid; print(uuid.uuid5(uuid.UUID(sys.argv[1]), sys.argv[2]))' "$ASSIGNMENT_NAMESPACE" "$key"
  fi
}`

/** Shebang, strict mode, where things go, and the idempotent helpers. */
export function azcliHeader(model: ExportModel): string[] {
  const { subscriptionId, resourceGroup, location } = model.context
  return [
    '#!/usr/bin/env bash',
    `# Identity layer of "${model.design.replace(/\n/g, ' ')}", exported by idtopo (Identity Topology Designer).`,
    '# Run it signed in with `az login` as someone who may create identities and role assignments.',
    '# Every step checks first: running it again changes nothing.',
    'set -euo pipefail',
    '',
    `SUBSCRIPTION_ID="\${SUBSCRIPTION_ID:-${subscriptionId ?? '$(az account show --query id --output tsv)'}}"`,
    resourceGroup
      ? `RESOURCE_GROUP="\${RESOURCE_GROUP:-${resourceGroup}}"`
      : 'RESOURCE_GROUP="${RESOURCE_GROUP:?set RESOURCE_GROUP to the resource group of the identities}"',
    `LOCATION="\${LOCATION:-${location ?? '$(az group show --name "$RESOURCE_GROUP" --query location --output tsv)'}}"`,
    'RG_ID="/subscriptions/$SUBSCRIPTION_ID/resourceGroups/$RESOURCE_GROUP"',
    `ASSIGNMENT_NAMESPACE=${ASSIGNMENT_NAMESPACE}`,
    'az account set --subscription "$SUBSCRIPTION_ID"',
    '',
    HELPERS,
  ]
}

/** `az identity create` for new identities, then each app's identities switched on or attached. */
export function identityCommands(model: ExportModel, vars: SymbolTable): string[] {
  const out: string[] = []
  const v = (key: string, text: string): string => vars.name(key, text)
  const usedPrincipal = (type: string, node: string): boolean =>
    [
      ...model.roleAssignments,
      ...model.cosmosAssignments,
      ...model.vaultPolicies,
      ...model.redisAssignments,
    ].some((a) => a.principal.type === type && a.principal.node === node)
  const usedClient = (node: string): boolean =>
    model.apps.some((a) => a.settings.some((s) => s.identity === node))
  if (model.identities.length > 0) out.push('', '# User-assigned identities')
  for (const identity of model.identities) {
    const id = v(`id:${identity.node}`, `${identity.node} id`)
    out.push(
      identity.resourceId
        ? `${id}=${shellWord(identity.resourceId)}`
        : `${id}=$(az identity create --name ${shellWord(identity.name)} --resource-group "$RESOURCE_GROUP" --location "$LOCATION" --query id --output tsv)`,
    )
    if (usedPrincipal('userAssigned', identity.node))
      out.push(
        `${v(`principal:userAssigned:${identity.node}`, `${identity.node} principal id`)}=$(az identity show --ids "$${id}" --query principalId --output tsv)`,
      )
    if (usedClient(identity.node))
      out.push(
        `${v(`client:${identity.node}`, `${identity.node} client id`)}=$(az identity show --ids "$${id}" --query clientId --output tsv)`,
      )
  }
  if (model.apps.length > 0) out.push('', '# App identities')
  for (const app of model.apps) {
    const name = model.names[app.node] ?? app.node
    const users = app.identities.map((i) => `"$${v(`id:${i}`, `${i} id`)}"`)
    if (app.hosting === 'aksWorkload') {
      const issuer = v(`issuer:${app.node}`, `${app.node} oidc issuer`)
      out.push(
        `# ${name} (AKS workload): its pods use the identities through workload identity federation.`,
      )
      out.push(
        `${issuer}="\${${issuer}:?set ${issuer} to the OIDC issuer URL of the cluster (az aks show --query oidcIssuerProfile.issuerUrl -o tsv)}"`,
      )
      for (const i of app.identities)
        out.push(
          `az identity federated-credential create --name ${shellWord(federatedCredentialName(name))} --identity-name ${shellWord(model.names[i] ?? i)} --resource-group "$(cut -d/ -f5 <<<"$${v(`id:${i}`, `${i} id`)}")" --issuer "$${issuer}" --subject ${shellWord(aksSubject(name))} --audiences ${FEDERATION_AUDIENCE} --output none`,
        )
      continue
    }
    const id = v(`id:${app.node}`, `${app.node} id`)
    out.push(
      `${id}=${app.resourceId ? shellWord(app.resourceId) : `"$RG_ID${inDoubleQuotes(providerPath(app.armType, name))}"`}`,
    )
    const system = app.systemAssigned ? ["'[system]'"] : []
    switch (app.hosting) {
      case 'appService':
      case 'functionApp':
      case 'virtualMachine':
      case 'vmScaleSet': {
        const group = {
          appService: 'webapp',
          functionApp: 'functionapp',
          virtualMachine: 'vm',
          vmScaleSet: 'vmss',
        }[app.hosting]
        out.push(
          `az ${group} identity assign --ids "$${id}" --identities ${[...system, ...users].join(' ')} --output none`,
        )
        break
      }
      case 'containerApp':
        out.push(
          `az containerapp identity assign --ids "$${id}"${app.systemAssigned ? ' --system-assigned' : ''}${users.length > 0 ? ` --user-assigned ${users.join(' ')}` : ''} --output none`,
        )
        break
      default: {
        // az resource update reads the resource and PUTs it whole: right for container groups
        // and workflows, whose PATCH ignores identity.
        const entries = app.identities.map((i) => `\\"$${v(`id:${i}`, `${i} id`)}\\":{}`).join(',')
        const type = identityType(app) ?? 'None'
        out.push(
          `az resource update --ids "$${id}" --set "identity={\\"type\\":\\"${type}\\"${users.length > 0 ? `,\\"userAssignedIdentities\\":{${entries}}` : ''}}" --output none`,
        )
      }
    }
    if (usedPrincipal('systemAssigned', app.node))
      out.push(
        `${v(`principal:systemAssigned:${app.node}`, `${app.node} principal id`)}=$(az resource show --ids "$${id}" --query identity.principalId --output tsv)`,
      )
  }
  return out
}

/** Client-ID settings where ARM can set them; elsewhere printed for the operator. */
export function settingCommands(model: ExportModel, vars: SymbolTable): string[] {
  const out: string[] = []
  const apps = model.apps.filter((a) => a.settings.length > 0)
  if (apps.length > 0)
    out.push(
      '',
      '# Client-ID settings (DefaultAzureCredential picks the identity per client with them)',
    )
  for (const app of apps) {
    const pairs = app.settings.map(
      (s) => `"${s.name}=$${vars.name(`client:${s.identity}`, `${s.identity} client id`)}"`,
    )
    const id = `"$${vars.name(`id:${app.node}`, `${app.node} id`)}"`
    switch (app.hosting) {
      case 'appService':
        out.push(
          `az webapp config appsettings set --ids ${id} --settings ${pairs.join(' ')} --output none`,
        )
        break
      case 'functionApp':
        out.push(
          `az functionapp config appsettings set --ids ${id} --settings ${pairs.join(' ')} --output none`,
        )
        break
      case 'containerApp':
        out.push(
          `az containerapp update --ids ${id} --set-env-vars ${pairs.join(' ')} --output none`,
        )
        break
      default:
        out.push(
          `echo "Set in the environment of ${(model.names[app.node] ?? app.node).replace(/["`$\\]/g, '')}:" ${pairs.join(' ')}`,
        )
    }
  }
  return out
}
