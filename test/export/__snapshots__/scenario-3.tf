# Identity layer of "Scenario 3: shared identity plus a system-assigned one", exported by idtopo (Identity Topology Designer).
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

variable "contoso_orders_api_principal_id" {
  type        = string
  description = "Object ID of the system-assigned identity of contoso-orders-api."
}

variable "contoso_developers_principal_id" {
  type        = string
  description = "Object ID of the Microsoft Entra group Contoso developers."
}

data "azurerm_subscription" "current" {}

data "azurerm_resource_group" "this" {
  name = var.resource_group_name
}

locals {
  assignment_namespace = "6f1c9d2e-3b57-4c8a-9e0f-5a7d2b4c8e61"
  service_ids = {
    contosoorders      = "${data.azurerm_resource_group.this.id}/providers/Microsoft.Storage/storageAccounts/contosoorders"
    contoso_orders_bus = "${data.azurerm_resource_group.this.id}/providers/Microsoft.ServiceBus/namespaces/contoso-orders-bus"
    kv_contoso_orders  = "${data.azurerm_resource_group.this.id}/providers/Microsoft.KeyVault/vaults/kv-contoso-orders"
  }
  app_ids = {
    contoso_orders_api    = "${data.azurerm_resource_group.this.id}/providers/Microsoft.App/containerApps/contoso-orders-api"
    contoso_orders_worker = "${data.azurerm_resource_group.this.id}/providers/Microsoft.Web/sites/contoso-orders-worker"
  }
}

resource "azurerm_user_assigned_identity" "mi_contoso_orders_storage" {
  name                = "mi-contoso-orders-storage"
  resource_group_name = data.azurerm_resource_group.this.name
  location            = coalesce(var.location, data.azurerm_resource_group.this.location)
}

# contoso-orders-api (systemAssigned) → kv-contoso-orders: Key Vault Secrets User [resource]
resource "azurerm_role_assignment" "contoso_orders_api_kv_contoso_orders_key_vault_secrets_user" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.kv_contoso_orders}|${var.contoso_orders_api_principal_id}|4633458b-17de-408a-b874-0445c86b69e6"))
  scope                            = local.service_ids.kv_contoso_orders
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6"
  principal_id                     = var.contoso_orders_api_principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: contoso-orders-api (systemAssigned) → kv-contoso-orders: Key Vault Secrets User [resource]"
  skip_service_principal_aad_check = true
  lifecycle {
    ignore_changes = [description]
  }
}

# Contoso developers (developer) → contosoorders: Storage Blob Data Contributor [resource]
resource "azurerm_role_assignment" "contoso_developers_contosoorders_storage_blob_data_contributor" {
  name               = uuidv5(local.assignment_namespace, lower("${local.service_ids.contosoorders}|${var.contoso_developers_principal_id}|ba92f5b4-2d11-453d-a403-e96b0029c9fe"))
  scope              = local.service_ids.contosoorders
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe"
  principal_id       = var.contoso_developers_principal_id
  principal_type     = "Group"
  description        = "idtopo: Contoso developers (developer) → contosoorders: Storage Blob Data Contributor [resource]"
  lifecycle {
    ignore_changes = [description]
  }
}

# Contoso developers (developer) → contoso-orders-bus: Azure Service Bus Data Receiver [resource]
resource "azurerm_role_assignment" "contoso_developers_contoso_orders_bus_azure_service_bus_data_receiver" {
  name               = uuidv5(local.assignment_namespace, lower("${local.service_ids.contoso_orders_bus}|${var.contoso_developers_principal_id}|4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0"))
  scope              = local.service_ids.contoso_orders_bus
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0"
  principal_id       = var.contoso_developers_principal_id
  principal_type     = "Group"
  description        = "idtopo: Contoso developers (developer) → contoso-orders-bus: Azure Service Bus Data Receiver [resource]"
  lifecycle {
    ignore_changes = [description]
  }
}

