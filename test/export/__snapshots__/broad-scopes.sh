#!/usr/bin/env bash
# Identity layer of "Broad scopes", exported by idtopo (Identity Topology Designer).
# Run it signed in with `az login` as someone who may create identities and role assignments.
# Every step checks first: running it again changes nothing.
set -euo pipefail

if [ -z "${SUBSCRIPTION_ID:-}" ]; then SUBSCRIPTION_ID='22222222-2222-2222-2222-222222222222'; fi
az account set --subscription="$SUBSCRIPTION_ID"
if [ -z "${RESOURCE_GROUP:-}" ]; then RESOURCE_GROUP='kv-rg'; fi
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
if [ "$SUBSCRIPTION_ID" != '22222222-2222-2222-2222-222222222222' ]; then say '  SUBSCRIPTION_ID comes from the environment: the script was exported for 22222222-2222-2222-2222-222222222222'; fi
if [ "$RESOURCE_GROUP" != 'kv-rg' ]; then say '  RESOURCE_GROUP comes from the environment: the script was exported for kv-rg'; fi

# User-assigned identities, each looked up before it is created: az identity create writes
# the whole identity even when it exists (its tags go, another location is refused).
MI_ORDERS_ID=$(az identity show --name='mi-orders' --resource-group="$RESOURCE_GROUP" --query id --output tsv 2>/dev/null || az identity create --name='mi-orders' --resource-group="$RESOURCE_GROUP" --location="$LOCATION" --query id --output tsv)
MI_ORDERS_PRINCIPAL_ID=$(az identity show --ids="$MI_ORDERS_ID" --query principalId --output tsv)
MI_ORDERS_CLIENT_ID=$(az identity show --ids="$MI_ORDERS_ID" --query clientId --output tsv)

# App identities
ORDERS_WEB_ID="$RG_ID"'/providers/Microsoft.Web/sites/orders-web'
az webapp identity assign --ids="$ORDERS_WEB_ID" --identities '[system]' "$MI_ORDERS_ID" --output none
ORDERS_WEB_PRINCIPAL_ID=$(az resource show --ids="$ORDERS_WEB_ID" --query identity.principalId --output tsv)

# Role assignments: assign_role OBJECT_ID PRINCIPAL_TYPE ROLE SCOPE [NAME]
# mi-orders (userAssigned) → ordersstore: Storage Blob Data Reader [resourceGroup]
assign_role "$MI_ORDERS_PRINCIPAL_ID" ServicePrincipal 2a2b9908-6ea1-4ae2-8e65-a410df84e7d1 "$RG_ID" "$(assignment_name "$RG_ID" "$MI_ORDERS_PRINCIPAL_ID" 2a2b9908-6ea1-4ae2-8e65-a410df84e7d1)"
# orders-web (systemAssigned) → kv-orders: Key Vault Secrets User [resourceGroup]
assign_role "$ORDERS_WEB_PRINCIPAL_ID" ServicePrincipal 4633458b-17de-408a-b874-0445c86b69e6 '/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/kv-rg' "$(assignment_name '/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/kv-rg' "$ORDERS_WEB_PRINCIPAL_ID" 4633458b-17de-408a-b874-0445c86b69e6)"
# orders-web (systemAssigned) → ordersstore: Reader [subscription]
assign_role "$ORDERS_WEB_PRINCIPAL_ID" ServicePrincipal acdd72a7-3385-48ef-bd42-f606fba81ae7 "/subscriptions/$SUBSCRIPTION_ID" "$(assignment_name "/subscriptions/$SUBSCRIPTION_ID" "$ORDERS_WEB_PRINCIPAL_ID" acdd72a7-3385-48ef-bd42-f606fba81ae7)"

# Client-ID settings (DefaultAzureCredential picks the identity per client with them)
az webapp config appsettings set --ids "$ORDERS_WEB_ID" --settings MANAGED_IDENTITY_CLIENT_ID_STORAGE="$MI_ORDERS_CLIENT_ID" --output none

echo "Done: identity layer of this design is in place."
