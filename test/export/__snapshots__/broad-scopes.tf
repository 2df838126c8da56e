# Identity layer of "Broad scopes", exported by idtopo (Identity Topology Designer).
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
  default     = "22222222-2222-2222-2222-222222222222"
}

variable "resource_group_name" {
  type        = string
  description = "Resource group of the identities (and of unbound apps and services)."
  default     = "kv-rg"
}

variable "location" {
  type        = string
  description = "Location of new identities; the resource group's when null."
  default     = null
}

variable "orders_web_principal_id" {
  type        = string
  description = "Object ID of the system-assigned identity of orders-web."
}

data "azurerm_subscription" "current" {}

data "azurerm_resource_group" "this" {
  name = var.resource_group_name
}

locals {
  assignment_namespace = "6f1c9d2e-3b57-4c8a-9e0f-5a7d2b4c8e61"
  service_ids = {
    ordersstore = "${data.azurerm_resource_group.this.id}/providers/Microsoft.Storage/storageAccounts/ordersstore"
    kv_orders   = "/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/kv-rg/providers/Microsoft.KeyVault/vaults/kv-orders"
  }
  app_ids = {
    orders_web = "${data.azurerm_resource_group.this.id}/providers/Microsoft.Web/sites/orders-web"
  }
}

resource "azurerm_user_assigned_identity" "mi_orders" {
  name                = "mi-orders"
  resource_group_name = data.azurerm_resource_group.this.name
  location            = coalesce(var.location, data.azurerm_resource_group.this.location)
}

# mi-orders (userAssigned) → ordersstore: Storage Blob Data Reader [resourceGroup]
resource "azurerm_role_assignment" "mi_orders_ordersstore_storage_blob_data_reader" {
  name                             = uuidv5(local.assignment_namespace, lower("${data.azurerm_resource_group.this.id}|${azurerm_user_assigned_identity.mi_orders.principal_id}|2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"))
  scope                            = data.azurerm_resource_group.this.id
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"
  principal_id                     = azurerm_user_assigned_identity.mi_orders.principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: mi-orders (userAssigned) → ordersstore: Storage Blob Data Reader [resourceGroup]"
  skip_service_principal_aad_check = true
  lifecycle {
    ignore_changes = [description]
  }
}

# orders-web (systemAssigned) → kv-orders: Key Vault Secrets User [resourceGroup]
resource "azurerm_role_assignment" "orders_web_kv_orders_key_vault_secrets_user" {
  name                             = uuidv5(local.assignment_namespace, lower("${"/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/kv-rg"}|${var.orders_web_principal_id}|4633458b-17de-408a-b874-0445c86b69e6"))
  scope                            = "/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/kv-rg"
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6"
  principal_id                     = var.orders_web_principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: orders-web (systemAssigned) → kv-orders: Key Vault Secrets User [resourceGroup]"
  skip_service_principal_aad_check = true
  lifecycle {
    ignore_changes = [description]
  }
}

# orders-web (systemAssigned) → ordersstore: Reader [subscription]
resource "azurerm_role_assignment" "orders_web_ordersstore_reader" {
  name                             = uuidv5(local.assignment_namespace, lower("${data.azurerm_subscription.current.id}|${var.orders_web_principal_id}|acdd72a7-3385-48ef-bd42-f606fba81ae7"))
  scope                            = data.azurerm_subscription.current.id
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7"
  principal_id                     = var.orders_web_principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: orders-web (systemAssigned) → ordersstore: Reader [subscription]"
  skip_service_principal_aad_check = true
  lifecycle {
    ignore_changes = [description]
  }
}

# The identity block each app's own resource needs.
output "app_identities" {
  value = {
    orders_web = {
      resource_id  = local.app_ids.orders_web
      type         = "SystemAssigned, UserAssigned"
      identity_ids = [azurerm_user_assigned_identity.mi_orders.id]
    }
  }
}

# Client-ID settings per app (see the connection guide).
output "app_settings" {
  value = {
    orders_web = {
      MANAGED_IDENTITY_CLIENT_ID_STORAGE = azurerm_user_assigned_identity.mi_orders.client_id
    }
  }
}