# Contoso developers (developer) → contoso-orders-bus: Azure Service Bus Data Sender [resource]
resource "azurerm_role_assignment" "contoso_developers_contoso_orders_bus_azure_service_bus_data_sender" {
  name               = uuidv5(local.assignment_namespace, lower("${local.service_ids.contoso_orders_bus}|${var.contoso_developers_principal_id}|69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"))
  scope              = local.service_ids.contoso_orders_bus
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"
  principal_id       = var.contoso_developers_principal_id
  principal_type     = "Group"
  description        = "idtopo: Contoso developers (developer) → contoso-orders-bus: Azure Service Bus Data Sender [resource]"
  lifecycle {
    ignore_changes = [description]
  }
}

# Contoso developers (developer) → kv-contoso-orders: Key Vault Secrets User [resource]
resource "azurerm_role_assignment" "contoso_developers_kv_contoso_orders_key_vault_secrets_user" {
  name               = uuidv5(local.assignment_namespace, lower("${local.service_ids.kv_contoso_orders}|${var.contoso_developers_principal_id}|4633458b-17de-408a-b874-0445c86b69e6"))
  scope              = local.service_ids.kv_contoso_orders
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6"
  principal_id       = var.contoso_developers_principal_id
  principal_type     = "Group"
  description        = "idtopo: Contoso developers (developer) → kv-contoso-orders: Key Vault Secrets User [resource]"
  lifecycle {
    ignore_changes = [description]
  }
}

# mi-contoso-orders-storage (userAssigned) → contosoorders: Storage Blob Data Contributor [resource]
resource "azurerm_role_assignment" "mi_contoso_orders_storage_contosoorders_storage_blob_data_contributor" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.contosoorders}|${azurerm_user_assigned_identity.mi_contoso_orders_storage.principal_id}|ba92f5b4-2d11-453d-a403-e96b0029c9fe"))
  scope                            = local.service_ids.contosoorders
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe"
  principal_id                     = azurerm_user_assigned_identity.mi_contoso_orders_storage.principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: mi-contoso-orders-storage (userAssigned) → contosoorders: Storage Blob Data Contributor [resource]"
  skip_service_principal_aad_check = true
  lifecycle {
    ignore_changes = [description]
  }
}

# mi-contoso-orders-storage (userAssigned) → contoso-orders-bus: Azure Service Bus Data Sender [resource]
resource "azurerm_role_assignment" "mi_contoso_orders_storage_contoso_orders_bus_azure_service_bus_data_sender" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.contoso_orders_bus}|${azurerm_user_assigned_identity.mi_contoso_orders_storage.principal_id}|69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"))
  scope                            = local.service_ids.contoso_orders_bus
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"
  principal_id                     = azurerm_user_assigned_identity.mi_contoso_orders_storage.principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: mi-contoso-orders-storage (userAssigned) → contoso-orders-bus: Azure Service Bus Data Sender [resource]"
  skip_service_principal_aad_check = true
  lifecycle {
    ignore_changes = [description]
  }
}

# The identity block each app's own resource needs.
output "app_identities" {
  value = {
    contoso_orders_api = {
      resource_id  = local.app_ids.contoso_orders_api
      type         = "SystemAssigned, UserAssigned"
      identity_ids = [azurerm_user_assigned_identity.mi_contoso_orders_storage.id]
    }
    contoso_orders_worker = {
      resource_id  = local.app_ids.contoso_orders_worker
      type         = "UserAssigned"
      identity_ids = [azurerm_user_assigned_identity.mi_contoso_orders_storage.id]
    }
  }
}

# Client-ID settings per app (see the connection guide).
output "app_settings" {
  value = {
    contoso_orders_api = {
      MANAGED_IDENTITY_CLIENT_ID_STORAGE    = azurerm_user_assigned_identity.mi_contoso_orders_storage.client_id
      MANAGED_IDENTITY_CLIENT_ID_SERVICEBUS = azurerm_user_assigned_identity.mi_contoso_orders_storage.client_id
    }
    contoso_orders_worker = {
      AZURE_CLIENT_ID = azurerm_user_assigned_identity.mi_contoso_orders_storage.client_id
    }
  }
}
