# Identity layer of "Every service", exported by idtopo (Identity Topology Designer).
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

variable "ann_example_principal_id" {
  type        = string
  description = "Object ID of the Microsoft Entra user Ann Example."
}

variable "contoso_api_principal_id" {
  type        = string
  description = "Object ID of the system-assigned identity of contoso-api."
}

variable "contoso_developers_principal_id" {
  type        = string
  description = "Object ID of the Microsoft Entra group Contoso developers."
}

variable "contoso_logic_principal_id" {
  type        = string
  description = "Object ID of the system-assigned identity of contoso-logic."
}

# contoso-aks-app (AKS workload), on the cluster: the OIDC issuer and workload identity on (az aks update --enable-oidc-issuer --enable-workload-identity);
# a service account named contoso-aks-app in namespace default, annotated azure.workload.identity/client-id with the client ID of mi-contoso-messaging;
# its pods labelled azure.workload.identity/use: "true" (the connection guide has the code).
variable "contoso_aks_app_oidc_issuer" {
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
    contosost      = "${data.azurerm_resource_group.this.id}/providers/Microsoft.Storage/storageAccounts/contosost"
    contosoarchive = "${data.azurerm_resource_group.this.id}/providers/Microsoft.Storage/storageAccounts/contosoarchive"
    kv_contoso     = "${data.azurerm_resource_group.this.id}/providers/Microsoft.KeyVault/vaults/kv-contoso"
    contoso_bus    = "${data.azurerm_resource_group.this.id}/providers/Microsoft.ServiceBus/namespaces/contoso-bus"
    contoso_events = "${data.azurerm_resource_group.this.id}/providers/Microsoft.EventHub/namespaces/contoso-events"
    contoso_cosmos = "${data.azurerm_resource_group.this.id}/providers/Microsoft.DocumentDB/databaseAccounts/contoso-cosmos"
    contoso_config = "${data.azurerm_resource_group.this.id}/providers/Microsoft.AppConfiguration/configurationStores/contoso-config"
    contoso_openai = "${data.azurerm_resource_group.this.id}/providers/Microsoft.CognitiveServices/accounts/contoso-openai"
  }
  app_ids = {
    contoso_api   = "${data.azurerm_resource_group.this.id}/providers/Microsoft.Web/sites/contoso-api"
    contoso_jobs  = "${data.azurerm_resource_group.this.id}/providers/Microsoft.App/containerApps/contoso-jobs"
    contoso_vm    = "${data.azurerm_resource_group.this.id}/providers/Microsoft.Compute/virtualMachines/contoso-vm"
    contoso_logic = "${data.azurerm_resource_group.this.id}/providers/Microsoft.Logic/workflows/contoso-logic"
  }
}

resource "azurerm_user_assigned_identity" "mi_contoso_data" {
  name                = "mi-contoso-data"
  resource_group_name = data.azurerm_resource_group.this.name
  location            = coalesce(var.location, data.azurerm_resource_group.this.location)
}

resource "azurerm_user_assigned_identity" "mi_contoso_messaging" {
  name                = "mi-contoso-messaging"
  resource_group_name = data.azurerm_resource_group.this.name
  location            = coalesce(var.location, data.azurerm_resource_group.this.location)
}

resource "azurerm_federated_identity_credential" "mi_contoso_messaging_contoso_aks_app_federation" {
  name                      = "contoso-aks-app"
  user_assigned_identity_id = azurerm_user_assigned_identity.mi_contoso_messaging.id
  audience                  = ["api://AzureADTokenExchange"]
  issuer                    = var.contoso_aks_app_oidc_issuer
  subject                   = "system:serviceaccount:default:contoso-aks-app"
}

# Ann Example (developer) → kv-contoso: Key Vault Secrets Officer [resourceGroup]
resource "azurerm_role_assignment" "ann_example_kv_contoso_key_vault_secrets_officer" {
  name               = uuidv5(local.assignment_namespace, lower("${data.azurerm_resource_group.this.id}|${var.ann_example_principal_id}|b86a8fe4-44ce-4948-aee5-eccb2c155cd7"))
  scope              = data.azurerm_resource_group.this.id
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/b86a8fe4-44ce-4948-aee5-eccb2c155cd7"
  principal_id       = var.ann_example_principal_id
  principal_type     = "User"
  description        = "idtopo: Ann Example (developer) → kv-contoso: Key Vault Secrets Officer [resourceGroup]"
  lifecycle {
    ignore_changes = [description]
  }
}

