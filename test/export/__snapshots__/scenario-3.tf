# Identity layer of "Scenario 3: shared identity plus a system-assigned one", exported by idtopo (Identity Topology Designer).
# Apps are referenced, not redeclared: put the app_identities output into each app's own
# resource (its identity block), or run the Azure CLI export, before applying this.
terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
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

variable "api_principal_id" {
  type        = string
  description = "Object ID of the system-assigned identity of contoso-orders-api."
}

variable "devs_principal_id" {
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
    blob  = "${data.azurerm_resource_group.this.id}/providers/Microsoft.Storage/storageAccounts/contosoorders"
    queue = "${data.azurerm_resource_group.this.id}/providers/Microsoft.ServiceBus/namespaces/contoso-orders-bus"
    vault = "${data.azurerm_resource_group.this.id}/providers/Microsoft.KeyVault/vaults/kv-contoso-orders"
  }
  app_ids = {
    api    = "${data.azurerm_resource_group.this.id}/providers/Microsoft.App/containerApps/contoso-orders-api"
    worker = "${data.azurerm_resource_group.this.id}/providers/Microsoft.Web/sites/contoso-orders-worker"
  }
}

resource "azurerm_user_assigned_identity" "mi_storage" {
  name                = "mi-contoso-orders-storage"
  resource_group_name = data.azurerm_resource_group.this.name
  location            = coalesce(var.location, data.azurerm_resource_group.this.location)
}

# api (systemAssigned) → vault: Key Vault Secrets User [resource]
resource "azurerm_role_assignment" "api_vault_key_vault_secrets_user" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.vault}|${var.api_principal_id}|4633458b-17de-408a-b874-0445c86b69e6"))
  scope                            = local.service_ids.vault
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6"
  principal_id                     = var.api_principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: api (systemAssigned) → vault: Key Vault Secrets User [resource]"
  skip_service_principal_aad_check = true
}

# devs (developer) → blob: Storage Blob Data Contributor [resource]
resource "azurerm_role_assignment" "devs_blob_storage_blob_data_contributor" {
  name               = uuidv5(local.assignment_namespace, lower("${local.service_ids.blob}|${var.devs_principal_id}|ba92f5b4-2d11-453d-a403-e96b0029c9fe"))
  scope              = local.service_ids.blob
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe"
  principal_id       = var.devs_principal_id
  principal_type     = "Group"
  description        = "idtopo: devs (developer) → blob: Storage Blob Data Contributor [resource]"
}

# devs (developer) → queue: Azure Service Bus Data Receiver [resource]
resource "azurerm_role_assignment" "devs_queue_azure_service_bus_data_receiver" {
  name               = uuidv5(local.assignment_namespace, lower("${local.service_ids.queue}|${var.devs_principal_id}|4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0"))
  scope              = local.service_ids.queue
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0"
  principal_id       = var.devs_principal_id
  principal_type     = "Group"
  description        = "idtopo: devs (developer) → queue: Azure Service Bus Data Receiver [resource]"
}

# devs (developer) → queue: Azure Service Bus Data Sender [resource]
resource "azurerm_role_assignment" "devs_queue_azure_service_bus_data_sender" {
  name               = uuidv5(local.assignment_namespace, lower("${local.service_ids.queue}|${var.devs_principal_id}|69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"))
  scope              = local.service_ids.queue
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"
  principal_id       = var.devs_principal_id
  principal_type     = "Group"
  description        = "idtopo: devs (developer) → queue: Azure Service Bus Data Sender [resource]"
}

# devs (developer) → vault: Key Vault Secrets User [resource]
resource "azurerm_role_assignment" "devs_vault_key_vault_secrets_user" {
  name               = uuidv5(local.assignment_namespace, lower("${local.service_ids.vault}|${var.devs_principal_id}|4633458b-17de-408a-b874-0445c86b69e6"))
  scope              = local.service_ids.vault
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6"
  principal_id       = var.devs_principal_id
  principal_type     = "Group"
  description        = "idtopo: devs (developer) → vault: Key Vault Secrets User [resource]"
}

# mi-storage (userAssigned) → blob: Storage Blob Data Contributor [resource]
resource "azurerm_role_assignment" "mi_storage_blob_storage_blob_data_contributor" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.blob}|${azurerm_user_assigned_identity.mi_storage.principal_id}|ba92f5b4-2d11-453d-a403-e96b0029c9fe"))
  scope                            = local.service_ids.blob
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe"
  principal_id                     = azurerm_user_assigned_identity.mi_storage.principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: mi-storage (userAssigned) → blob: Storage Blob Data Contributor [resource]"
  skip_service_principal_aad_check = true
}

# mi-storage (userAssigned) → queue: Azure Service Bus Data Sender [resource]
resource "azurerm_role_assignment" "mi_storage_queue_azure_service_bus_data_sender" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.queue}|${azurerm_user_assigned_identity.mi_storage.principal_id}|69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"))
  scope                            = local.service_ids.queue
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"
  principal_id                     = azurerm_user_assigned_identity.mi_storage.principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: mi-storage (userAssigned) → queue: Azure Service Bus Data Sender [resource]"
  skip_service_principal_aad_check = true
}

# The identity block each app's own resource needs.
output "app_identities" {
  value = {
    api = {
      resource_id  = local.app_ids.api
      type         = "SystemAssigned,UserAssigned"
      identity_ids = [azurerm_user_assigned_identity.mi_storage.id]
    }
    worker = {
      resource_id  = local.app_ids.worker
      type         = "UserAssigned"
      identity_ids = [azurerm_user_assigned_identity.mi_storage.id]
    }
  }
}

# Client-ID settings per app (see the connection guide).
output "app_settings" {
  value = {
    api = {
      MANAGED_IDENTITY_CLIENT_ID_STORAGE    = azurerm_user_assigned_identity.mi_storage.client_id
      MANAGED_IDENTITY_CLIENT_ID_SERVICEBUS = azurerm_user_assigned_identity.mi_storage.client_id
    }
    worker = {
      AZURE_CLIENT_ID = azurerm_user_assigned_identity.mi_storage.client_id
    }
  }
}
