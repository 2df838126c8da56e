# Identity layer of "Bound design", exported by idtopo (Identity Topology Designer).
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
  default     = "11111111-1111-1111-1111-111111111111"
}

variable "resource_group_name" {
  type        = string
  description = "Resource group of the identities (and of unbound apps and services)."
  default     = "app-rg"
}

variable "location" {
  type        = string
  description = "Location of new identities; the resource group's when null."
  default     = "westeurope"
}

data "azurerm_subscription" "current" {}

data "azurerm_resource_group" "this" {
  name = var.resource_group_name
}

locals {
  assignment_namespace = "6f1c9d2e-3b57-4c8a-9e0f-5a7d2b4c8e61"
  service_ids = {
    contosost      = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/app-rg/providers/Microsoft.Storage/storageAccounts/contosost"
    kv_other       = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/other-rg/providers/Microsoft.KeyVault/vaults/kv-other"
    contoso_cosmos = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/app-rg/providers/Microsoft.DocumentDB/databaseAccounts/contoso-cosmos"
  }
  app_ids = {
    contoso_web = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/app-rg/providers/Microsoft.Web/sites/contoso-web"
  }
}

data "azurerm_user_assigned_identity" "mi_existing" {
  name                = "mi-existing"
  resource_group_name = "id-rg"
}

resource "azurerm_user_assigned_identity" "mi_new" {
  name                = "mi-new"
  resource_group_name = data.azurerm_resource_group.this.name
  location            = coalesce(var.location, data.azurerm_resource_group.this.location)
}

# Dana (developer) → kv-other: Key Vault Secrets User [resource]
resource "azurerm_role_assignment" "dana_kv_other_key_vault_secrets_user" {
  name               = "76ae07dd-7ec7-52ea-a808-f5f5a24ebaf9"
  scope              = local.service_ids.kv_other
  role_definition_id = "/subscriptions/11111111-1111-1111-1111-111111111111/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6"
  principal_id       = "dddddddd-0000-0000-0000-000000000004"
  principal_type     = "User"
  description        = "idtopo: Dana (developer) → kv-other: Key Vault Secrets User [resource]"
  lifecycle {
    ignore_changes = [description]
  }
}

# Dana (developer) → contosost: Reader [subscription]
resource "azurerm_role_assignment" "dana_contosost_reader" {
  name               = "2c23f702-fd55-582d-b7ff-c09905691139"
  scope              = "/subscriptions/11111111-1111-1111-1111-111111111111"
  role_definition_id = "/subscriptions/11111111-1111-1111-1111-111111111111/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7"
  principal_id       = "dddddddd-0000-0000-0000-000000000004"
  principal_type     = "User"
  description        = "idtopo: Dana (developer) → contosost: Reader [subscription]"
  lifecycle {
    ignore_changes = [description]
  }
}

# mi-existing (userAssigned) → kv-other: Key Vault Secrets User [resource]
resource "azurerm_role_assignment" "mi_existing_kv_other_key_vault_secrets_user" {
  name                             = "b4f8bbc1-e99f-56f7-a6c5-8dd4a7bf5305"
  scope                            = local.service_ids.kv_other
  role_definition_id               = "/subscriptions/11111111-1111-1111-1111-111111111111/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6"
  principal_id                     = "bbbbbbbb-0000-0000-0000-000000000002"
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: mi-existing (userAssigned) → kv-other: Key Vault Secrets User [resource]"
  skip_service_principal_aad_check = true
  lifecycle {
    ignore_changes = [description]
  }
}

# mi-new (userAssigned) → contosost: Storage Queue Data Reader [resource]
resource "azurerm_role_assignment" "mi_new_contosost_storage_queue_data_reader" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.contosost}|${azurerm_user_assigned_identity.mi_new.principal_id}|19e7f393-937e-4f77-808e-94535e297925"))
  scope                            = local.service_ids.contosost
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/19e7f393-937e-4f77-808e-94535e297925"
  principal_id                     = azurerm_user_assigned_identity.mi_new.principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: mi-new (userAssigned) → contosost: Storage Queue Data Reader [resource]"
  skip_service_principal_aad_check = true
  lifecycle {
    ignore_changes = [description]
  }
}

# contoso-web (systemAssigned) → contosost: Storage Blob Data Reader [resource]
resource "azurerm_role_assignment" "contoso_web_contosost_storage_blob_data_reader" {
  name                             = "9f0d6d3c-e79c-58c2-9cd7-e0f9049f18e1"
  scope                            = local.service_ids.contosost
  role_definition_id               = "/subscriptions/11111111-1111-1111-1111-111111111111/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"
  principal_id                     = "aaaaaaaa-0000-0000-0000-000000000001"
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: contoso-web (systemAssigned) → contosost: Storage Blob Data Reader [resource]"
  skip_service_principal_aad_check = true
  lifecycle {
    ignore_changes = [description]
  }
}

# mi-existing (userAssigned) → contoso-cosmos: Cosmos DB Built-in Data Reader [resource] (Cosmos DB data plane)
resource "azurerm_cosmosdb_sql_role_assignment" "mi_existing_contoso_cosmos_cosmos_db_built_in_data_reader" {
  name                = "2dcb9c99-9525-5f7d-a8d7-a6ad23e05839"
  resource_group_name = "app-rg"
  account_name        = "contoso-cosmos"
  role_definition_id  = "${local.service_ids.contoso_cosmos}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000001"
  principal_id        = "bbbbbbbb-0000-0000-0000-000000000002"
  scope               = local.service_ids.contoso_cosmos
}

# The identity block each app's own resource needs.
output "app_identities" {
  value = {
    contoso_web = {
      resource_id  = local.app_ids.contoso_web
      type         = "SystemAssigned, UserAssigned"
      identity_ids = [data.azurerm_user_assigned_identity.mi_existing.id, azurerm_user_assigned_identity.mi_new.id]
    }
  }
}

# Client-ID settings per app (see the connection guide).
output "app_settings" {
  value = {
    contoso_web = {
      MANAGED_IDENTITY_CLIENT_ID_KEYVAULT = data.azurerm_user_assigned_identity.mi_existing.client_id
      MANAGED_IDENTITY_CLIENT_ID_COSMOS   = data.azurerm_user_assigned_identity.mi_existing.client_id
      MANAGED_IDENTITY_CLIENT_ID_STORAGE  = azurerm_user_assigned_identity.mi_new.client_id
    }
  }
}
