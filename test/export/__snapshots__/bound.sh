#!/usr/bin/env bash
# Identity layer of "Bound design", exported by idtopo (Identity Topology Designer).
# Run it signed in with `az login` as someone who may create identities and role assignments.
# Every step checks first: running it again changes nothing.
set -euo pipefail

if [ -z "${SUBSCRIPTION_ID:-}" ]; then SUBSCRIPTION_ID='11111111-1111-1111-1111-111111111111'; fi
az account set --subscription="$SUBSCRIPTION_ID"
if [ -z "${RESOURCE_GROUP:-}" ]; then RESOURCE_GROUP='app-rg'; fi
if [ -z "${LOCATION:-}" ]; then LOCATION='westeurope'; fi
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
if [ "$SUBSCRIPTION_ID" != '11111111-1111-1111-1111-111111111111' ]; then say '  SUBSCRIPTION_ID comes from the environment: the script was exported for 11111111-1111-1111-1111-111111111111'; fi
if [ "$RESOURCE_GROUP" != 'app-rg' ]; then say '  RESOURCE_GROUP comes from the environment: the script was exported for app-rg'; fi
if [ "$LOCATION" != 'westeurope' ]; then say '  LOCATION comes from the environment: the script was exported for westeurope'; fi

# User-assigned identities, each looked up before it is created: az identity create writes
# the whole identity even when it exists (its tags go, another location is refused).
MI_EXISTING_ID='/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/id-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/mi-existing'
MI_EXISTING_PRINCIPAL_ID=$(az identity show --ids="$MI_EXISTING_ID" --query principalId --output tsv)
MI_EXISTING_CLIENT_ID=$(az identity show --ids="$MI_EXISTING_ID" --query clientId --output tsv)
MI_NEW_ID=$(az identity show --name='mi-new' --resource-group="$RESOURCE_GROUP" --query id --output tsv 2>/dev/null || az identity create --name='mi-new' --resource-group="$RESOURCE_GROUP" --location="$LOCATION" --query id --output tsv)
MI_NEW_PRINCIPAL_ID=$(az identity show --ids="$MI_NEW_ID" --query principalId --output tsv)
MI_NEW_CLIENT_ID=$(az identity show --ids="$MI_NEW_ID" --query clientId --output tsv)

# App identities
CONTOSO_WEB_ID='/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/app-rg/providers/Microsoft.Web/sites/contoso-web'
az webapp identity assign --ids="$CONTOSO_WEB_ID" --identities '[system]' "$MI_EXISTING_ID" "$MI_NEW_ID" --output none
CONTOSO_WEB_PRINCIPAL_ID=$(az resource show --ids="$CONTOSO_WEB_ID" --query identity.principalId --output tsv)

# Developers (Microsoft Entra users and groups)
DANA_PRINCIPAL_ID='dddddddd-0000-0000-0000-000000000004'

# Services (existing)
CONTOSOST_ID='/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/app-rg/providers/Microsoft.Storage/storageAccounts/contosost'
KV_OTHER_ID='/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/other-rg/providers/Microsoft.KeyVault/vaults/kv-other'
CONTOSO_COSMOS_ID='/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/app-rg/providers/Microsoft.DocumentDB/databaseAccounts/contoso-cosmos'

# Role assignments: assign_role OBJECT_ID PRINCIPAL_TYPE ROLE SCOPE [NAME]
# Dana (developer) → kv-other: Key Vault Secrets User [resource]
assign_role "$DANA_PRINCIPAL_ID" User 4633458b-17de-408a-b874-0445c86b69e6 "$KV_OTHER_ID" 76ae07dd-7ec7-52ea-a808-f5f5a24ebaf9
# Dana (developer) → contosost: Reader [subscription]
assign_role "$DANA_PRINCIPAL_ID" User acdd72a7-3385-48ef-bd42-f606fba81ae7 '/subscriptions/11111111-1111-1111-1111-111111111111' 2c23f702-fd55-582d-b7ff-c09905691139
# mi-existing (userAssigned) → kv-other: Key Vault Secrets User [resource]
assign_role "$MI_EXISTING_PRINCIPAL_ID" ServicePrincipal 4633458b-17de-408a-b874-0445c86b69e6 "$KV_OTHER_ID" b4f8bbc1-e99f-56f7-a6c5-8dd4a7bf5305
# mi-new (userAssigned) → contosost: Storage Queue Data Reader [resource]
assign_role "$MI_NEW_PRINCIPAL_ID" ServicePrincipal 19e7f393-937e-4f77-808e-94535e297925 "$CONTOSOST_ID" "$(assignment_name "$CONTOSOST_ID" "$MI_NEW_PRINCIPAL_ID" 19e7f393-937e-4f77-808e-94535e297925)"
# contoso-web (systemAssigned) → contosost: Storage Blob Data Reader [resource]
assign_role "$CONTOSO_WEB_PRINCIPAL_ID" ServicePrincipal 2a2b9908-6ea1-4ae2-8e65-a410df84e7d1 "$CONTOSOST_ID" 9f0d6d3c-e79c-58c2-9cd7-e0f9049f18e1

# Cosmos DB data-plane roles: assign_cosmos_role ACCOUNT_ID ROLE PRINCIPAL_ID [NAME]
# mi-existing (userAssigned) → contoso-cosmos: Cosmos DB Built-in Data Reader [resource]
assign_cosmos_role "$CONTOSO_COSMOS_ID" 00000000-0000-0000-0000-000000000001 "$MI_EXISTING_PRINCIPAL_ID" 2dcb9c99-9525-5f7d-a8d7-a6ad23e05839

# Client-ID settings (DefaultAzureCredential picks the identity per client with them)
az webapp config appsettings set --ids "$CONTOSO_WEB_ID" --settings MANAGED_IDENTITY_CLIENT_ID_KEYVAULT="$MI_EXISTING_CLIENT_ID" MANAGED_IDENTITY_CLIENT_ID_COSMOS="$MI_EXISTING_CLIENT_ID" MANAGED_IDENTITY_CLIENT_ID_STORAGE="$MI_NEW_CLIENT_ID" --output none

echo "Done: identity layer of this design is in place."
