# Identity layer of "Every service", exported by idtopo (Identity Topology Designer).
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

variable "ann_principal_id" {
  type        = string
  description = "Object ID of the Microsoft Entra user Ann Example."
}

variable "api_principal_id" {
  type        = string
  description = "Object ID of the system-assigned identity of contoso-api."
}

variable "devs_principal_id" {
  type        = string
  description = "Object ID of the Microsoft Entra group Contoso developers."
}

variable "logic_principal_id" {
  type        = string
  description = "Object ID of the system-assigned identity of contoso-logic."
}

variable "aks_oidc_issuer" {
  type        = string
  description = "OIDC issuer URL of the AKS cluster running contoso-aks-app."
}

data "azurerm_subscription" "current" {}

data "azurerm_resource_group" "this" {
  name = var.resource_group_name
}

locals {
  assignment_namespace = "6f1c9d2e-3b57-4c8a-9e0f-5a7d2b4c8e61"
  service_ids = {
    st     = "${data.azurerm_resource_group.this.id}/providers/Microsoft.Storage/storageAccounts/contosost"
    st2    = "${data.azurerm_resource_group.this.id}/providers/Microsoft.Storage/storageAccounts/contosoarchive"
    kv     = "${data.azurerm_resource_group.this.id}/providers/Microsoft.KeyVault/vaults/kv-contoso"
    sb     = "${data.azurerm_resource_group.this.id}/providers/Microsoft.ServiceBus/namespaces/contoso-bus"
    eh     = "${data.azurerm_resource_group.this.id}/providers/Microsoft.EventHub/namespaces/contoso-events"
    cosmos = "${data.azurerm_resource_group.this.id}/providers/Microsoft.DocumentDB/databaseAccounts/contoso-cosmos"
    cfg    = "${data.azurerm_resource_group.this.id}/providers/Microsoft.AppConfiguration/configurationStores/contoso-config"
    oai    = "${data.azurerm_resource_group.this.id}/providers/Microsoft.CognitiveServices/accounts/contoso-openai"
  }
  app_ids = {
    api   = "${data.azurerm_resource_group.this.id}/providers/Microsoft.Web/sites/contoso-api"
    jobs  = "${data.azurerm_resource_group.this.id}/providers/Microsoft.App/containerApps/contoso-jobs"
    vm    = "${data.azurerm_resource_group.this.id}/providers/Microsoft.Compute/virtualMachines/contoso-vm"
    logic = "${data.azurerm_resource_group.this.id}/providers/Microsoft.Logic/workflows/contoso-logic"
  }
}

resource "azurerm_user_assigned_identity" "mi_data" {
  name                = "mi-contoso-data"
  resource_group_name = data.azurerm_resource_group.this.name
  location            = coalesce(var.location, data.azurerm_resource_group.this.location)
}

resource "azurerm_user_assigned_identity" "mi_msg" {
  name                = "mi-contoso-messaging"
  resource_group_name = data.azurerm_resource_group.this.name
  location            = coalesce(var.location, data.azurerm_resource_group.this.location)
}

resource "azurerm_federated_identity_credential" "mi_msg_aks_federation" {
  name      = "contoso-aks-app"
  parent_id = azurerm_user_assigned_identity.mi_msg.id
  audience  = ["api://AzureADTokenExchange"]
  issuer    = var.aks_oidc_issuer
  subject   = "system:serviceaccount:default:contoso-aks-app"
}

# ann (developer) → kv: Key Vault Secrets Officer [resourceGroup]
resource "azurerm_role_assignment" "ann_kv_key_vault_secrets_officer" {
  name               = uuidv5(local.assignment_namespace, lower("${data.azurerm_resource_group.this.id}|${var.ann_principal_id}|b86a8fe4-44ce-4948-aee5-eccb2c155cd7"))
  scope              = data.azurerm_resource_group.this.id
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/b86a8fe4-44ce-4948-aee5-eccb2c155cd7"
  principal_id       = var.ann_principal_id
  principal_type     = "User"
  description        = "idtopo: ann (developer) → kv: Key Vault Secrets Officer [resourceGroup]"
}

