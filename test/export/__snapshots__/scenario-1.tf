# Identity layer of "Scenario 1: one app, system-assigned identity", exported by idtopo (Identity Topology Designer).
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

variable "contoso_developers_principal_id" {
  type        = string
  description = "Object ID of the Microsoft Entra group Contoso developers."
}

variable "contoso_web_principal_id" {
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
    contosoassets = "${data.azurerm_resource_group.this.id}/providers/Microsoft.Storage/storageAccounts/contosoassets"
    kv_contoso    = "${data.azurerm_resource_group.this.id}/providers/Microsoft.KeyVault/vaults/kv-contoso"
  }
  app_ids = {
    contoso_web = "${data.azurerm_resource_group.this.id}/providers/Microsoft.Web/sites/contoso-web"
  }
}

# Contoso developers (developer) → contosoassets: Storage Blob Data Contributor [resource]
resource "azurerm_role_assignment" "contoso_developers_contosoassets_storage_blob_data_contributor" {
  name               = uuidv5(local.assignment_namespace, lower("${local.service_ids.contosoassets}|${var.contoso_developers_principal_id}|ba92f5b4-2d11-453d-a403-e96b0029c9fe"))
  scope              = local.service_ids.contosoassets
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe"
  principal_id       = var.contoso_developers_principal_id
  principal_type     = "Group"
  description        = "idtopo: Contoso developers (developer) → contosoassets: Storage Blob Data Contributor [resource]"
  lifecycle {
    ignore_changes = [description]
  }
}

# Contoso developers (developer) → kv-contoso: Key Vault Secrets User [resource]
resource "azurerm_role_assignment" "contoso_developers_kv_contoso_key_vault_secrets_user" {
  name               = uuidv5(local.assignment_namespace, lower("${local.service_ids.kv_contoso}|${var.contoso_developers_principal_id}|4633458b-17de-408a-b874-0445c86b69e6"))
  scope              = local.service_ids.kv_contoso
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6"
  principal_id       = var.contoso_developers_principal_id
  principal_type     = "Group"
  description        = "idtopo: Contoso developers (developer) → kv-contoso: Key Vault Secrets User [resource]"
  lifecycle {
    ignore_changes = [description]
  }
}

# contoso-web (systemAssigned) → contosoassets: Storage Blob Data Contributor [resource]
resource "azurerm_role_assignment" "contoso_web_contosoassets_storage_blob_data_contributor" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.contosoassets}|${var.contoso_web_principal_id}|ba92f5b4-2d11-453d-a403-e96b0029c9fe"))
  scope                            = local.service_ids.contosoassets
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe"
  principal_id                     = var.contoso_web_principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: contoso-web (systemAssigned) → contosoassets: Storage Blob Data Contributor [resource]"
  skip_service_principal_aad_check = true
  lifecycle {
    ignore_changes = [description]
  }
}

# contoso-web (systemAssigned) → kv-contoso: Key Vault Secrets User [resource]
resource "azurerm_role_assignment" "contoso_web_kv_contoso_key_vault_secrets_user" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.kv_contoso}|${var.contoso_web_principal_id}|4633458b-17de-408a-b874-0445c86b69e6"))
  scope                            = local.service_ids.kv_contoso
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6"
  principal_id                     = var.contoso_web_principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: contoso-web (systemAssigned) → kv-contoso: Key Vault Secrets User [resource]"
  skip_service_principal_aad_check = true
  lifecycle {
    ignore_changes = [description]
  }
}

# The identity block each app's own resource needs.
output "app_identities" {
  value = {
    contoso_web = {
      resource_id  = local.app_ids.contoso_web
      type         = "SystemAssigned"
      identity_ids = []
    }
  }
}

# SQL: run in contoso-sql/orders as its Microsoft Entra admin.
output "sql_script_contoso_sql_orders_contoso_developers" {
  value = <<EOT
-- If CREATE USER fails with Msg 33131 (another principal has this name),
-- add WITH OBJECT_ID = '<its object id>' to it and a suffix to the name.
IF DATABASE_PRINCIPAL_ID(N'Contoso developers') IS NULL
    CREATE USER [Contoso developers] FROM EXTERNAL PROVIDER;
ALTER ROLE [db_datareader] ADD MEMBER [Contoso developers];
ALTER ROLE [db_datawriter] ADD MEMBER [Contoso developers];
EOT
}

# SQL: run in contoso-sql/orders as its Microsoft Entra admin.
output "sql_script_contoso_sql_orders_contoso_web" {
  value = <<EOT
-- If CREATE USER fails with Msg 33131 (another principal has this name),
-- add WITH OBJECT_ID = '<its object id>' to it and a suffix to the name.
IF DATABASE_PRINCIPAL_ID(N'contoso-web') IS NULL
    CREATE USER [contoso-web] FROM EXTERNAL PROVIDER;
ALTER ROLE [db_datareader] ADD MEMBER [contoso-web];
ALTER ROLE [db_datawriter] ADD MEMBER [contoso-web];
EOT
}
