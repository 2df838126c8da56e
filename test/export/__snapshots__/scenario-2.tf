# Identity layer of "Scenario 2: apps sharing user-assigned identities", exported by idtopo (Identity Topology Designer).
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

data "azurerm_subscription" "current" {}

data "azurerm_resource_group" "this" {
  name = var.resource_group_name
}

locals {
  assignment_namespace = "6f1c9d2e-3b57-4c8a-9e0f-5a7d2b4c8e61"
  service_ids = {
    contosoassets  = "${data.azurerm_resource_group.this.id}/providers/Microsoft.Storage/storageAccounts/contosoassets"
    contoso_cosmos = "${data.azurerm_resource_group.this.id}/providers/Microsoft.DocumentDB/databaseAccounts/contoso-cosmos"
  }
  app_ids = {
    contoso_web_1 = "${data.azurerm_resource_group.this.id}/providers/Microsoft.Web/sites/contoso-web-1"
    contoso_web_2 = "${data.azurerm_resource_group.this.id}/providers/Microsoft.Web/sites/contoso-web-2"
    contoso_func  = "${data.azurerm_resource_group.this.id}/providers/Microsoft.Web/sites/contoso-func"
  }
}

resource "azurerm_user_assigned_identity" "mi_contoso_storage" {
  name                = "mi-contoso-storage"
  resource_group_name = data.azurerm_resource_group.this.name
  location            = coalesce(var.location, data.azurerm_resource_group.this.location)
}

resource "azurerm_user_assigned_identity" "mi_contoso_databases" {
  name                = "mi-contoso-databases"
  resource_group_name = data.azurerm_resource_group.this.name
  location            = coalesce(var.location, data.azurerm_resource_group.this.location)
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

# mi-contoso-storage (userAssigned) → contosoassets: Storage Blob Data Contributor [resource]
resource "azurerm_role_assignment" "mi_contoso_storage_contosoassets_storage_blob_data_contributor" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.contosoassets}|${azurerm_user_assigned_identity.mi_contoso_storage.principal_id}|ba92f5b4-2d11-453d-a403-e96b0029c9fe"))
  scope                            = local.service_ids.contosoassets
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe"
  principal_id                     = azurerm_user_assigned_identity.mi_contoso_storage.principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: mi-contoso-storage (userAssigned) → contosoassets: Storage Blob Data Contributor [resource]"
  skip_service_principal_aad_check = true
  lifecycle {
    ignore_changes = [description]
  }
}

# Contoso developers (developer) → contoso-cosmos: Cosmos DB Built-in Data Contributor [resource] (Cosmos DB data plane)
resource "azurerm_cosmosdb_sql_role_assignment" "contoso_developers_contoso_cosmos_cosmos_db_built_in_data_contributor" {
  name                = uuidv5(local.assignment_namespace, lower("${local.service_ids.contoso_cosmos}|${var.contoso_developers_principal_id}|00000000-0000-0000-0000-000000000002"))
  resource_group_name = data.azurerm_resource_group.this.name
  account_name        = "contoso-cosmos"
  role_definition_id  = "${local.service_ids.contoso_cosmos}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002"
  principal_id        = var.contoso_developers_principal_id
  scope               = local.service_ids.contoso_cosmos
}

# mi-contoso-databases (userAssigned) → contoso-cosmos: Cosmos DB Built-in Data Contributor [resource] (Cosmos DB data plane)
resource "azurerm_cosmosdb_sql_role_assignment" "mi_contoso_databases_contoso_cosmos_cosmos_db_built_in_data_contributor" {
  name                = uuidv5(local.assignment_namespace, lower("${local.service_ids.contoso_cosmos}|${azurerm_user_assigned_identity.mi_contoso_databases.principal_id}|00000000-0000-0000-0000-000000000002"))
  resource_group_name = data.azurerm_resource_group.this.name
  account_name        = "contoso-cosmos"
  role_definition_id  = "${local.service_ids.contoso_cosmos}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002"
  principal_id        = azurerm_user_assigned_identity.mi_contoso_databases.principal_id
  scope               = local.service_ids.contoso_cosmos
  depends_on          = [azurerm_cosmosdb_sql_role_assignment.contoso_developers_contoso_cosmos_cosmos_db_built_in_data_contributor]
}

# The identity block each app's own resource needs.
output "app_identities" {
  value = {
    contoso_web_1 = {
      resource_id  = local.app_ids.contoso_web_1
      type         = "UserAssigned"
      identity_ids = [azurerm_user_assigned_identity.mi_contoso_storage.id, azurerm_user_assigned_identity.mi_contoso_databases.id]
    }
    contoso_web_2 = {
      resource_id  = local.app_ids.contoso_web_2
      type         = "UserAssigned"
      identity_ids = [azurerm_user_assigned_identity.mi_contoso_storage.id, azurerm_user_assigned_identity.mi_contoso_databases.id]
    }
    contoso_func = {
      resource_id  = local.app_ids.contoso_func
      type         = "UserAssigned"
      identity_ids = [azurerm_user_assigned_identity.mi_contoso_storage.id]
    }
  }
}

# Client-ID settings per app (see the connection guide).
output "app_settings" {
  value = {
    contoso_web_1 = {
      MANAGED_IDENTITY_CLIENT_ID_STORAGE = azurerm_user_assigned_identity.mi_contoso_storage.client_id
      MANAGED_IDENTITY_CLIENT_ID_COSMOS  = azurerm_user_assigned_identity.mi_contoso_databases.client_id
      MANAGED_IDENTITY_CLIENT_ID_SQL     = azurerm_user_assigned_identity.mi_contoso_databases.client_id
    }
    contoso_web_2 = {
      MANAGED_IDENTITY_CLIENT_ID_STORAGE = azurerm_user_assigned_identity.mi_contoso_storage.client_id
      MANAGED_IDENTITY_CLIENT_ID_COSMOS  = azurerm_user_assigned_identity.mi_contoso_databases.client_id
      MANAGED_IDENTITY_CLIENT_ID_SQL     = azurerm_user_assigned_identity.mi_contoso_databases.client_id
    }
    contoso_func = {
      AZURE_CLIENT_ID = azurerm_user_assigned_identity.mi_contoso_storage.client_id
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
output "sql_script_contoso_sql_orders_mi_contoso_databases" {
  value = <<EOT
-- If CREATE USER fails with Msg 33131 (another principal has this name),
-- add WITH OBJECT_ID = '<its object id>' to it and a suffix to the name.
IF DATABASE_PRINCIPAL_ID(N'mi-contoso-databases') IS NULL
    CREATE USER [mi-contoso-databases] FROM EXTERNAL PROVIDER;
ALTER ROLE [db_datareader] ADD MEMBER [mi-contoso-databases];
ALTER ROLE [db_datawriter] ADD MEMBER [mi-contoso-databases];
EOT
}
