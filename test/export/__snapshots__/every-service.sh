#!/usr/bin/env bash
# Identity layer of "Every service", exported by idtopo (Identity Topology Designer).
# Run it signed in with `az login` as someone who may create identities and role assignments.
# Every step checks first: running it again changes nothing.
set -euo pipefail

if [ -z "${SUBSCRIPTION_ID:-}" ]; then SUBSCRIPTION_ID="$(az account show --query id --output tsv)"; fi
az account set --subscription="$SUBSCRIPTION_ID"
if [ -z "${RESOURCE_GROUP:-}" ]; then printf '%s\n' 'set RESOURCE_GROUP to the resource group of the identities' >&2; exit 1; fi
if [ -z "${LOCATION:-}" ]; then LOCATION="$(az group show --name="$RESOURCE_GROUP" --query location --output tsv)"; fi
RG_ID="/subscriptions/$SUBSCRIPTION_ID/resourceGroups/$RESOURCE_GROUP"
ASSIGNMENT_NAMESPACE=6f1c9d2e-3b57-4c8a-9e0f-5a7d2b4c8e61

# Prints its arguments on one line with every control character shown as idtopo shows it (\r,
# \x1B, <U+202E>), never sent to the terminal: what it prints holds names anyone may give and
# values az returns. C0, DEL and C1 controls, bidi controls, line and paragraph separators and
# invisible format characters (zero-width ones, word joiner, BOM, tags; the zero-width joiner
# too: here it cannot be told from one hidden in a name). Byte by byte in the C locale, UTF-8
# decoded by hand, so the script's locale does not matter.
say() {
  local LC_ALL=C
  local text="$*" out="" char byte cp n k i
  # Printable ASCII only (the usual case): as it is.
  if [[ $text != *[!\ -~]* ]]; then
    printf '%s\n' "$text"
    return
  fi
  for ((i = 0; i < ${#text}; i++)); do
    char=${text:i:1}
    printf -v byte '%d' "'$char"
    if ((byte < 0x20 || byte == 0x7F)); then
      case $char in
        $'\n') char='\n' ;;
        $'\r') char='\r' ;;
        $'\t') char='\t' ;;
        *) printf -v char '\\x%02X' "$byte" ;;
      esac
    elif ((byte >= 0xC2 && byte <= 0xF4)); then
      n=$((byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2))
      cp=$((byte & (0xFF >> (n + 1))))
      for ((k = 1; k < n; k++)); do
        printf -v byte '%d' "'${text:i+k:1}"
        if (((byte & 0xC0) != 0x80)); then cp=-1; break; fi
        cp=$((cp << 6 | (byte & 0x3F)))
      done
      if ((cp >= 0x80 && cp <= 0x9F)); then
        printf -v char '\\x%02X' "$cp"
        i=$((i + n - 1))
      elif ((cp == 0xAD || cp == 0x61C || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB) || (cp >= 0xE0000 && cp <= 0xE007F))); then
        printf -v char '<U+%04X>' "$cp"
        i=$((i + n - 1))
      fi
    fi
    out+=$char
  done
  printf '%s\n' "$out"
}

# Creates a role assignment unless an equal one exists (under any name).
assign_role() {
  local count
  count=$(az role assignment list --scope="$4" --role="$3" --fill-principal-name false \
    --query "[?principalId=='$1'] | length(@)" --output tsv)
  if [ "$count" != "0" ]; then say "unchanged: $3 for $1 on $4"; return; fi
  local args=(--assignee-object-id="$1" --assignee-principal-type="$2" --role="$3" --scope="$4")
  if [ -n "${5:-}" ]; then args+=(--name="$5"); fi
  az role assignment create "${args[@]}" --output none
  say "created: $3 for $1 on $4"
}

