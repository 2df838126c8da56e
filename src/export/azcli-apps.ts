import { CLOUD_DATA_PLANES, type CloudName } from '../catalog/clouds.ts'
import {
  shellArg,
  shellComment,
  shellDefault,
  shellRequired,
  shellStopIf,
  shellWord,
} from '../lib/encode/shell.ts'
import { terminalText } from '../lib/encode/terminal.ts'
import { ASSIGNMENT_NAMESPACE, parseArmId } from '../plan/arm-ids.ts'
import { identityType, type AppOut, type ExportModel } from './model.ts'
import {
  aksSubject,
  aksWorkloadNotes,
  FEDERATION_AUDIENCE,
  federatedCredentialName,
  providerPath,
} from './shared.ts'
import { idVariable, resourceGroupOf, subscriptionOf } from './shell.ts'
import type { SymbolTable } from './symbols.ts'

const HELPERS = `# Prints its arguments on one line with every control character shown as idtopo shows it (\\r,
# \\x1B, <U+202E>), never sent to the terminal: what it prints holds names anyone may give and
# values az returns. C0, DEL and C1 controls, bidi controls, line and paragraph separators and
# invisible format characters (zero-width ones, word joiner, BOM, tags; the zero-width joiner
# too: here it cannot be told from one hidden in a name). Byte by byte in the C locale, UTF-8
# decoded by hand, so the script's locale does not matter.
say() {
  local LC_ALL=C
  local text="$*" out="" char byte cp n k i
  # Printable ASCII only (the usual case): as it is.
  if [[ $text != *[!\\ -~]* ]]; then
    printf '%s\\n' "$text"
    return
  fi
  for ((i = 0; i < \${#text}; i++)); do
    char=\${text:i:1}
    printf -v byte '%d' "'$char"
    if ((byte < 0x20 || byte == 0x7F)); then
      case $char in
        $'\\n') char='\\n' ;;
        $'\\r') char='\\r' ;;
        $'\\t') char='\\t' ;;
        *) printf -v char '\\\\x%02X' "$byte" ;;
      esac
    elif ((byte >= 0xC2 && byte <= 0xF4)); then
      n=$((byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2))
      cp=$((byte & (0xFF >> (n + 1))))
      for ((k = 1; k < n; k++)); do
        printf -v byte '%d' "'\${text:i+k:1}"
        if (((byte & 0xC0) != 0x80)); then cp=-1; break; fi
        cp=$((cp << 6 | (byte & 0x3F)))
      done
      if ((cp >= 0x80 && cp <= 0x9F)); then
        printf -v char '\\\\x%02X' "$cp"
        i=$((i + n - 1))
      elif ((cp == 0xAD || cp == 0x61C || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB) || (cp >= 0xE0000 && cp <= 0xE007F))); then
        printf -v char '<U+%04X>' "$cp"
        i=$((i + n - 1))
      fi
    fi
    out+=$char
  done
  printf '%s\\n' "$out"
}

# Creates a role assignment unless an equal one exists (under any name).
assign_role() {
  local count
  count=$(az role assignment list --scope="$4" --role="$3" --fill-principal-name false \\
    --query "[?principalId=='$1'] | length(@)" --output tsv)
  if [ "$count" != "0" ]; then say "unchanged: $3 for $1 on $4"; return; fi
  local args=(--assignee-object-id="$1" --assignee-principal-type="$2" --role="$3" --scope="$4")
  if [ -n "\${5:-}" ]; then args+=(--name="$5"); fi
  az role assignment create "\${args[@]}" --output none
  say "created: $3 for $1 on $4"
}

# Creates a Cosmos DB data-plane role assignment on the whole account unless one exists.
assign_cosmos_role() {
  local account group subscription count
  account="\${1##*/}"
  group=\${1#/*/*/*/}
  group=\${group%%/*}
  subscription=\${1#/*/}
  subscription=\${subscription%%/*}
  count=$(az cosmosdb sql role assignment list --account-name="$account" --resource-group="$group" --subscription="$subscription" \\
    --query "[?principalId=='$3' && ends_with(roleDefinitionId, '/$2')] | length(@)" --output tsv)
  if [ "$count" != "0" ]; then say "unchanged: $2 for $3 on $account"; return; fi
  local args=(--account-name="$account" --resource-group="$group" --subscription="$subscription" --role-definition-id="$2" --principal-id="$3" --scope "/")
  if [ -n "\${4:-}" ]; then args+=(--role-assignment-id="$4"); fi
  az cosmosdb sql role assignment create "\${args[@]}" --output none
  say "created: $2 for $3 on $account"
}

# The name idtopo apply gives an assignment: UUID v5 of "scope|principal|role" in lower case, so
# Bicep, Terraform, this script and apply name it alike (empty where no tool computes it: az picks).
assignment_name() {
  local key
  key=$(printf '%s|%s|%s' "$1" "$2" "$3")
  # Python lower-cases every letter as apply does (a group name may hold non-ASCII ones); tr,
  # for uuidgen, only ASCII.
  if command -v python3 >/dev/null; then
    python3 -c 'import sys, uuid; print(uuid.uuid5(uuid.UUID(sys.argv[1]), sys.argv[2].lower()))' "$ASSIGNMENT_NAMESPACE" "$key"
  elif uuidgen --help 2>&1 | grep -q -- --sha1; then
    uuidgen --sha1 --namespace "$ASSIGNMENT_NAMESPACE" --name "$(printf '%s' "$key" | tr '[:upper:]' '[:lower:]')"
  fi
}`

