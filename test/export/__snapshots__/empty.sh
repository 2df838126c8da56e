#!/usr/bin/env bash
# Identity layer of "Untitled design", exported by idtopo (Identity Topology Designer).
# Run it signed in with `az login` as someone who may create identities and role assignments.
# Every step checks first: running it again changes nothing.
set -euo pipefail

if [ -z "${SUBSCRIPTION_ID:-}" ]; then SUBSCRIPTION_ID="$(az account show --query id --output tsv)"; fi
if [ -z "${RESOURCE_GROUP:-}" ]; then printf '%s\n' 'set RESOURCE_GROUP to the resource group of the identities' >&2; exit 1; fi
az account set --subscription "$SUBSCRIPTION_ID"

# Creates a role assignment unless an equal one exists (under any name).
assign_role() {
  local count
  count=$(az role assignment list --scope "$4" --role "$3" --fill-principal-name false \
    --query "[?principalId=='$1'] | length(@)" --output tsv)
  if [ "$count" != "0" ]; then echo "unchanged: $3 for $1 on $4"; return; fi
  local args=(--assignee-object-id "$1" --assignee-principal-type "$2" --role "$3" --scope "$4")
  if [ -n "${5:-}" ]; then args+=(--name "$5"); fi
  az role assignment create "${args[@]}" --output none
  echo "created: $3 for $1 on $4"
}

# Creates a Cosmos DB data-plane role assignment on the whole account unless one exists.
assign_cosmos_role() {
  local account group count
  account="${1##*/}"
  group=$(cut -d/ -f5 <<<"$1")
  count=$(az cosmosdb sql role assignment list --account-name "$account" --resource-group "$group" \
    --query "[?principalId=='$3' && ends_with(roleDefinitionId, '/$2')] | length(@)" --output tsv)
  if [ "$count" != "0" ]; then echo "unchanged: $2 for $3 on $account"; return; fi
  local args=(--account-name "$account" --resource-group "$group" --role-definition-id "$2" --principal-id "$3" --scope "/")
  if [ -n "${4:-}" ]; then args+=(--role-assignment-id "$4"); fi
  az cosmosdb sql role assignment create "${args[@]}" --output none
  echo "created: $2 for $3 on $account"
}

echo "Done: identity layer of this design is in place."