# contoso-api (systemAssigned) → contoso-config: App Configuration Data Reader [resource]
resource "azurerm_role_assignment" "contoso_api_contoso_config_app_configuration_data_reader" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.contoso_config}|${var.contoso_api_principal_id}|516239f1-63e1-4d78-a4de-a74fb236a071"))
  scope                            = local.service_ids.contoso_config
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/516239f1-63e1-4d78-a4de-a74fb236a071"
  principal_id                     = var.contoso_api_principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: contoso-api (systemAssigned) → contoso-config: App Configuration Data Reader [resource]"
  skip_service_principal_aad_check = true
  lifecycle {
    ignore_changes = [description]
  }
}

# contoso-api (systemAssigned) → kv-contoso: Key Vault Crypto User [resource]
resource "azurerm_role_assignment" "contoso_api_kv_contoso_key_vault_crypto_user" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.kv_contoso}|${var.contoso_api_principal_id}|12338af0-0e69-4776-bea7-57ae8d297424"))
  scope                            = local.service_ids.kv_contoso
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/12338af0-0e69-4776-bea7-57ae8d297424"
  principal_id                     = var.contoso_api_principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: contoso-api (systemAssigned) → kv-contoso: Key Vault Crypto User [resource]"
  skip_service_principal_aad_check = true
  lifecycle {
    ignore_changes = [description]
  }
}

# contoso-api (systemAssigned) → kv-contoso: Key Vault Secrets User [resource]
resource "azurerm_role_assignment" "contoso_api_kv_contoso_key_vault_secrets_user" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.kv_contoso}|${var.contoso_api_principal_id}|4633458b-17de-408a-b874-0445c86b69e6"))
  scope                            = local.service_ids.kv_contoso
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6"
  principal_id                     = var.contoso_api_principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: contoso-api (systemAssigned) → kv-contoso: Key Vault Secrets User [resource]"
  skip_service_principal_aad_check = true
  lifecycle {
    ignore_changes = [description]
  }
}

# contoso-api (systemAssigned) → contoso-openai: Cognitive Services OpenAI User [resource]
resource "azurerm_role_assignment" "contoso_api_contoso_openai_cognitive_services_open_ai_user" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.contoso_openai}|${var.contoso_api_principal_id}|5e0bd9bd-7b93-4f28-af87-19fc36ad61bd"))
  scope                            = local.service_ids.contoso_openai
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/5e0bd9bd-7b93-4f28-af87-19fc36ad61bd"
  principal_id                     = var.contoso_api_principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: contoso-api (systemAssigned) → contoso-openai: Cognitive Services OpenAI User [resource]"
  skip_service_principal_aad_check = true
  lifecycle {
    ignore_changes = [description]
  }
}

# Contoso developers (developer) → contosost: Storage Blob Data Contributor [resource]
resource "azurerm_role_assignment" "contoso_developers_contosost_storage_blob_data_contributor" {
  name               = uuidv5(local.assignment_namespace, lower("${local.service_ids.contosost}|${var.contoso_developers_principal_id}|ba92f5b4-2d11-453d-a403-e96b0029c9fe"))
  scope              = local.service_ids.contosost
  role_definition_id = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe"
  principal_id       = var.contoso_developers_principal_id
  principal_type     = "Group"
  description        = "idtopo: Contoso developers (developer) → contosost: Storage Blob Data Contributor [resource]"
  lifecycle {
    ignore_changes = [description]
  }
}

# contoso-logic (systemAssigned) → contoso-bus: Azure Service Bus Data Sender [resource]
resource "azurerm_role_assignment" "contoso_logic_contoso_bus_azure_service_bus_data_sender" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.contoso_bus}|${var.contoso_logic_principal_id}|69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"))
  scope                            = local.service_ids.contoso_bus
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"
  principal_id                     = var.contoso_logic_principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: contoso-logic (systemAssigned) → contoso-bus: Azure Service Bus Data Sender [resource]"
  skip_service_principal_aad_check = true
  lifecycle {
    ignore_changes = [description]
  }
}

