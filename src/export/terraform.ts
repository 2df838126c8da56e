import type { CloudName } from '../catalog/clouds.ts'
import { assertNever } from '../lib/assert.ts'
import { ASSIGNMENT_NAMESPACE, parseArmId } from '../plan/arm-ids.ts'
import type { AssignCosmosDataRoleAction, AssignRoleAction, PlanPrincipal } from '../plan/types.ts'
import { hclComment, hclString, hclTemplate } from '../lib/encode/hcl.ts'
import { hclBlock } from './hcl.ts'
import type { ExportModel } from './model.ts'
import { outputs } from './terraform-outputs.ts'
import {
  aksSubject,
  aksWorkloadNotes,
  assignmentLabel,
  FEDERATION_AUDIENCE,
  federatedCredentialName,
  knownAssignmentName,
  providerPath,
} from './shared.ts'
import { alignHcl } from './hcl-format.ts'
import { terraformDataPlane } from './terraform-data-plane.ts'
import { roleWords, SymbolTable } from './symbols.ts'

/**
 * The azurerm provider's `environment` for each cloud (its docs: `public`, `usgovernment`,
 * `china`; also ARM_ENVIRONMENT). Without it the provider signs in to and calls the public cloud.
 */
const PROVIDER_ENVIRONMENT: Readonly<Record<CloudName, string>> = {
  AzureCloud: 'public',
  AzureUSGovernment: 'usgovernment',
  AzureChinaCloud: 'china',
}

const RG = 'data.azurerm_resource_group.this'
const SUBSCRIPTION = 'data.azurerm_subscription.current'

/**
 * The identity layer for Terraform's azurerm provider. Existing resources are referenced by id
 * (bound ids as written, others built from the resource group); names of role assignments are
 * the plan's when bound, else uuidv5 over the same key (scope|principal|role) in the same
 * namespace, so Terraform, idtopo apply and the plan all agree on every assignment's name.
 */