/**
 * Stops before any change unless az points at the cloud the script was exported for: in another
 * cloud its subscription is not found, or worse, a same-named group is.
 */
function cloudCheck(cloud: CloudName): string {
  return shellStopIf(
    `"$(az cloud show --query name --output tsv)" != ${shellWord(cloud)}`,
    `this script is for ${CLOUD_DATA_PLANES[cloud].label}: run az cloud set --name ${cloud}, then az login, and run it again`,
  )
}

/** Shebang, strict mode, where things go (environment first), and the idempotent helpers. */
export function azcliHeader(
  model: ExportModel,
  needs: { readonly location: boolean; readonly rgId: boolean },
): string[] {
  const { subscriptionId, resourceGroup, location } = model.context
  return [
    '#!/usr/bin/env bash',
    shellComment(
      `Identity layer of "${model.design}", exported by idtopo (Identity Topology Designer).`,
    ),
    '# Run it signed in with `az login` as someone who may create identities and role assignments.',
    '# Every step checks first: running it again changes nothing.',
    'set -euo pipefail',
    '',
    ...(model.cloud ? [cloudCheck(model.cloud)] : []),
    shellDefault(
      'SUBSCRIPTION_ID',
      subscriptionId ? shellWord(subscriptionId) : '"$(az account show --query id --output tsv)"',
    ),
    // Before anything reads: the group's location below is looked up in this subscription.
    'az account set --subscription="$SUBSCRIPTION_ID"',
    resourceGroup
      ? shellDefault('RESOURCE_GROUP', shellWord(resourceGroup))
      : shellRequired(
          'RESOURCE_GROUP',
          'set RESOURCE_GROUP to the resource group of the identities',
        ),
    ...(needs.location
      ? [
          shellDefault(
            'LOCATION',
            location
              ? shellWord(location)
              : '"$(az group show --name="$RESOURCE_GROUP" --query location --output tsv)"',
          ),
        ]
      : []),
    ...(needs.rgId
      ? ['RG_ID="/subscriptions/$SUBSCRIPTION_ID/resourceGroups/$RESOURCE_GROUP"']
      : []),
    `ASSIGNMENT_NAMESPACE=${shellArg(ASSIGNMENT_NAMESPACE)}`,
    '',
    HELPERS,
    '',
    ...targetLines(model.context, needs.location),
  ]
}

/**
 * Says where the changes go before the first one, and which exported value the environment
 * replaced: SUBSCRIPTION_ID, RESOURCE_GROUP and LOCATION are common CI variable names, and one
 * left set by an earlier step would send the changes elsewhere without a word.
 */