# Creates a Cosmos DB data-plane role assignment on the whole account unless one exists.
assign_cosmos_role() {
  local account group subscription count
  account="${1##*/}"
  group=${1#/*/*/*/}
  group=${group%%/*}
  subscription=${1#/*/}
  subscription=${subscription%%/*}
  count=$(az cosmosdb sql role assignment list --account-name="$account" --resource-group="$group" --subscription="$subscription" \
    --query "[?principalId=='$3' && ends_with(roleDefinitionId, '/$2')] | length(@)" --output tsv)
  if [ "$count" != "0" ]; then say "unchanged: $2 for $3 on $account"; return; fi
  local args=(--account-name="$account" --resource-group="$group" --subscription="$subscription" --role-definition-id="$2" --principal-id="$3" --scope "/")
  if [ -n "${4:-}" ]; then args+=(--role-assignment-id="$4"); fi
  az cosmosdb sql role assignment create "${args[@]}" --output none
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
}

# Where the changes go. SUBSCRIPTION_ID, RESOURCE_GROUP and LOCATION set in the environment
# replace the values exported: each one that does is named.
say "Applying to subscription $SUBSCRIPTION_ID, resource group $RESOURCE_GROUP, location $LOCATION"

# User-assigned identities, each looked up before it is created: az identity create writes
# the whole identity even when it exists (its tags go, another location is refused).
MI_CONTOSO_DATA_ID=$(az identity show --name='mi-contoso-data' --resource-group="$RESOURCE_GROUP" --query id --output tsv 2>/dev/null || az identity create --name='mi-contoso-data' --resource-group="$RESOURCE_GROUP" --location="$LOCATION" --query id --output tsv)
MI_CONTOSO_DATA_PRINCIPAL_ID=$(az identity show --ids="$MI_CONTOSO_DATA_ID" --query principalId --output tsv)
MI_CONTOSO_DATA_CLIENT_ID=$(az identity show --ids="$MI_CONTOSO_DATA_ID" --query clientId --output tsv)
MI_CONTOSO_MESSAGING_ID=$(az identity show --name='mi-contoso-messaging' --resource-group="$RESOURCE_GROUP" --query id --output tsv 2>/dev/null || az identity create --name='mi-contoso-messaging' --resource-group="$RESOURCE_GROUP" --location="$LOCATION" --query id --output tsv)
MI_CONTOSO_MESSAGING_PRINCIPAL_ID=$(az identity show --ids="$MI_CONTOSO_MESSAGING_ID" --query principalId --output tsv)
MI_CONTOSO_MESSAGING_CLIENT_ID=$(az identity show --ids="$MI_CONTOSO_MESSAGING_ID" --query clientId --output tsv)

# App identities
CONTOSO_API_ID="$RG_ID"'/providers/Microsoft.Web/sites/contoso-api'
az webapp identity assign --ids="$CONTOSO_API_ID" --identities '[system]' "$MI_CONTOSO_DATA_ID" "$MI_CONTOSO_MESSAGING_ID" --output none
CONTOSO_API_PRINCIPAL_ID=$(az resource show --ids="$CONTOSO_API_ID" --query identity.principalId --output tsv)
CONTOSO_JOBS_ID="$RG_ID"'/providers/Microsoft.App/containerApps/contoso-jobs'
az containerapp identity assign --ids="$CONTOSO_JOBS_ID" --user-assigned "$MI_CONTOSO_MESSAGING_ID" --output none
CONTOSO_VM_ID="$RG_ID"'/providers/Microsoft.Compute/virtualMachines/contoso-vm'
az vm identity assign --ids="$CONTOSO_VM_ID" --identities "$MI_CONTOSO_DATA_ID" --output none
# contoso-aks-app (AKS workload): its pods use the identities through workload identity federation.
# contoso-aks-app (AKS workload), on the cluster: the OIDC issuer and workload identity on (az aks update --enable-oidc-issuer --enable-workload-identity);
# a service account named contoso-aks-app in namespace default, annotated azure.workload.identity/client-id with the client ID of mi-contoso-messaging;
# its pods labelled azure.workload.identity/use: "true" (the connection guide has the code).
if [ -z "${CONTOSO_AKS_APP_OIDC_ISSUER:-}" ]; then printf '%s\n' 'set CONTOSO_AKS_APP_OIDC_ISSUER to the OIDC issuer URL of the cluster running contoso-aks-app (az aks show --query oidcIssuerProfile.issuerUrl -o tsv)' >&2; exit 1; fi
identity_group=${MI_CONTOSO_MESSAGING_ID#/*/*/*/}; identity_group=${identity_group%%/*}
identity_subscription=${MI_CONTOSO_MESSAGING_ID#/*/}; identity_subscription=${identity_subscription%%/*}
az identity federated-credential create --name='contoso-aks-app' --identity-name='mi-contoso-messaging' --resource-group="$identity_group" --subscription="$identity_subscription" --issuer="$CONTOSO_AKS_APP_OIDC_ISSUER" --subject='system:serviceaccount:default:contoso-aks-app' --audiences api://AzureADTokenExchange --output none
CONTOSO_LOGIC_ID="$RG_ID"'/providers/Microsoft.Logic/workflows/contoso-logic'
# contoso-logic: sets its identities to exactly these (one it has that the design lacks is removed; a workflow whose secure parameters are given by value is refused, their values not read back: add the identity in its template then).
az resource update --ids="$CONTOSO_LOGIC_ID" --set "identity={\"type\":\"SystemAssigned\"}" --output none
CONTOSO_LOGIC_PRINCIPAL_ID=$(az resource show --ids="$CONTOSO_LOGIC_ID" --query identity.principalId --output tsv)

# Developers (Microsoft Entra users and groups)
group_id() {
  local ids
  ids=$(az ad group list --filter="$1" --query '[].id' --output tsv)
  if [ -n "$ids" ] && [[ $ids != *$'\n'* ]]; then printf '%s\n' "$ids"; return; fi
  say "$(if [ -z "$ids" ]; then echo No; else echo More than one; fi) Microsoft Entra group is named \"$2\": set $3 to the object id of the group meant, and run it again" >&2
  return 1
}
if [ -z "${CONTOSO_DEVELOPERS_PRINCIPAL_ID:-}" ]; then CONTOSO_DEVELOPERS_PRINCIPAL_ID="$(group_id 'displayName eq '\''Contoso developers'\''' 'Contoso developers' CONTOSO_DEVELOPERS_PRINCIPAL_ID)"; fi
if [ -z "${ANN_EXAMPLE_PRINCIPAL_ID:-}" ]; then printf '%s\n' 'set ANN_EXAMPLE_PRINCIPAL_ID to the object ID of Ann Example (az ad user show --id <user principal name> --query id -o tsv)' >&2; exit 1; fi

# Services (existing)
CONTOSOST_ID="$RG_ID"'/providers/Microsoft.Storage/storageAccounts/contosost'
CONTOSOARCHIVE_ID="$RG_ID"'/providers/Microsoft.Storage/storageAccounts/contosoarchive'
KV_CONTOSO_ID="$RG_ID"'/providers/Microsoft.KeyVault/vaults/kv-contoso'
CONTOSO_BUS_ID="$RG_ID"'/providers/Microsoft.ServiceBus/namespaces/contoso-bus'
CONTOSO_EVENTS_ID="$RG_ID"'/providers/Microsoft.EventHub/namespaces/contoso-events'
CONTOSO_COSMOS_ID="$RG_ID"'/providers/Microsoft.DocumentDB/databaseAccounts/contoso-cosmos'
CONTOSO_CONFIG_ID="$RG_ID"'/providers/Microsoft.AppConfiguration/configurationStores/contoso-config'
CONTOSO_OPENAI_ID="$RG_ID"'/providers/Microsoft.CognitiveServices/accounts/contoso-openai'

# Role assignments: assign_role OBJECT_ID PRINCIPAL_TYPE ROLE SCOPE [NAME]
# Ann Example (developer) → kv-contoso: Key Vault Secrets Officer [resourceGroup]
assign_role "$ANN_EXAMPLE_PRINCIPAL_ID" User b86a8fe4-44ce-4948-aee5-eccb2c155cd7 "$RG_ID" "$(assignment_name "$RG_ID" "$ANN_EXAMPLE_PRINCIPAL_ID" b86a8fe4-44ce-4948-aee5-eccb2c155cd7)"
# contoso-api (systemAssigned) → contoso-config: App Configuration Data Reader [resource]
assign_role "$CONTOSO_API_PRINCIPAL_ID" ServicePrincipal 516239f1-63e1-4d78-a4de-a74fb236a071 "$CONTOSO_CONFIG_ID" "$(assignment_name "$CONTOSO_CONFIG_ID" "$CONTOSO_API_PRINCIPAL_ID" 516239f1-63e1-4d78-a4de-a74fb236a071)"
# contoso-api (systemAssigned) → kv-contoso: Key Vault Crypto User [resource]
assign_role "$CONTOSO_API_PRINCIPAL_ID" ServicePrincipal 12338af0-0e69-4776-bea7-57ae8d297424 "$KV_CONTOSO_ID" "$(assignment_name "$KV_CONTOSO_ID" "$CONTOSO_API_PRINCIPAL_ID" 12338af0-0e69-4776-bea7-57ae8d297424)"
# contoso-api (systemAssigned) → kv-contoso: Key Vault Secrets User [resource]
assign_role "$CONTOSO_API_PRINCIPAL_ID" ServicePrincipal 4633458b-17de-408a-b874-0445c86b69e6 "$KV_CONTOSO_ID" "$(assignment_name "$KV_CONTOSO_ID" "$CONTOSO_API_PRINCIPAL_ID" 4633458b-17de-408a-b874-0445c86b69e6)"
# contoso-api (systemAssigned) → contoso-openai: Cognitive Services OpenAI User [resource]
assign_role "$CONTOSO_API_PRINCIPAL_ID" ServicePrincipal 5e0bd9bd-7b93-4f28-af87-19fc36ad61bd "$CONTOSO_OPENAI_ID" "$(assignment_name "$CONTOSO_OPENAI_ID" "$CONTOSO_API_PRINCIPAL_ID" 5e0bd9bd-7b93-4f28-af87-19fc36ad61bd)"
# Contoso developers (developer) → contosost: Storage Blob Data Contributor [resource]
assign_role "$CONTOSO_DEVELOPERS_PRINCIPAL_ID" Group ba92f5b4-2d11-453d-a403-e96b0029c9fe "$CONTOSOST_ID" "$(assignment_name "$CONTOSOST_ID" "$CONTOSO_DEVELOPERS_PRINCIPAL_ID" ba92f5b4-2d11-453d-a403-e96b0029c9fe)"
# contoso-logic (systemAssigned) → contoso-bus: Azure Service Bus Data Sender [resource]
assign_role "$CONTOSO_LOGIC_PRINCIPAL_ID" ServicePrincipal 69a216fc-b8fb-44d8-bc22-1f3c2cd27a39 "$CONTOSO_BUS_ID" "$(assignment_name "$CONTOSO_BUS_ID" "$CONTOSO_LOGIC_PRINCIPAL_ID" 69a216fc-b8fb-44d8-bc22-1f3c2cd27a39)"
# mi-contoso-data (userAssigned) → contosost: Storage Blob Data Contributor [resource]
assign_role "$MI_CONTOSO_DATA_PRINCIPAL_ID" ServicePrincipal ba92f5b4-2d11-453d-a403-e96b0029c9fe "$CONTOSOST_ID" "$(assignment_name "$CONTOSOST_ID" "$MI_CONTOSO_DATA_PRINCIPAL_ID" ba92f5b4-2d11-453d-a403-e96b0029c9fe)"
# mi-contoso-data (userAssigned) → contosost: Storage Blob Data Reader [resource]
assign_role "$MI_CONTOSO_DATA_PRINCIPAL_ID" ServicePrincipal 2a2b9908-6ea1-4ae2-8e65-a410df84e7d1 "$CONTOSOST_ID" "$(assignment_name "$CONTOSOST_ID" "$MI_CONTOSO_DATA_PRINCIPAL_ID" 2a2b9908-6ea1-4ae2-8e65-a410df84e7d1)"
# mi-contoso-data (userAssigned) → contosost: Storage Queue Data Contributor [resource]
assign_role "$MI_CONTOSO_DATA_PRINCIPAL_ID" ServicePrincipal 974c5e8b-45b9-4653-ba55-5f855dd0fb88 "$CONTOSOST_ID" "$(assignment_name "$CONTOSOST_ID" "$MI_CONTOSO_DATA_PRINCIPAL_ID" 974c5e8b-45b9-4653-ba55-5f855dd0fb88)"
# mi-contoso-data (userAssigned) → contosoarchive: Storage Blob Data Reader [resource]
assign_role "$MI_CONTOSO_DATA_PRINCIPAL_ID" ServicePrincipal 2a2b9908-6ea1-4ae2-8e65-a410df84e7d1 "$CONTOSOARCHIVE_ID" "$(assignment_name "$CONTOSOARCHIVE_ID" "$MI_CONTOSO_DATA_PRINCIPAL_ID" 2a2b9908-6ea1-4ae2-8e65-a410df84e7d1)"
# mi-contoso-data (userAssigned) → contosoarchive: Storage Table Data Reader [resource]
assign_role "$MI_CONTOSO_DATA_PRINCIPAL_ID" ServicePrincipal 76199698-9eea-4c19-bc75-cec21354c6b6 "$CONTOSOARCHIVE_ID" "$(assignment_name "$CONTOSOARCHIVE_ID" "$MI_CONTOSO_DATA_PRINCIPAL_ID" 76199698-9eea-4c19-bc75-cec21354c6b6)"
# mi-contoso-messaging (userAssigned) → contoso-events: Azure Event Hubs Data Receiver [resource]
assign_role "$MI_CONTOSO_MESSAGING_PRINCIPAL_ID" ServicePrincipal a638d3c7-ab3a-418d-83e6-5f17a39d4fde "$CONTOSO_EVENTS_ID" "$(assignment_name "$CONTOSO_EVENTS_ID" "$MI_CONTOSO_MESSAGING_PRINCIPAL_ID" a638d3c7-ab3a-418d-83e6-5f17a39d4fde)"
# mi-contoso-messaging (userAssigned) → contoso-events: Azure Event Hubs Data Sender [resource]
assign_role "$MI_CONTOSO_MESSAGING_PRINCIPAL_ID" ServicePrincipal 2b629674-e913-4c01-ae53-ef4638d8f975 "$CONTOSO_EVENTS_ID" "$(assignment_name "$CONTOSO_EVENTS_ID" "$MI_CONTOSO_MESSAGING_PRINCIPAL_ID" 2b629674-e913-4c01-ae53-ef4638d8f975)"
# mi-contoso-messaging (userAssigned) → contoso-bus: Azure Service Bus Data Receiver [resource]
assign_role "$MI_CONTOSO_MESSAGING_PRINCIPAL_ID" ServicePrincipal 4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0 "$CONTOSO_BUS_ID" "$(assignment_name "$CONTOSO_BUS_ID" "$MI_CONTOSO_MESSAGING_PRINCIPAL_ID" 4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0)"
# mi-contoso-messaging (userAssigned) → contoso-bus: Azure Service Bus Data Sender [resource]
assign_role "$MI_CONTOSO_MESSAGING_PRINCIPAL_ID" ServicePrincipal 69a216fc-b8fb-44d8-bc22-1f3c2cd27a39 "$CONTOSO_BUS_ID" "$(assignment_name "$CONTOSO_BUS_ID" "$MI_CONTOSO_MESSAGING_PRINCIPAL_ID" 69a216fc-b8fb-44d8-bc22-1f3c2cd27a39)"

# Cosmos DB data-plane roles: assign_cosmos_role ACCOUNT_ID ROLE PRINCIPAL_ID [NAME]
# Contoso developers (developer) → contoso-cosmos: Cosmos DB Built-in Data Reader [resource]
assign_cosmos_role "$CONTOSO_COSMOS_ID" 00000000-0000-0000-0000-000000000001 "$CONTOSO_DEVELOPERS_PRINCIPAL_ID" "$(assignment_name "$CONTOSO_COSMOS_ID" "$CONTOSO_DEVELOPERS_PRINCIPAL_ID" 00000000-0000-0000-0000-000000000001)"
# mi-contoso-data (userAssigned) → contoso-cosmos: Cosmos DB Built-in Data Contributor [resource]
assign_cosmos_role "$CONTOSO_COSMOS_ID" 00000000-0000-0000-0000-000000000002 "$MI_CONTOSO_DATA_PRINCIPAL_ID" "$(assignment_name "$CONTOSO_COSMOS_ID" "$MI_CONTOSO_DATA_PRINCIPAL_ID" 00000000-0000-0000-0000-000000000002)"

# Client-ID settings (DefaultAzureCredential picks the identity per client with them)
az webapp config appsettings set --ids "$CONTOSO_API_ID" --settings MANAGED_IDENTITY_CLIENT_ID_STORAGE_CONTOSOST="$MI_CONTOSO_DATA_CLIENT_ID" MANAGED_IDENTITY_CLIENT_ID_STORAGE_CONTOSOARCHIVE="$MI_CONTOSO_DATA_CLIENT_ID" MANAGED_IDENTITY_CLIENT_ID_COSMOS="$MI_CONTOSO_DATA_CLIENT_ID" MANAGED_IDENTITY_CLIENT_ID_SQL="$MI_CONTOSO_DATA_CLIENT_ID" MANAGED_IDENTITY_CLIENT_ID_SERVICEBUS="$MI_CONTOSO_MESSAGING_CLIENT_ID" --output none
az containerapp show --ids "$CONTOSO_JOBS_ID" --query 'properties.template.containers[].name' --output tsv |
  while IFS= read -r container; do
    az containerapp update --ids "$CONTOSO_JOBS_ID" --container-name "$container" --set-env-vars AZURE_CLIENT_ID="$MI_CONTOSO_MESSAGING_CLIENT_ID" --output none </dev/null
  done
say 'Set in the environment of contoso-vm:' AZURE_CLIENT_ID="$MI_CONTOSO_DATA_CLIENT_ID"
say 'Set in the environment of contoso-aks-app:' AZURE_CLIENT_ID="$MI_CONTOSO_MESSAGING_CLIENT_ID"

# SQL: run in database contoso-sql/orders as its Microsoft Entra admin (sqlcmd or the portal's query editor):
#   -- If CREATE USER fails with Msg 33131 (another principal has this name),
#   -- add WITH OBJECT_ID = '<its object id>' to it and a suffix to the name.
#   IF DATABASE_PRINCIPAL_ID(N'Contoso developers') IS NULL
#       CREATE USER [Contoso developers] FROM EXTERNAL PROVIDER;
#   ALTER ROLE [db_datareader] ADD MEMBER [Contoso developers];

# SQL: run in database contoso-sql/orders as its Microsoft Entra admin (sqlcmd or the portal's query editor):
#   -- If CREATE USER fails with Msg 33131 (another principal has this name),
#   -- add WITH OBJECT_ID = '<its object id>' to it and a suffix to the name.
#   IF DATABASE_PRINCIPAL_ID(N'contoso-logic') IS NULL
#       CREATE USER [contoso-logic] FROM EXTERNAL PROVIDER;
#   ALTER ROLE [db_datawriter] ADD MEMBER [contoso-logic];

# SQL: run in database contoso-sql/orders as its Microsoft Entra admin (sqlcmd or the portal's query editor):
#   -- If CREATE USER fails with Msg 33131 (another principal has this name),
#   -- add WITH OBJECT_ID = '<its object id>' to it and a suffix to the name.
#   IF DATABASE_PRINCIPAL_ID(N'mi-contoso-data') IS NULL
#       CREATE USER [mi-contoso-data] FROM EXTERNAL PROVIDER;
#   ALTER ROLE [db_datareader] ADD MEMBER [mi-contoso-data];

echo "Done: identity layer of this design is in place."
