# Identity layer of "Scenario 1: one app, system-assigned identity", exported by idtopo (Identity Topology Designer).
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

variable "devs_principal_id" {
  type        = string
  description = "Object ID of the Microsoft Entra group Contoso developers."
}

variable "web_principal_id" {
  type        = string
  description = "Object ID of the system-assigned identity of contoso-web."
}

data "azurerm_subscription" "current" {}

data "azurerm_resource_group" "this" {
  name = var.resource_group_name
}

locals {
  assignment_namespace = "6f1c9d2e-3b57-4c8a-9e0f-5a7d2b4c8e61"
  service_ids = {
    blob  = "${data.azurerm_resource_group.this.id}/providers/Microsoft.Storage/storageAccounts/contosoassets"
    vault = "${data.azurerm_resource_group.this.id}/providers/Microsoft.KeyVault/vaults/kv-contoso"
  }
  app_ids = {
    web = "${data.azurerm_resource_group.this.id}/providers/Microsoft.Web/sites/contoso-web"
  }
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

# devs (developer) → vault: Key Vault Secrets User [resource]
resource "azurerm_role_assignment" "devs_vault_key_vault_secrets_user" {
  name               = uuidv5(local.assignment_namespace, lower("${local.service_ids.vault}|${var.devs_principal_id}|4633458b-17de-408a-b874-0445c86b69e6"))
  scope              = local.service_ids.vault
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6"
  principal_id       = var.devs_principal_id
  principal_type     = "Group"
  description        = "idtopo: devs (developer) → vault: Key Vault Secrets User [resource]"
}

# web (systemAssigned) → blob: Storage Blob Data Contributor [resource]
resource "azurerm_role_assignment" "web_blob_storage_blob_data_contributor" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.blob}|${var.web_principal_id}|ba92f5b4-2d11-453d-a403-e96b0029c9fe"))
  scope                            = local.service_ids.blob
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe"
  principal_id                     = var.web_principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: web (systemAssigned) → blob: Storage Blob Data Contributor [resource]"
  skip_service_principal_aad_check = true
}

# web (systemAssigned) → vault: Key Vault Secrets User [resource]
resource "azurerm_role_assignment" "web_vault_key_vault_secrets_user" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.vault}|${var.web_principal_id}|4633458b-17de-408a-b874-0445c86b69e6"))
  scope                            = local.service_ids.vault
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6"
  principal_id                     = var.web_principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: web (systemAssigned) → vault: Key Vault Secrets User [resource]"
  skip_service_principal_aad_check = true
}

# The identity block each app's own resource needs.
output "app_identities" {
  value = {
    web = {
      resource_id  = local.app_ids.web
      type         = "SystemAssigned"
      identity_ids = []
    }
  }
}

# SQL: run in contoso-sql/orders as its Microsoft Entra admin.
output "sql_script_db_devs" {
  value = <<-EOT
    IF DATABASE_PRINCIPAL_ID(N'Contoso developers') IS NULL
        CREATE USER [Contoso developers] FROM EXTERNAL PROVIDER;
    ALTER ROLE [db_datareader] ADD MEMBER [Contoso developers];
    ALTER ROLE [db_datawriter] ADD MEMBER [Contoso developers];
  EOT
}

# SQL: run in contoso-sql/orders as its Microsoft Entra admin.
output "sql_script_db_web" {
  value = <<-EOT
    IF DATABASE_PRINCIPAL_ID(N'contoso-web') IS NULL
        CREATE USER [contoso-web] FROM EXTERNAL PROVIDER;
    ALTER ROLE [db_datareader] ADD MEMBER [contoso-web];
    ALTER ROLE [db_datawriter] ADD MEMBER [contoso-web];
  EOT
}
