#!/usr/bin/env bash
# Identity layer of "Scenario 1: one app, system-assigned identity", exported by idtopo (Identity Topology Designer).
# Run it signed in with `az login` as someone who may create identities and role assignments.
# Every step checks first: running it again changes nothing.
set -euo pipefail

if [ -z "${SUBSCRIPTION_ID:-}" ]; then SUBSCRIPTION_ID="$(az account show --query id --output tsv)"; fi
az account set --subscription="$SUBSCRIPTION_ID"
if [ -z "${RESOURCE_GROUP:-}" ]; then printf '%s\n' 'set RESOURCE_GROUP to the resource group of the identities' >&2; exit 1; fi
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
say "Applying to subscription $SUBSCRIPTION_ID, resource group $RESOURCE_GROUP"

# App identities
CONTOSO_WEB_ID="$RG_ID"'/providers/Microsoft.Web/sites/contoso-web'
az webapp identity assign --ids="$CONTOSO_WEB_ID" --identities '[system]' --output none
CONTOSO_WEB_PRINCIPAL_ID=$(az resource show --ids="$CONTOSO_WEB_ID" --query identity.principalId --output tsv)

# Developers (Microsoft Entra users and groups)
group_id() {
  local ids
  ids=$(az ad group list --filter="$1" --query '[].id' --output tsv)
  if [ -n "$ids" ] && [[ $ids != *$'\n'* ]]; then printf '%s\n' "$ids"; return; fi
  say "$(if [ -z "$ids" ]; then echo No; else echo More than one; fi) Microsoft Entra group is named \"$2\": set $3 to the object id of the group meant, and run it again" >&2
  return 1
}
if [ -z "${CONTOSO_DEVELOPERS_PRINCIPAL_ID:-}" ]; then CONTOSO_DEVELOPERS_PRINCIPAL_ID="$(group_id 'displayName eq '\''Contoso developers'\''' 'Contoso developers' CONTOSO_DEVELOPERS_PRINCIPAL_ID)"; fi

# Services (existing)
CONTOSOASSETS_ID="$RG_ID"'/providers/Microsoft.Storage/storageAccounts/contosoassets'
KV_CONTOSO_ID="$RG_ID"'/providers/Microsoft.KeyVault/vaults/kv-contoso'

# Role assignments: assign_role OBJECT_ID PRINCIPAL_TYPE ROLE SCOPE [NAME]
# Contoso developers (developer) → contosoassets: Storage Blob Data Contributor [resource]
assign_role "$CONTOSO_DEVELOPERS_PRINCIPAL_ID" Group ba92f5b4-2d11-453d-a403-e96b0029c9fe "$CONTOSOASSETS_ID" "$(assignment_name "$CONTOSOASSETS_ID" "$CONTOSO_DEVELOPERS_PRINCIPAL_ID" ba92f5b4-2d11-453d-a403-e96b0029c9fe)"
# Contoso developers (developer) → kv-contoso: Key Vault Secrets User [resource]
assign_role "$CONTOSO_DEVELOPERS_PRINCIPAL_ID" Group 4633458b-17de-408a-b874-0445c86b69e6 "$KV_CONTOSO_ID" "$(assignment_name "$KV_CONTOSO_ID" "$CONTOSO_DEVELOPERS_PRINCIPAL_ID" 4633458b-17de-408a-b874-0445c86b69e6)"
# contoso-web (systemAssigned) → contosoassets: Storage Blob Data Contributor [resource]
assign_role "$CONTOSO_WEB_PRINCIPAL_ID" ServicePrincipal ba92f5b4-2d11-453d-a403-e96b0029c9fe "$CONTOSOASSETS_ID" "$(assignment_name "$CONTOSOASSETS_ID" "$CONTOSO_WEB_PRINCIPAL_ID" ba92f5b4-2d11-453d-a403-e96b0029c9fe)"
# contoso-web (systemAssigned) → kv-contoso: Key Vault Secrets User [resource]
assign_role "$CONTOSO_WEB_PRINCIPAL_ID" ServicePrincipal 4633458b-17de-408a-b874-0445c86b69e6 "$KV_CONTOSO_ID" "$(assignment_name "$KV_CONTOSO_ID" "$CONTOSO_WEB_PRINCIPAL_ID" 4633458b-17de-408a-b874-0445c86b69e6)"

# SQL: run in database contoso-sql/orders as its Microsoft Entra admin (sqlcmd or the portal's query editor):
#   -- If CREATE USER fails with Msg 33131 (another principal has this name),
#   -- add WITH OBJECT_ID = '<its object id>' to it and a suffix to the name.
#   IF DATABASE_PRINCIPAL_ID(N'Contoso developers') IS NULL
#       CREATE USER [Contoso developers] FROM EXTERNAL PROVIDER;
#   ALTER ROLE [db_datareader] ADD MEMBER [Contoso developers];
#   ALTER ROLE [db_datawriter] ADD MEMBER [Contoso developers];

# SQL: run in database contoso-sql/orders as its Microsoft Entra admin (sqlcmd or the portal's query editor):
#   -- If CREATE USER fails with Msg 33131 (another principal has this name),
#   -- add WITH OBJECT_ID = '<its object id>' to it and a suffix to the name.
#   IF DATABASE_PRINCIPAL_ID(N'contoso-web') IS NULL
#       CREATE USER [contoso-web] FROM EXTERNAL PROVIDER;
#   ALTER ROLE [db_datareader] ADD MEMBER [contoso-web];
#   ALTER ROLE [db_datawriter] ADD MEMBER [contoso-web];

echo "Done: identity layer of this design is in place."