# mi-contoso-data (userAssigned) → contosost: Storage Blob Data Contributor [resource]
resource "azurerm_role_assignment" "mi_contoso_data_contosost_storage_blob_data_contributor" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.contosost}|${azurerm_user_assigned_identity.mi_contoso_data.principal_id}|ba92f5b4-2d11-453d-a403-e96b0029c9fe"))
  scope                            = local.service_ids.contosost
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe"
  principal_id                     = azurerm_user_assigned_identity.mi_contoso_data.principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: mi-contoso-data (userAssigned) → contosost: Storage Blob Data Contributor [resource]"
  skip_service_principal_aad_check = true
  lifecycle {
    ignore_changes = [description]
  }
}

# mi-contoso-data (userAssigned) → contosost: Storage Blob Data Reader [resource]
resource "azurerm_role_assignment" "mi_contoso_data_contosost_storage_blob_data_reader" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.contosost}|${azurerm_user_assigned_identity.mi_contoso_data.principal_id}|2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"))
  scope                            = local.service_ids.contosost
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"
  principal_id                     = azurerm_user_assigned_identity.mi_contoso_data.principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: mi-contoso-data (userAssigned) → contosost: Storage Blob Data Reader [resource]"
  skip_service_principal_aad_check = true
  lifecycle {
    ignore_changes = [description]
  }
}

# mi-contoso-data (userAssigned) → contosost: Storage Queue Data Contributor [resource]
resource "azurerm_role_assignment" "mi_contoso_data_contosost_storage_queue_data_contributor" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.contosost}|${azurerm_user_assigned_identity.mi_contoso_data.principal_id}|974c5e8b-45b9-4653-ba55-5f855dd0fb88"))
  scope                            = local.service_ids.contosost
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/974c5e8b-45b9-4653-ba55-5f855dd0fb88"
  principal_id                     = azurerm_user_assigned_identity.mi_contoso_data.principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: mi-contoso-data (userAssigned) → contosost: Storage Queue Data Contributor [resource]"
  skip_service_principal_aad_check = true
  lifecycle {
    ignore_changes = [description]
  }
}

# mi-contoso-data (userAssigned) → contosoarchive: Storage Blob Data Reader [resource]
resource "azurerm_role_assignment" "mi_contoso_data_contosoarchive_storage_blob_data_reader" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.contosoarchive}|${azurerm_user_assigned_identity.mi_contoso_data.principal_id}|2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"))
  scope                            = local.service_ids.contosoarchive
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"
  principal_id                     = azurerm_user_assigned_identity.mi_contoso_data.principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: mi-contoso-data (userAssigned) → contosoarchive: Storage Blob Data Reader [resource]"
  skip_service_principal_aad_check = true
  lifecycle {
    ignore_changes = [description]
  }
}

# mi-contoso-data (userAssigned) → contosoarchive: Storage Table Data Reader [resource]
resource "azurerm_role_assignment" "mi_contoso_data_contosoarchive_storage_table_data_reader" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.contosoarchive}|${azurerm_user_assigned_identity.mi_contoso_data.principal_id}|76199698-9eea-4c19-bc75-cec21354c6b6"))
  scope                            = local.service_ids.contosoarchive
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/76199698-9eea-4c19-bc75-cec21354c6b6"
  principal_id                     = azurerm_user_assigned_identity.mi_contoso_data.principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: mi-contoso-data (userAssigned) → contosoarchive: Storage Table Data Reader [resource]"
  skip_service_principal_aad_check = true
  lifecycle {
    ignore_changes = [description]
  }
}