function targetLines(context: ExportModel['context'], location: boolean): string[] {
  const exported: [string, string | undefined][] = [
    ['SUBSCRIPTION_ID', context.subscriptionId],
    ['RESOURCE_GROUP', context.resourceGroup],
    ...(location ? [['LOCATION', context.location] as [string, string | undefined]] : []),
  ]
  return [
    '# Where the changes go. SUBSCRIPTION_ID, RESOURCE_GROUP and LOCATION set in the environment',
    '# replace the values exported: each one that does is named.',
    `say "Applying to subscription $SUBSCRIPTION_ID, resource group $RESOURCE_GROUP${location ? ', location $LOCATION' : ''}"`,
    ...exported.flatMap(([name, value]) =>
      value
        ? [
            `if [ "$${name}" != ${shellWord(value)} ]; then say ${shellWord(`  ${name} comes from the environment: the script was exported for ${value}`)}; fi`,
          ]
        : [],
    ),
  ]
}

/** What `az resource update` (read, then write the whole resource back) costs, by hosting. */
const WRITE_BACK_CAVEAT: Partial<Record<AppOut['hosting'], string>> = {
  containerInstance:
    '; the container group restarts, and loses the secrets its read leaves out: secure variables, registry passwords, Azure Files keys. If it has any, add the identity where it is deployed instead',
  logicApp:
    '; a workflow whose secure parameters are given by value is refused, their values not read back: add the identity in its template then',
}

