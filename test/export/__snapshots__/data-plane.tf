# Identity layer of "Data plane", exported by idtopo (Identity Topology Designer).
# Apps are referenced, not redeclared: put the app_identities output into each app's own
# resource (its identity block), or enable them with az (e.g. az webapp identity assign),
# before applying this. Not the whole Azure CLI export: the role assignments it makes have
# these same names, and azurerm refuses to create what exists unless it is imported.
# Addresses follow node names: after renaming a node, move its state (a moved block, or
# terraform state mv) before applying, or Terraform re-creates its role assignments.
terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = ">= 4.65, < 6.0"
    }
  }
}

provider "azurerm" {
  features {}
  subscription_id = var.subscription_id
}

variable "subscription_id" {
  type        = string
  description = "Subscription of the resource group."
}

variable "resource_group_name" {
  type        = string
  description = "Resource group of the identities (and of unbound apps and services)."
}

variable "location" {
  type        = string
  description = "Location of new identities; the resource group's when null."
  default     = null
}

variable "orders_api_principal_id" {
  type        = string
  description = "Object ID of the system-assigned identity of orders-api."
}

# orders-worker (AKS workload), on the cluster: the OIDC issuer and workload identity on (az aks update --enable-oidc-issuer --enable-workload-identity);
# a service account named orders-worker in namespace default, annotated azure.workload.identity/client-id with the client ID of mi-orders;
# its pods labelled azure.workload.identity/use: "true" (the connection guide has the code).
variable "orders_worker_oidc_issuer" {
  type        = string
  description = "OIDC issuer URL of the AKS cluster running orders-worker."
}

# orders-sync (AKS workload), on the cluster: the OIDC issuer and workload identity on (az aks update --enable-oidc-issuer --enable-workload-identity);
# a service account named orders-sync in namespace default, annotated azure.workload.identity/client-id with the client ID of mi-orders;
# its pods labelled azure.workload.identity/use: "true" (the connection guide has the code).
variable "orders_sync_oidc_issuer" {
  type        = string
  description = "OIDC issuer URL of the AKS cluster running orders-sync."
}

data "azurerm_subscription" "current" {}

data "azurerm_resource_group" "this" {
  name = var.resource_group_name
}

locals {
  assignment_namespace = "6f1c9d2e-3b57-4c8a-9e0f-5a7d2b4c8e61"
  service_ids = {
    kv_orders     = "${data.azurerm_resource_group.this.id}/providers/Microsoft.KeyVault/vaults/kv-orders"
    orders_cache  = "${data.azurerm_resource_group.this.id}/providers/Microsoft.Cache/redis/orders-cache"
    orders_cosmos = "${data.azurerm_resource_group.this.id}/providers/Microsoft.DocumentDB/databaseAccounts/orders-cosmos"
  }
  app_ids = {
    orders_api = "${data.azurerm_resource_group.this.id}/providers/Microsoft.App/containerApps/orders-api"
  }
}

resource "azurerm_user_assigned_identity" "mi_orders" {
  name                = "mi-orders"
  resource_group_name = data.azurerm_resource_group.this.name
  location            = coalesce(var.location, data.azurerm_resource_group.this.location)
}

resource "azurerm_federated_identity_credential" "mi_orders_orders_worker_federation" {
  name                      = "orders-worker"
  user_assigned_identity_id = azurerm_user_assigned_identity.mi_orders.id
  audience                  = ["api://AzureADTokenExchange"]
  issuer                    = var.orders_worker_oidc_issuer
  subject                   = "system:serviceaccount:default:orders-worker"
}

resource "azurerm_federated_identity_credential" "mi_orders_orders_sync_federation" {
  name                      = "orders-sync"
  user_assigned_identity_id = azurerm_user_assigned_identity.mi_orders.id
  audience                  = ["api://AzureADTokenExchange"]
  issuer                    = var.orders_sync_oidc_issuer
  subject                   = "system:serviceaccount:default:orders-sync"
  depends_on                = [azurerm_federated_identity_credential.mi_orders_orders_worker_federation]
}

# orders-api (systemAssigned) → orders-cosmos: Cosmos DB Built-in Data Reader [resource] (Cosmos DB data plane)
resource "azurerm_cosmosdb_sql_role_assignment" "orders_api_orders_cosmos_cosmos_db_built_in_data_reader" {
  name                = uuidv5(local.assignment_namespace, lower("${local.service_ids.orders_cosmos}|${var.orders_api_principal_id}|00000000-0000-0000-0000-000000000001"))
  resource_group_name = data.azurerm_resource_group.this.name
  account_name        = "orders-cosmos"
  role_definition_id  = "${local.service_ids.orders_cosmos}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000001"
  principal_id        = var.orders_api_principal_id
  scope               = local.service_ids.orders_cosmos
}