# mi-contoso-messaging (userAssigned) → contoso-events: Azure Event Hubs Data Receiver [resource]
resource "azurerm_role_assignment" "mi_contoso_messaging_contoso_events_azure_event_hubs_data_receiver" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.contoso_events}|${azurerm_user_assigned_identity.mi_contoso_messaging.principal_id}|a638d3c7-ab3a-418d-83e6-5f17a39d4fde"))
  scope                            = local.service_ids.contoso_events
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/a638d3c7-ab3a-418d-83e6-5f17a39d4fde"
  principal_id                     = azurerm_user_assigned_identity.mi_contoso_messaging.principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: mi-contoso-messaging (userAssigned) → contoso-events: Azure Event Hubs Data Receiver [resource]"
  skip_service_principal_aad_check = true
  lifecycle {
    ignore_changes = [description]
  }
}

# mi-contoso-messaging (userAssigned) → contoso-events: Azure Event Hubs Data Sender [resource]
resource "azurerm_role_assignment" "mi_contoso_messaging_contoso_events_azure_event_hubs_data_sender" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.contoso_events}|${azurerm_user_assigned_identity.mi_contoso_messaging.principal_id}|2b629674-e913-4c01-ae53-ef4638d8f975"))
  scope                            = local.service_ids.contoso_events
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/2b629674-e913-4c01-ae53-ef4638d8f975"
  principal_id                     = azurerm_user_assigned_identity.mi_contoso_messaging.principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: mi-contoso-messaging (userAssigned) → contoso-events: Azure Event Hubs Data Sender [resource]"
  skip_service_principal_aad_check = true
  lifecycle {
    ignore_changes = [description]
  }
}

# mi-contoso-messaging (userAssigned) → contoso-bus: Azure Service Bus Data Receiver [resource]
resource "azurerm_role_assignment" "mi_contoso_messaging_contoso_bus_azure_service_bus_data_receiver" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.contoso_bus}|${azurerm_user_assigned_identity.mi_contoso_messaging.principal_id}|4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0"))
  scope                            = local.service_ids.contoso_bus
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0"
  principal_id                     = azurerm_user_assigned_identity.mi_contoso_messaging.principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: mi-contoso-messaging (userAssigned) → contoso-bus: Azure Service Bus Data Receiver [resource]"
  skip_service_principal_aad_check = true
  lifecycle {
    ignore_changes = [description]
  }
}

# mi-contoso-messaging (userAssigned) → contoso-bus: Azure Service Bus Data Sender [resource]
resource "azurerm_role_assignment" "mi_contoso_messaging_contoso_bus_azure_service_bus_data_sender" {
  name                             = uuidv5(local.assignment_namespace, lower("${local.service_ids.contoso_bus}|${azurerm_user_assigned_identity.mi_contoso_messaging.principal_id}|69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"))
  scope                            = local.service_ids.contoso_bus
  role_definition_id               = "${data.azurerm_subscription.current.id}/providers/Microsoft.Authorization/roleDefinitions/69a216fc-b8fb-44d8-bc22-1f3c2cd27a39"
  principal_id                     = azurerm_user_assigned_identity.mi_contoso_messaging.principal_id
  principal_type                   = "ServicePrincipal"
  description                      = "idtopo: mi-contoso-messaging (userAssigned) → contoso-bus: Azure Service Bus Data Sender [resource]"
  skip_service_principal_aad_check = true
  lifecycle {
    ignore_changes = [description]
  }
}

# Contoso developers (developer) → contoso-cosmos: Cosmos DB Built-in Data Reader [resource] (Cosmos DB data plane)
resource "azurerm_cosmosdb_sql_role_assignment" "contoso_developers_contoso_cosmos_cosmos_db_built_in_data_reader" {
  name                = uuidv5(local.assignment_namespace, lower("${local.service_ids.contoso_cosmos}|${var.contoso_developers_principal_id}|00000000-0000-0000-0000-000000000001"))
  resource_group_name = data.azurerm_resource_group.this.name
  account_name        = "contoso-cosmos"
  role_definition_id  = "${local.service_ids.contoso_cosmos}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000001"
  principal_id        = var.contoso_developers_principal_id
  scope               = local.service_ids.contoso_cosmos
}