# api (systemAssigned) → cfg: App Configuration Data Reader [resource]
resource "azurerm_role_assignment" "api_cfg_app_configuration_data_reader" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.cfg}|${var.api_principal_id}|516239f1-63e1-4d78-a4de-a74fb236a071"))
  scope                            = local.service_ids.cfg
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/516239f1-63e1-4d78-a4de-a74fb236a071"
  principal_id                     = var.api_principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: api (systemAssigned) → cfg: App Configuration Data Reader [resource]"
  skip_service_principal_aad_check = true
}

# api (systemAssigned) → kv: Key Vault Crypto User [resource]
resource "azurerm_role_assignment" "api_kv_key_vault_crypto_user" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.kv}|${var.api_principal_id}|12338af0-0e69-4776-bea7-57ae8d297424"))
  scope                            = local.service_ids.kv
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/12338af0-0e69-4776-bea7-57ae8d297424"
  principal_id                     = var.api_principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: api (systemAssigned) → kv: Key Vault Crypto User [resource]"
  skip_service_principal_aad_check = true
}

# api (systemAssigned) → kv: Key Vault Secrets User [resource]
resource "azurerm_role_assignment" "api_kv_key_vault_secrets_user" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.kv}|${var.api_principal_id}|4633458b-17de-408a-b874-0445c86b69e6"))
  scope                            = local.service_ids.kv
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6"
  principal_id                     = var.api_principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: api (systemAssigned) → kv: Key Vault Secrets User [resource]"
  skip_service_principal_aad_check = true
}

# api (systemAssigned) → oai: Cognitive Services OpenAI User [resource]
resource "azurerm_role_assignment" "api_oai_cognitive_services_open_ai_user" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.oai}|${var.api_principal_id}|5e0bd9bd-7b93-4f28-af87-19fc36ad61bd"))
  scope                            = local.service_ids.oai
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/5e0bd9bd-7b93-4f28-af87-19fc36ad61bd"
  principal_id                     = var.api_principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: api (systemAssigned) → oai: Cognitive Services OpenAI User [resource]"
  skip_service_principal_aad_check = true
}

# devs (developer) → st: Storage Blob Data Contributor [resource]
resource "azurerm_role_assignment" "devs_st_storage_blob_data_contributor" {
  name               = uuidv5(local.assignment_namespace, lower("${local.service_ids.st}|${var.devs_principal_id}|ba92f5b4-2d11-453d-a403-e96b0029c9fe"))
  scope              = local.service_ids.st
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe"
  principal_id       = var.devs_principal_id
  principal_type     = "Group"
  description        = "idtopo: devs (developer) → st: Storage Blob Data Contributor [resource]"
}

# logic (systemAssigned) → sb: Azure Service Bus Data Sender [resource]
resource "azurerm_role_assignment" "logic_sb_azure_service_bus_data_sender" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.sb}|${var.logic_principal_id}|69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"))
  scope                            = local.service_ids.sb
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"
  principal_id                     = var.logic_principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: logic (systemAssigned) → sb: Azure Service Bus Data Sender [resource]"
  skip_service_principal_aad_check = true
}

# mi-data (userAssigned) → st: Storage Blob Data Contributor [resource]
resource "azurerm_role_assignment" "mi_data_st_storage_blob_data_contributor" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.st}|${azurerm_user_assigned_identity.mi_data.principal_id}|ba92f5b4-2d11-453d-a403-e96b0029c9fe"))
  scope                            = local.service_ids.st
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe"
  principal_id                     = azurerm_user_assigned_identity.mi_data.principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: mi-data (userAssigned) → st: Storage Blob Data Contributor [resource]"
  skip_service_principal_aad_check = true
}

# mi-data (userAssigned) → st: Storage Blob Data Reader [resource]
resource "azurerm_role_assignment" "mi_data_st_storage_blob_data_reader" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.st}|${azurerm_user_assigned_identity.mi_data.principal_id}|2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"))
  scope                            = local.service_ids.st
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"
  principal_id                     = azurerm_user_assigned_identity.mi_data.principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: mi-data (userAssigned) → st: Storage Blob Data Reader [resource]"
  skip_service_principal_aad_check = true
}

# mi-data (userAssigned) → st: Storage Queue Data Contributor [resource]
resource "azurerm_role_assignment" "mi_data_st_storage_queue_data_contributor" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.st}|${azurerm_user_assigned_identity.mi_data.principal_id}|974c5e8b-45b9-4653-ba55-5f855dd0fb88"))
  scope                            = local.service_ids.st
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/974c5e8b-45b9-4653-ba55-5f855dd0fb88"
  principal_id                     = azurerm_user_assigned_identity.mi_data.principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: mi-data (userAssigned) → st: Storage Queue Data Contributor [resource]"
  skip_service_principal_aad_check = true
}