export function toTerraform(model: ExportModel): string {
  const symbols = new SymbolTable('snake', ['this', 'current'])
  // Symbols follow the nodes' current names (stable per name, unique per file).
  const sym = (node: string): string => symbols.name(`node:${node}`, model.names[node] ?? node)
  const { context } = model
  const out: string[] = [
    hclComment(
      `Identity layer of "${model.design}", exported by idtopo (Identity Topology Designer).`,
    ),
    "# Apps are referenced, not redeclared: put the app_identities output into each app's own",
    '# resource (its identity block), or enable them with az (e.g. az webapp identity assign),',
    '# before applying this. Not the whole Azure CLI export: the role assignments it makes have',
    '# these same names, and azurerm refuses to create what exists unless it is imported.',
    '# Addresses follow node names: after renaming a node, move its state (a moved block, or',
    '# terraform state mv) before applying, or Terraform re-creates its role assignments.',
    ...hclBlock(
      'terraform',
      hclBlock(
        'required_providers',
        // 4.65 names a federated credential's identity user_assigned_identity_id, the only
        // spelling 5.x takes (its 5.0 upgrade guide); nothing else written here changed in 5.
        hclBlock('azurerm =', ['source  = "hashicorp/azurerm"', 'version = ">= 4.65, < 6.0"']),
      ),
    ),
    '',
    ...hclBlock('provider "azurerm"', [
      'features {}',
      'subscription_id = var.subscription_id',
      ...(model.cloud ? [`environment     = ${hclString(PROVIDER_ENVIRONMENT[model.cloud])}`] : []),
    ]),
    '',
    ...variable('subscription_id', 'Subscription of the resource group.', context.subscriptionId),
    '',
    ...variable(
      'resource_group_name',
      'Resource group of the identities (and of unbound apps and services).',
      context.resourceGroup,
    ),
    '',
    ...hclBlock('variable "location"', [
      'type        = string',
      `description = ${hclString("Location of new identities; the resource group's when null.")}`,
      `default     = ${context.location ? hclString(context.location) : 'null'}`,
    ]),
  ]
  const principalVar = new Map<string, string>()
  const needsVar = (p: PlanPrincipal): boolean =>
    p.type === 'systemAssigned'
      ? !model.apps.find((a) => a.node === p.node)?.principalId
      : p.type === 'developer' && !model.developers.find((d) => d.node === p.node)?.principalId
  for (const a of [
    ...model.roleAssignments,
    ...model.cosmosAssignments,
    ...model.vaultPolicies,
    ...model.redisAssignments,
  ]) {
    if (!needsVar(a.principal) || principalVar.has(a.principal.node)) continue
    const name = symbols.name(
      `var:${a.principal.node}`,
      `${model.names[a.principal.node] ?? a.principal.node} principal id`,
    )
    principalVar.set(a.principal.node, `var.${name}`)
    const what =
      a.principal.type === 'developer'
        ? `the Microsoft Entra ${model.developers.find((d) => d.node === a.principal.node)?.principal ?? 'principal'} ${model.names[a.principal.node]}`
        : `the system-assigned identity of ${model.names[a.principal.node]}`
    out.push('', ...variable(name, `Object ID of ${what}.`, undefined))
  }
  const aks = model.apps.filter((a) => a.hosting === 'aksWorkload' && a.identities.length > 0)
  for (const app of aks)
    out.push(
      '',
      ...aksWorkloadNotes(model, app).map(hclComment),
      ...variable(
        symbols.name(`issuer:${app.node}`, `${app.name} oidc issuer`),
        `OIDC issuer URL of the AKS cluster running ${model.names[app.node]}.`,
        undefined,
      ),
    )
  out.push(
    '',
    `data "azurerm_subscription" "current" {}`,
    '',
    ...hclBlock('data "azurerm_resource_group" "this"', ['name = var.resource_group_name']),
  )

  const idOf = (node: string, armType: string, resourceId: string | undefined): string =>
    resourceId
      ? hclString(resourceId)
      : hclTemplate({ ref: `${RG}.id` }, providerPath(armType, model.names[node] ?? node))
  const targets = model.services.map(
    (s) => [sym(s.node), idOf(s.node, s.armType, s.resourceId)] as const,
  )
  const apps = model.apps.filter((a) => a.hosting !== 'aksWorkload')
  out.push(
    '',
    ...hclBlock('locals', [
      `assignment_namespace = ${hclString(ASSIGNMENT_NAMESPACE)}`,
      ...objectLines('service_ids', targets),
      ...objectLines(
        'app_ids',
        apps.map((a) => [sym(a.node), idOf(a.node, a.armType, a.resourceId)] as const),
      ),
    ]),
  )

  for (const identity of model.identities) {
    const s = sym(identity.node)
    const parts = identity.resourceId ? parseArmId(identity.resourceId) : undefined
    out.push(
      '',
      ...(parts
        ? hclBlock(`data "azurerm_user_assigned_identity" "${s}"`, [
            `name                = ${hclString(parts.name ?? identity.name)}`,
            `resource_group_name = ${hclString(parts.resourceGroup ?? '')}`,
          ])
        : hclBlock(`resource "azurerm_user_assigned_identity" "${s}"`, [
            `name                = ${hclString(identity.name)}`,
            `resource_group_name = ${RG}.name`,
            `location            = coalesce(var.location, ${RG}.location)`,
          ])),
    )
  }
  const identityRef = (node: string): string =>
    `${model.identities.find((i) => i.node === node)?.resourceId ? 'data.' : ''}azurerm_user_assigned_identity.${sym(node)}`
  // Managed Identity refuses concurrent federated credential writes under one identity (409):
  // each credential of an identity waits for the one before it.
  const lastCredential = new Map<string, string>()
  for (const app of aks)
    for (const identity of app.identities) {
      const symbol = symbols.name(
        `fic:${app.node}:${identity}`,
        `${model.names[identity] ?? identity} ${app.name} federation`,
      )
      const before = lastCredential.get(identity)
      lastCredential.set(identity, symbol)
      out.push(
        '',
        ...hclBlock(`resource "azurerm_federated_identity_credential" "${symbol}"`, [
          `name = ${hclString(federatedCredentialName(model.names[app.node] ?? app.node))}`,
          `user_assigned_identity_id = ${identityRef(identity)}.id`,
          `audience = [${hclString(FEDERATION_AUDIENCE)}]`,
          `issuer = var.${symbols.name(`issuer:${app.node}`)}`,
          `subject = ${hclString(aksSubject(model.names[app.node] ?? app.node))}`,
          ...(before ? [`depends_on = [azurerm_federated_identity_credential.${before}]`] : []),
        ]),
      )
    }

  const principalOf = (p: PlanPrincipal): string => {
    switch (p.type) {
      case 'userAssigned':
        return `${identityRef(p.node)}.principal_id`
      case 'systemAssigned':
        return (
          principalVar.get(p.node) ??
          hclString(model.apps.find((x) => x.node === p.node)?.principalId ?? '')
        )
      case 'developer':
        return (
          principalVar.get(p.node) ??
          hclString(model.developers.find((d) => d.node === p.node)?.principalId ?? '')
        )
      default:
        return assertNever(p.type)
    }
  }
  const principalId = (a: AssignRoleAction | AssignCosmosDataRoleAction): string =>
    a.arm ? hclString(a.arm.principalId) : principalOf(a.principal)
  const scopeOf = (a: AssignRoleAction): string => {
    const bound = model.services.find((s) => s.node === a.target)?.resourceId
    const parts = bound ? parseArmId(bound) : undefined
    switch (a.scope) {
      case 'resource':
        return `local.service_ids.${sym(a.target)}`
      case 'resourceGroup':
        return parts?.resourceGroup
          ? hclString(
              `/subscriptions/${parts.subscriptionId}/resourceGroups/${parts.resourceGroup}`,
            )
          : `${RG}.id`
      case 'subscription':
        return parts ? hclString(`/subscriptions/${parts.subscriptionId}`) : `${SUBSCRIPTION}.id`
      default:
        return assertNever(a.scope)
    }
  }
  const knownPrincipal = (a: AssignRoleAction | AssignCosmosDataRoleAction): string | undefined =>
    a.arm?.principalId ??
    (a.principal.type === 'systemAssigned'
      ? model.apps.find((x) => x.node === a.principal.node)?.principalId
      : model.developers.find((d) => d.node === a.principal.node)?.principalId)
  const name = (a: AssignRoleAction | AssignCosmosDataRoleAction, scope: string): string => {
    const known = knownAssignmentName(model, a, knownPrincipal(a))
    return known
      ? hclString(known)
      : `uuidv5(local.assignment_namespace, lower(${hclTemplate({ ref: scope }, '|', { ref: principalId(a) }, `|${a.roleDefinitionId}`)}))`
  }
  const resourceName = (a: AssignRoleAction | AssignCosmosDataRoleAction): string =>
    symbols.name(
      `${a.action}:${a.principal.type}:${a.principal.node}:${a.target}:${a.roleDefinitionId}:${a.scope}`,
      `${model.names[a.principal.node] ?? a.principal.node} ${model.names[a.target] ?? a.target} ${roleWords(a.roleName)}`,
    )
  for (const a of model.roleAssignments) {
    const scope = scopeOf(a)
    out.push(
      '',
      hclComment(assignmentLabel(model, a)),
      ...hclBlock(`resource "azurerm_role_assignment" "${resourceName(a)}"`, [
        `name                 = ${name(a, scope)}`,
        `scope                = ${scope}`,
        `role_definition_id   = ${a.arm ? hclString(a.arm.roleDefinitionId) : hclTemplate({ ref: `${SUBSCRIPTION}.id` }, `/providers/Microsoft.Authorization/roleDefinitions/${a.roleDefinitionId}`)}`,
        `principal_id         = ${principalId(a)}`,
        `principal_type       = ${hclString(a.principalType)}`,
        `description          = ${hclString(`idtopo: ${assignmentLabel(model, a)}`)}`,
        ...(a.principalType === 'ServicePrincipal'
          ? ['skip_service_principal_aad_check = true']
          : []),
        // The description names nodes, and azurerm before 5.2 replaces an assignment whose
        // description changes (ForceNew): renaming a node must not take its access away.
        ...hclBlock('lifecycle', ['ignore_changes = [description]']),
      ]),
    )
  }
  // Cosmos DB locks the account for each data-role write (412 to a concurrent one): each
  // assignment of an account waits for the one before it.
  const lastOnAccount = new Map<string, string>()
  for (const a of model.cosmosAssignments) {
    const account = `local.service_ids.${sym(a.target)}`
    const bound = model.services.find((s) => s.node === a.target)?.resourceId
    const parts = bound ? parseArmId(bound) : undefined
    const symbol = resourceName(a)
    const before = lastOnAccount.get(a.target)
    lastOnAccount.set(a.target, symbol)
    out.push(
      '',
      hclComment(`${assignmentLabel(model, a)} (Cosmos DB data plane)`),
      ...hclBlock(`resource "azurerm_cosmosdb_sql_role_assignment" "${symbol}"`, [
        `name = ${name(a, account)}`,
        `resource_group_name = ${parts?.resourceGroup ? hclString(parts.resourceGroup) : `${RG}.name`}`,
        `account_name = ${hclString(parts?.name ?? model.names[a.target] ?? a.target)}`,
        `role_definition_id = ${hclTemplate({ ref: account }, `/sqlRoleDefinitions/${a.roleDefinitionId}`)}`,
        `principal_id = ${principalId(a)}`,
        `scope = ${account}`,
        ...(before ? [`depends_on = [azurerm_cosmosdb_sql_role_assignment.${before}]`] : []),
      ]),
    )
  }
  out.push(
    ...terraformDataPlane(model, symbols, principalOf, (node) => `local.service_ids.${sym(node)}`),
  )
  out.push(...outputs(model, sym, symbols, identityRef))
  // terraform fmt's alignment of `=`, so the file is as `terraform fmt` leaves it.
  return `${alignHcl(out.join('\n').split('\n')).join('\n')}\n`
}

function variable(name: string, description: string, value: string | undefined): string[] {
  return hclBlock(`variable "${name}"`, [
    'type        = string',
    `description = ${hclString(description)}`,
    ...(value ? [`default     = ${hclString(value)}`] : []),
  ])
}

function objectLines(name: string, entries: readonly (readonly [string, string])[]): string[] {
  if (entries.length === 0) return []
  return [`${name} = {`, ...entries.map(([k, v]) => `  ${k} = ${v}`), '}']
}
