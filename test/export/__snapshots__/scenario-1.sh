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

# Creates a role assignment unless an equal one exists (under any name).
assign_role() {
  local count
  count=$(az role assignment list --scope="$4" --role="$3" --fill-principal-name false \
    --query "[?principalId=='$1'] | length(@)" --output tsv)
  if [ "$count" != "0" ]; then echo "unchanged: $3 for $1 on $4"; return; fi
  local args=(--assignee-object-id="$1" --assignee-principal-type="$2" --role="$3" --scope="$4")
  if [ -n "${5:-}" ]; then args+=(--name="$5"); fi
  az role assignment create "${args[@]}" --output none
  echo "created: $3 for $1 on $4"
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
  if [ "$count" != "0" ]; then echo "unchanged: $2 for $3 on $account"; return; fi
  local args=(--account-name="$account" --resource-group="$group" --subscription="$subscription" --role-definition-id="$2" --principal-id="$3" --scope "/")
  if [ -n "${4:-}" ]; then args+=(--role-assignment-id="$4"); fi
  az cosmosdb sql role assignment create "${args[@]}" --output none
  echo "created: $2 for $3 on $account"
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

# App identities
CONTOSO_WEB_ID="$RG_ID"'/providers/Microsoft.Web/sites/contoso-web'
az webapp identity assign --ids="$CONTOSO_WEB_ID" --identities '[system]' --output none
CONTOSO_WEB_PRINCIPAL_ID=$(az resource show --ids="$CONTOSO_WEB_ID" --query identity.principalId --output tsv)

# Developers (Microsoft Entra users and groups)
if [ -z "${CONTOSO_DEVELOPERS_PRINCIPAL_ID:-}" ]; then CONTOSO_DEVELOPERS_PRINCIPAL_ID="$(az ad group show --group='Contoso developers' --query id --output tsv)"; fi

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
#   -- Msg 33131 (another Microsoft Entra principal has this display name): add
#   -- WITH OBJECT_ID = '<its object id>' to CREATE USER, and a suffix to the user name.
#   IF DATABASE_PRINCIPAL_ID(N'Contoso developers') IS NULL
#       CREATE USER [Contoso developers] FROM EXTERNAL PROVIDER;
#   ALTER ROLE [db_datareader] ADD MEMBER [Contoso developers];
#   ALTER ROLE [db_datawriter] ADD MEMBER [Contoso developers];

# SQL: run in database contoso-sql/orders as its Microsoft Entra admin (sqlcmd or the portal's query editor):
#   -- Msg 33131 (another Microsoft Entra principal has this display name): add
#   -- WITH OBJECT_ID = '<its object id>' to CREATE USER, and a suffix to the user name.
#   IF DATABASE_PRINCIPAL_ID(N'contoso-web') IS NULL
#       CREATE USER [contoso-web] FROM EXTERNAL PROVIDER;
#   ALTER ROLE [db_datareader] ADD MEMBER [contoso-web];
#   ALTER ROLE [db_datawriter] ADD MEMBER [contoso-web];

echo "Done: identity layer of this design is in place."