# mi-data (userAssigned) → st2: Storage Blob Data Reader [resource]
resource "azurerm_role_assignment" "mi_data_st2_storage_blob_data_reader" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.st2}|${azurerm_user_assigned_identity.mi_data.principal_id}|2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"))
  scope                            = local.service_ids.st2
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"
  principal_id                     = azurerm_user_assigned_identity.mi_data.principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: mi-data (userAssigned) → st2: Storage Blob Data Reader [resource]"
  skip_service_principal_aad_check = true
}

# mi-data (userAssigned) → st2: Storage Table Data Reader [resource]
resource "azurerm_role_assignment" "mi_data_st2_storage_table_data_reader" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.st2}|${azurerm_user_assigned_identity.mi_data.principal_id}|76199698-9eea-4c19-bc75-cec21354c6b6"))
  scope                            = local.service_ids.st2
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/76199698-9eea-4c19-bc75-cec21354c6b6"
  principal_id                     = azurerm_user_assigned_identity.mi_data.principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: mi-data (userAssigned) → st2: Storage Table Data Reader [resource]"
  skip_service_principal_aad_check = true
}

# mi-msg (userAssigned) → eh: Azure Event Hubs Data Receiver [resource]
resource "azurerm_role_assignment" "mi_msg_eh_azure_event_hubs_data_receiver" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.eh}|${azurerm_user_assigned_identity.mi_msg.principal_id}|a638d3c7-ab3a-418d-83e6-5f17a39d4fde"))
  scope                            = local.service_ids.eh
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/a638d3c7-ab3a-418d-83e6-5f17a39d4fde"
  principal_id                     = azurerm_user_assigned_identity.mi_msg.principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: mi-msg (userAssigned) → eh: Azure Event Hubs Data Receiver [resource]"
  skip_service_principal_aad_check = true
}

# mi-msg (userAssigned) → eh: Azure Event Hubs Data Sender [resource]
resource "azurerm_role_assignment" "mi_msg_eh_azure_event_hubs_data_sender" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.eh}|${azurerm_user_assigned_identity.mi_msg.principal_id}|2b629674-e913-4c01-ae53-ef4638d8f975"))
  scope                            = local.service_ids.eh
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/2b629674-e913-4c01-ae53-ef4638d8f975"
  principal_id                     = azurerm_user_assigned_identity.mi_msg.principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: mi-msg (userAssigned) → eh: Azure Event Hubs Data Sender [resource]"
  skip_service_principal_aad_check = true
}

# mi-msg (userAssigned) → sb: Azure Service Bus Data Receiver [resource]
resource "azurerm_role_assignment" "mi_msg_sb_azure_service_bus_data_receiver" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.sb}|${azurerm_user_assigned_identity.mi_msg.principal_id}|4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0"))
  scope                            = local.service_ids.sb
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0"
  principal_id                     = azurerm_user_assigned_identity.mi_msg.principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: mi-msg (userAssigned) → sb: Azure Service Bus Data Receiver [resource]"
  skip_service_principal_aad_check = true
}

# mi-msg (userAssigned) → sb: Azure Service Bus Data Sender [resource]
resource "azurerm_role_assignment" "mi_msg_sb_azure_service_bus_data_sender" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.sb}|${azurerm_user_assigned_identity.mi_msg.principal_id}|69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"))
  scope                            = local.service_ids.sb
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"
  principal_id                     = azurerm_user_assigned_identity.mi_msg.principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: mi-msg (userAssigned) → sb: Azure Service Bus Data Sender [resource]"
  skip_service_principal_aad_check = true
}

# devs (developer) → cosmos: Cosmos DB Built-in Data Reader (Cosmos DB data plane)
resource "azurerm_cosmosdb_sql_role_assignment" "devs_cosmos_cosmos_db_built_in_data_reader" {
  name                = uuidv5(local.assignment_namespace, lower("${local.service_ids.cosmos}|${var.devs_principal_id}|00000000-0000-0000-0000-000000000001"))
  resource_group_name = data.azurerm_resource_group.this.name
  account_name        = "contoso-cosmos"
  role_definition_id  = "${local.service_ids.cosmos}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000001"
  principal_id        = var.devs_principal_id
  scope               = local.service_ids.cosmos
}