# mi-orders (userAssigned) → orders-cosmos: Cosmos DB Built-in Data Contributor [resource] (Cosmos DB data plane)
resource "azurerm_cosmosdb_sql_role_assignment" "mi_orders_orders_cosmos_cosmos_db_built_in_data_contributor" {
  name                = uuidv5(local.assignment_namespace, lower("${local.service_ids.orders_cosmos}|${azurerm_user_assigned_identity.mi_orders.principal_id}|00000000-0000-0000-0000-000000000002"))
  resource_group_name = data.azurerm_resource_group.this.name
  account_name        = "orders-cosmos"
  role_definition_id  = "${local.service_ids.orders_cosmos}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002"
  principal_id        = azurerm_user_assigned_identity.mi_orders.principal_id
  scope               = local.service_ids.orders_cosmos
  depends_on          = [azurerm_cosmosdb_sql_role_assignment.orders_api_orders_cosmos_cosmos_db_built_in_data_reader]
}

# orders-api (systemAssigned) → kv-orders: Key Vault Secrets User (vault access policy)
resource "azurerm_key_vault_access_policy" "orders_api_kv_orders_access_policy" {
  key_vault_id       = local.service_ids.kv_orders
  tenant_id          = data.azurerm_subscription.current.tenant_id
  object_id          = var.orders_api_principal_id
  secret_permissions = ["Get", "List"]
}

# mi-orders (userAssigned) → kv-orders: Key Vault Crypto Officer, Key Vault Secrets User (vault access policy)
resource "azurerm_key_vault_access_policy" "mi_orders_kv_orders_access_policy" {
  key_vault_id       = local.service_ids.kv_orders
  tenant_id          = data.azurerm_subscription.current.tenant_id
  object_id          = azurerm_user_assigned_identity.mi_orders.principal_id
  key_permissions    = ["Backup", "Create", "Decrypt", "Delete", "Encrypt", "Get", "Import", "List", "Purge", "Recover", "Restore", "Sign", "UnwrapKey", "Update", "Verify", "WrapKey", "Release", "Rotate", "GetRotationPolicy", "SetRotationPolicy"]
  secret_permissions = ["Get", "List"]
}

# orders-api (systemAssigned) → orders-cache: Data Contributor (Redis access policy)
resource "azurerm_redis_cache_access_policy_assignment" "orders_api_orders_cache_data_contributor" {
  name               = uuidv5(local.assignment_namespace, lower("${local.service_ids.orders_cache}|${var.orders_api_principal_id}|Data Contributor"))
  redis_cache_id     = local.service_ids.orders_cache
  access_policy_name = "Data Contributor"
  object_id          = var.orders_api_principal_id
  object_id_alias    = "api"
}

# The identity block each app's own resource needs.
output "app_identities" {
  value = {
    orders_api = {
      resource_id  = local.app_ids.orders_api
      type         = "SystemAssigned, UserAssigned"
      identity_ids = [azurerm_user_assigned_identity.mi_orders.id]
    }
  }
}

# Client-ID settings per app (see the connection guide).
output "app_settings" {
  value = {
    orders_worker = {
      AZURE_CLIENT_ID = azurerm_user_assigned_identity.mi_orders.client_id
    }
    orders_sync = {
      AZURE_CLIENT_ID = azurerm_user_assigned_identity.mi_orders.client_id
    }
  }
}

# MySQL: run in orders-mysql as its Microsoft Entra admin.
output "sql_script_orders_mysql_mi_orders" {
  value = <<EOT
-- As the server's Microsoft Entra administrator (CREATE AADUSER fails if the user exists: skip it then).
CREATE AADUSER 'mi-orders';
GRANT SELECT, INSERT ON *.* TO 'mi-orders';
EOT
}

# PostgreSQL: run in orders-pg as its Microsoft Entra admin.
output "sql_script_orders_pg_orders_api" {
  value = <<EOT
-- In the postgres database, as the server's Microsoft Entra administrator.
DO $idtopo$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'orders-api') THEN
    PERFORM pgaadauth_create_principal('orders-api', false, false);
  END IF;
END
$idtopo$;
GRANT "pg_read_all_data" TO "orders-api";
EOT
}