# mi-contoso-data (userAssigned) → contoso-cosmos: Cosmos DB Built-in Data Contributor [resource] (Cosmos DB data plane)
resource "azurerm_cosmosdb_sql_role_assignment" "mi_contoso_data_contoso_cosmos_cosmos_db_built_in_data_contributor" {
  name                = uuidv5(local.assignment_namespace, lower("${local.service_ids.contoso_cosmos}|${azurerm_user_assigned_identity.mi_contoso_data.principal_id}|00000000-0000-0000-0000-000000000002"))
  resource_group_name = data.azurerm_resource_group.this.name
  account_name        = "contoso-cosmos"
  role_definition_id  = "${local.service_ids.contoso_cosmos}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002"
  principal_id        = azurerm_user_assigned_identity.mi_contoso_data.principal_id
  scope               = local.service_ids.contoso_cosmos
  depends_on          = [azurerm_cosmosdb_sql_role_assignment.contoso_developers_contoso_cosmos_cosmos_db_built_in_data_reader]
}

# The identity block each app's own resource needs.
output "app_identities" {
  value = {
    contoso_api = {
      resource_id  = local.app_ids.contoso_api
      type         = "SystemAssigned, UserAssigned"
      identity_ids = [azurerm_user_assigned_identity.mi_contoso_data.id, azurerm_user_assigned_identity.mi_contoso_messaging.id]
    }
    contoso_jobs = {
      resource_id  = local.app_ids.contoso_jobs
      type         = "UserAssigned"
      identity_ids = [azurerm_user_assigned_identity.mi_contoso_messaging.id]
    }
    contoso_vm = {
      resource_id  = local.app_ids.contoso_vm
      type         = "UserAssigned"
      identity_ids = [azurerm_user_assigned_identity.mi_contoso_data.id]
    }
    contoso_logic = {
      resource_id  = local.app_ids.contoso_logic
      type         = "SystemAssigned"
      identity_ids = []
    }
  }
}

# Client-ID settings per app (see the connection guide).
output "app_settings" {
  value = {
    contoso_api = {
      MANAGED_IDENTITY_CLIENT_ID_STORAGE_CONTOSOST      = azurerm_user_assigned_identity.mi_contoso_data.client_id
      MANAGED_IDENTITY_CLIENT_ID_STORAGE_CONTOSOARCHIVE = azurerm_user_assigned_identity.mi_contoso_data.client_id
      MANAGED_IDENTITY_CLIENT_ID_COSMOS                 = azurerm_user_assigned_identity.mi_contoso_data.client_id
      MANAGED_IDENTITY_CLIENT_ID_SQL                    = azurerm_user_assigned_identity.mi_contoso_data.client_id
      MANAGED_IDENTITY_CLIENT_ID_SERVICEBUS             = azurerm_user_assigned_identity.mi_contoso_messaging.client_id
    }
    contoso_jobs = {
      AZURE_CLIENT_ID = azurerm_user_assigned_identity.mi_contoso_messaging.client_id
    }
    contoso_vm = {
      AZURE_CLIENT_ID = azurerm_user_assigned_identity.mi_contoso_data.client_id
    }
    contoso_aks_app = {
      AZURE_CLIENT_ID = azurerm_user_assigned_identity.mi_contoso_messaging.client_id
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
EOT
}

# SQL: run in contoso-sql/orders as its Microsoft Entra admin.
output "sql_script_contoso_sql_orders_contoso_logic" {
  value = <<EOT
-- If CREATE USER fails with Msg 33131 (another principal has this name),
-- add WITH OBJECT_ID = '<its object id>' to it and a suffix to the name.
IF DATABASE_PRINCIPAL_ID(N'contoso-logic') IS NULL
    CREATE USER [contoso-logic] FROM EXTERNAL PROVIDER;
ALTER ROLE [db_datawriter] ADD MEMBER [contoso-logic];
EOT
}

# SQL: run in contoso-sql/orders as its Microsoft Entra admin.
output "sql_script_contoso_sql_orders_mi_contoso_data" {
  value = <<EOT
-- If CREATE USER fails with Msg 33131 (another principal has this name),
-- add WITH OBJECT_ID = '<its object id>' to it and a suffix to the name.
IF DATABASE_PRINCIPAL_ID(N'mi-contoso-data') IS NULL
    CREATE USER [mi-contoso-data] FROM EXTERNAL PROVIDER;
ALTER ROLE [db_datareader] ADD MEMBER [mi-contoso-data];
EOT
}