# mi-data (userAssigned) → cosmos: Cosmos DB Built-in Data Contributor (Cosmos DB data plane)
resource "azurerm_cosmosdb_sql_role_assignment" "mi_data_cosmos_cosmos_db_built_in_data_contributor" {
  name                = uuidv5(local.assignment_namespace, lower("${local.service_ids.cosmos}|${azurerm_user_assigned_identity.mi_data.principal_id}|00000000-0000-0000-0000-000000000002"))
  resource_group_name = data.azurerm_resource_group.this.name
  account_name        = "contoso-cosmos"
  role_definition_id  = "${local.service_ids.cosmos}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002"
  principal_id        = azurerm_user_assigned_identity.mi_data.principal_id
  scope               = local.service_ids.cosmos
  depends_on          = [azurerm_cosmosdb_sql_role_assignment.devs_cosmos_cosmos_db_built_in_data_reader]
}

# The identity block each app's own resource needs.
output "app_identities" {
  value = {
    api = {
      resource_id  = local.app_ids.api
      type         = "SystemAssigned, UserAssigned"
      identity_ids = [azurerm_user_assigned_identity.mi_data.id, azurerm_user_assigned_identity.mi_msg.id]
    }
    jobs = {
      resource_id  = local.app_ids.jobs
      type         = "UserAssigned"
      identity_ids = [azurerm_user_assigned_identity.mi_msg.id]
    }
    vm = {
      resource_id  = local.app_ids.vm
      type         = "UserAssigned"
      identity_ids = [azurerm_user_assigned_identity.mi_data.id]
    }
    logic = {
      resource_id  = local.app_ids.logic
      type         = "SystemAssigned"
      identity_ids = []
    }
  }
}

# Client-ID settings per app (see the connection guide).
output "app_settings" {
  value = {
    api = {
      MANAGED_IDENTITY_CLIENT_ID_STORAGE_CONTOSOST      = azurerm_user_assigned_identity.mi_data.client_id
      MANAGED_IDENTITY_CLIENT_ID_STORAGE_CONTOSOARCHIVE = azurerm_user_assigned_identity.mi_data.client_id
      MANAGED_IDENTITY_CLIENT_ID_COSMOS                 = azurerm_user_assigned_identity.mi_data.client_id
      MANAGED_IDENTITY_CLIENT_ID_SQL                    = azurerm_user_assigned_identity.mi_data.client_id
      MANAGED_IDENTITY_CLIENT_ID_SERVICEBUS             = azurerm_user_assigned_identity.mi_msg.client_id
    }
    jobs = {
      AZURE_CLIENT_ID = azurerm_user_assigned_identity.mi_msg.client_id
    }
    vm = {
      AZURE_CLIENT_ID = azurerm_user_assigned_identity.mi_data.client_id
    }
    aks = {
      AZURE_CLIENT_ID = azurerm_user_assigned_identity.mi_msg.client_id
    }
  }
}

# SQL: run in contoso-sql/orders as its Microsoft Entra admin.
output "sql_script_sql_devs" {
  value = <<-EOT
    IF DATABASE_PRINCIPAL_ID(N'Contoso developers') IS NULL
        CREATE USER [Contoso developers] FROM EXTERNAL PROVIDER;
    ALTER ROLE [db_datareader] ADD MEMBER [Contoso developers];
  EOT
}

# SQL: run in contoso-sql/orders as its Microsoft Entra admin.
output "sql_script_sql_logic" {
  value = <<-EOT
    IF DATABASE_PRINCIPAL_ID(N'contoso-logic') IS NULL
        CREATE USER [contoso-logic] FROM EXTERNAL PROVIDER;
    ALTER ROLE [db_datawriter] ADD MEMBER [contoso-logic];
  EOT
}

# SQL: run in contoso-sql/orders as its Microsoft Entra admin.
output "sql_script_sql_mi_data" {
  value = <<-EOT
    IF DATABASE_PRINCIPAL_ID(N'mi-contoso-data') IS NULL
        CREATE USER [mi-contoso-data] FROM EXTERNAL PROVIDER;
    ALTER ROLE [db_datareader] ADD MEMBER [mi-contoso-data];
  EOT
}