/** `az identity create` for new identities, then each app's identities switched on or attached. */
export function identityCommands(model: ExportModel, vars: SymbolTable): string[] {
  const out: string[] = []
  const id = (node: string): string => idVariable(vars, model, node)
  const azureName = (node: string): string => {
    const identity = model.identities.find((i) => i.node === node)
    const bound = identity?.resourceId ? parseArmId(identity.resourceId)?.name : undefined
    return bound ?? model.names[node] ?? node
  }
  const usedPrincipal = (type: string, node: string): boolean =>
    [
      ...model.roleAssignments,
      ...model.cosmosAssignments,
      ...model.vaultPolicies,
      ...model.redisAssignments,
    ].some((a) => a.principal.type === type && a.principal.node === node)
  const usedClient = (node: string): boolean =>
    model.apps.some((a) => a.settings.some((s) => s.identity === node))
  if (model.identities.length > 0)
    out.push(
      '',
      '# User-assigned identities, each looked up before it is created: az identity create writes',
      '# the whole identity even when it exists (its tags go, another location is refused).',
    )
  for (const identity of model.identities) {
    const variable = id(identity.node)
    const named = `--name=${shellWord(identity.name)} --resource-group="$RESOURCE_GROUP"`
    out.push(
      identity.resourceId
        ? `${variable}=${shellWord(identity.resourceId)}`
        : `${variable}=$(az identity show ${named} --query id --output tsv 2>/dev/null || az identity create ${named} --location="$LOCATION" --query id --output tsv)`,
    )
    if (usedPrincipal('userAssigned', identity.node))
      out.push(
        `${vars.name(`principal:userAssigned:${identity.node}`, `${identity.name} principal id`)}=$(az identity show --ids="$${variable}" --query principalId --output tsv)`,
      )
    if (usedClient(identity.node))
      out.push(
        `${vars.name(`client:${identity.node}`, `${identity.name} client id`)}=$(az identity show --ids="$${variable}" --query clientId --output tsv)`,
      )
  }
  if (model.apps.length > 0) out.push('', '# App identities')
  for (const app of model.apps) {
    const users = app.identities.map((i) => `"$${id(i)}"`)
    if (app.hosting === 'aksWorkload') {
      const issuer = vars.name(`issuer:${app.node}`, `${app.name} oidc issuer`)
      out.push(
        shellComment(
          `${app.name} (AKS workload): its pods use the identities through workload identity federation.`,
        ),
        ...aksWorkloadNotes(model, app).map(shellComment),
        shellRequired(
          issuer,
          `set ${issuer} to the OIDC issuer URL of the cluster running ${terminalText(app.name)} (az aks show --query oidcIssuerProfile.issuerUrl -o tsv)`,
        ),
      )
      // Pods use workload identity, not a system-assigned identity: one granted anyway
      // (hosting-identity-unsupported) can only come from the operator.
      if (usedPrincipal('systemAssigned', app.node)) {
        const principal = vars.name(
          `principal:systemAssigned:${app.node}`,
          `${app.name} principal id`,
        )
        out.push(
          shellRequired(
            principal,
            `set ${principal} to the object ID of the system-assigned identity of ${terminalText(app.name)} (AKS pods use workload identity: see idtopo check)`,
          ),
        )
      }
      for (const i of app.identities)
        out.push(
          resourceGroupOf('identity_group', id(i)),
          subscriptionOf('identity_subscription', id(i)),
          // Group and subscription from the identity's id, and a bound one's name: they may
          // differ from the deployment's and from its node's name.
          `az identity federated-credential create --name=${shellWord(federatedCredentialName(app.name))} --identity-name=${shellWord(azureName(i))} --resource-group="$identity_group" --subscription="$identity_subscription" --issuer="$${issuer}" --subject=${shellWord(aksSubject(app.name))} --audiences ${FEDERATION_AUDIENCE} --output none`,
        )
      continue
    }
    const variable = id(app.node)
    out.push(
      `${variable}=${app.resourceId ? shellWord(app.resourceId) : `"$RG_ID"${shellWord(providerPath(app.armType, app.name))}`}`,
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
          `az ${group} identity assign --ids="$${variable}" --identities ${[...system, ...users].join(' ')} --output none`,
        )
        break
      }
      case 'containerApp':
        out.push(
          `az containerapp identity assign --ids="$${variable}"${app.systemAssigned ? ' --system-assigned' : ''}${users.length > 0 ? ` --user-assigned ${users.join(' ')}` : ''} --output none`,
        )
        break
      default: {
        // az resource update reads the resource and PUTs it whole: right for container groups
        // and workflows, whose PATCH ignores identity. The identity JSON is built from ids this
        // script holds (az's output or bound ids).
        const entries = app.identities.map((i) => `\\"$${id(i)}\\":{}`).join(',')
        const type = identityType(app) ?? 'None'
        out.push(
          shellComment(
            `${app.name}: sets its identities to exactly these (one it has that the design lacks is removed${WRITE_BACK_CAVEAT[app.hosting] ?? ''}).`,
          ),
        )
        out.push(
          `az resource update --ids="$${variable}" --set "identity={\\"type\\":\\"${type}\\"${users.length > 0 ? `,\\"userAssignedIdentities\\":{${entries}}` : ''}}" --output none`,
        )
      }
    }
    if (usedPrincipal('systemAssigned', app.node))
      out.push(
        `${vars.name(`principal:systemAssigned:${app.node}`, `${app.name} principal id`)}=$(az resource show --ids="$${variable}" --query identity.principalId --output tsv)`,
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
      (s) =>
        `${shellArg(`${s.name}=`)}"$${vars.name(`client:${s.identity}`, `${model.names[s.identity] ?? s.identity} client id`)}"`,
    )
    const id = `"$${idVariable(vars, model, app.node)}"`
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
        // In every container, as apply sets them: without --container-name, az refuses an app
        // with more than one (a sidecar) ("--container-name is required").
        out.push(
          `az containerapp show --ids ${id} --query 'properties.template.containers[].name' --output tsv |`,
          '  while IFS= read -r container; do',
          `    az containerapp update --ids ${id} --container-name "$container" --set-env-vars ${pairs.join(' ')} --output none </dev/null`,
          '  done',
        )
        break
      default:
        out.push(
          `say ${shellWord(`Set in the environment of ${terminalText(app.name)}:`)} ${pairs.join(' ')}`,
        )
    }
  }
  return out
}
