import { CLOUD_DATA_PLANES } from '../catalog/clouds.ts'
import { IDENTITY_ARM_TYPE } from '../catalog/hosting.ts'
import { assertNever } from '../lib/assert.ts'
import type { AssignCosmosDataRoleAction, AssignRoleAction, PlanPrincipal } from '../plan/types.ts'
import { typeWithVersion } from './api-versions.ts'
import {
  bicepComment,
  bicepCommentedOut,
  bicepMultiline,
  bicepString,
  bicepTemplate,
} from '../lib/encode/bicep.ts'
import { parseArmId } from '../plan/arm-ids.ts'
import { BICEP_RESERVED, bicepObject, existingResource, inDeploymentGroup } from './bicep-syntax.ts'
import { identityType, type ExportModel } from './model.ts'
import {
  aksSubject,
  aksWorkloadNotes,
  assignmentLabel,
  FEDERATION_AUDIENCE,
  federatedCredentialName,
  knownAssignmentName,
  scriptEngine,
  sqlOutputName,
} from './shared.ts'
import { dataPlaneGrants } from './bicep-data-plane.ts'
import { roleWords, SymbolTable } from './symbols.ts'

const FEDERATED = 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials'

/**
 * The identity layer as one resource-group Bicep file: user-assigned identities, role
 * assignments (always with principalType) and Cosmos DB sqlRoleAssignments on `existing`
 * services, AKS federated credentials; app identity settings, client-ID settings and SQL
 * scripts as outputs, since Bicep deploys whole resources and this file does not own the apps.
 */
export function toBicep(model: ExportModel): string {
  const symbols = new SymbolTable('camel', BICEP_RESERVED)
  // Symbols follow the nodes' current names (stable per name, unique per file).
  const sym = (node: string): string => symbols.name(`node:${node}`, model.names[node] ?? node)
  const out: string[] = [
    bicepComment(
      `Identity layer of "${model.design}", exported by idtopo (Identity Topology Designer).`,
    ),
    ...(model.cloud
      ? [
          bicepComment(
            `For ${CLOUD_DATA_PLANES[model.cloud].label}: first az cloud set --name ${model.cloud}, then az login.`,
          ),
        ]
      : []),
    bicepComment(
      'Deploy: az deployment group create --resource-group <group> --template-file <this file>',
    ),
    bicepComment(
      'Apps are referenced, not redeclared: enable their identities first (the appIdentities output,',
    ),
    bicepComment(
      'e.g. az webapp identity assign), since a system-assigned principal must exist to be granted.',
    ),
    bicepComment(
      "Role assignment names: idtopo apply's UUID v5 when the principal id and scope are known (the",
    ),
    bicepComment(
      'same name in every export); otherwise guid(scope, principal resource id, role): a principal',
    ),
    bicepComment(
      'id created by this deployment is a run-time value, and Bicep has no UUID v5 function. Those',
    ),
    bicepComment(
      'differ from the names idtopo apply and the Azure CLI export give: an assignment either made',
    ),
    bicepComment(
      'already is refused here (RoleAssignmentExists, one per scope, principal and role): use one.',
    ),
    "targetScope = 'resourceGroup'",
    '',
    "@description('Location of the user-assigned identities this file creates.')",
    `param location string = ${model.context.location ? bicepString(model.context.location) : 'resourceGroup().location'}`,
  ]
  const principalParam = new Map<string, string>()
  for (const dev of model.developers) {
    if (dev.principalId) continue
    const name = symbols.name(`param:${dev.node}`, `${dev.name} principal id`)
    principalParam.set(dev.node, name)
    out.push(
      '',
      `@description(${bicepString(`Object ID of the Microsoft Entra ${dev.principal} ${dev.name}.`)})`,
      `param ${name} string`,
    )
  }
  // An AKS workload is not declared here (its pods use workload identity): a system-assigned
  // principal granted anyway (hosting-identity-unsupported) is a parameter, like a developer's.
  for (const app of model.apps) {
    const granted = [...model.roleAssignments, ...model.cosmosAssignments].some(
      (a) => a.principal.type === 'systemAssigned' && a.principal.node === app.node,
    )
    if (app.hosting !== 'aksWorkload' || app.principalId || !granted) continue
    const name = symbols.name(`param:${app.node}`, `${app.name} principal id`)
    principalParam.set(app.node, name)
    out.push(
      '',
      `@description(${bicepString(`Object ID of the system-assigned identity of ${app.name}.`)})`,
      `param ${name} string`,
    )
  }
  const aks = model.apps.filter((a) => a.hosting === 'aksWorkload' && a.identities.length > 0)
  // A child of an identity in another group cannot be deployed from this file (Bicep BCP165:
  // a resource's ancestor under a different scope): such credentials are written commented out.
  const deployableUnder = (identity: string): boolean =>
    inDeploymentGroup(model.identities.find((i) => i.node === identity)?.resourceId, model.context)
  const issuerParam = new Map<string, string>()
  for (const app of aks) {
    const name = symbols.name(`issuer:${app.node}`, `${app.name} oidc issuer`)
    issuerParam.set(app.node, name)
    out.push('', ...aksWorkloadNotes(model, app).map(bicepComment))
    // A parameter only commented-out credentials read would be asked for and never used.
    if (!app.identities.some(deployableUnder)) continue
    out.push(
      `@description(${bicepString(`OIDC issuer URL of the AKS cluster running ${app.name} (az aks show --query oidcIssuerProfile.issuerUrl).`)})`,
      `param ${name} string`,
    )
  }

  if (model.identities.length > 0) out.push('', bicepComment('User-assigned identities'))
  for (const identity of model.identities) {
    out.push('')
    if (identity.resourceId)
      out.push(
        ...existingResource(
          sym(identity.node),
          IDENTITY_ARM_TYPE,
          identity.name,
          identity.resourceId,
          model.context,
        ),
      )
    else
      out.push(
        `resource ${sym(identity.node)} ${bicepString(typeWithVersion(IDENTITY_ARM_TYPE))} = {`,
        `  name: ${bicepString(identity.name)}`,
        '  location: location',
        '}',
      )
  }
  // Managed Identity refuses concurrent federated credential writes under one identity (409):
  // each credential of an identity waits for the one before it.
  const lastCredential = new Map<string, string>()
  for (const app of aks)
    for (const identity of app.identities) {
      const symbol = symbols.name(
        `fic:${app.node}:${identity}`,
        `${model.names[identity] ?? identity} ${app.name} federation`,
      )
      const deployable = deployableUnder(identity)
      const before = deployable ? lastCredential.get(identity) : undefined
      if (deployable) lastCredential.set(identity, symbol)
      const block = [
        `resource ${symbol} ${bicepString(typeWithVersion(FEDERATED))} = {`,
        `  parent: ${sym(identity)}`,
        `  name: ${bicepString(federatedCredentialName(app.name))}`,
        '  properties: {',
        `    issuer: ${issuerParam.get(app.node)}`,
        `    subject: ${bicepString(aksSubject(app.name))}`,
        `    audiences: [${bicepString(FEDERATION_AUDIENCE)}]`,
        '  }',
        ...(before ? [`  dependsOn: [${before}]`] : []),
        '}',
      ]
      out.push(
        '',
        ...(deployable
          ? block
          : [
              bicepComment(
                'Not deployable from this resource-group file (the identity is in another resource group): deploy it there, or run the Azure CLI export.',
              ),
              ...bicepCommentedOut(block),
            ]),
      )
    }

  const referenced = model.apps.filter((a) => a.hosting !== 'aksWorkload')
  if (referenced.length > 0) out.push('', bicepComment('Apps (existing)'))
  for (const app of referenced)
    out.push(
      '',
      ...existingResource(sym(app.node), app.armType, app.name, app.resourceId, model.context),
    )
  if (model.services.length > 0) out.push('', bicepComment('Services (existing)'))
  for (const s of model.services)
    out.push('', ...existingResource(sym(s.node), s.armType, s.name, s.resourceId, model.context))

  const principal = (p: PlanPrincipal, known: string | undefined): { id: string; key: string } => {
    switch (p.type) {
      case 'userAssigned':
        return { id: `${sym(p.node)}.properties.principalId`, key: `${sym(p.node)}.id` }
      case 'systemAssigned': {
        const param = principalParam.get(p.node)
        if (known) return { id: bicepString(known), key: bicepString(known) }
        return param
          ? { id: param, key: param }
          : { id: `${sym(p.node)}.identity.principalId`, key: `${sym(p.node)}.id` }
      }
      case 'developer': {
        const param = principalParam.get(p.node)
        const value = param ?? bicepString(known ?? '')
        return { id: value, key: value }
      }
      default:
        return assertNever(p.type)
    }
  }
  const knownPrincipal = (a: AssignRoleAction | AssignCosmosDataRoleAction): string | undefined =>
    a.arm?.principalId ??
    (a.principal.type === 'systemAssigned'
      ? model.apps.find((x) => x.node === a.principal.node)?.principalId
      : model.developers.find((d) => d.node === a.principal.node)?.principalId)
  const assignmentSymbol = (a: AssignRoleAction | AssignCosmosDataRoleAction): string =>
    symbols.name(
      `${a.action}:${a.principal.type}:${a.principal.node}:${a.target}:${a.roleDefinitionId}:${a.scope}`,
      `${model.names[a.principal.node] ?? a.principal.node} ${model.names[a.target] ?? a.target} ${roleWords(a.roleName)}`,
    )
  const nameOf = (a: AssignRoleAction | AssignCosmosDataRoleAction, fallback: string): string => {
    const known = knownAssignmentName(model, a, knownPrincipal(a))
    return known ? bicepString(known) : fallback
  }

  if (model.roleAssignments.length > 0) out.push('', bicepComment('Role assignments'))
  for (const a of model.roleAssignments) {
    const target = model.services.find((s) => s.node === a.target)
    const p = principal(a.principal, knownPrincipal(a))
    const deployable =
      a.scope !== 'subscription' && inDeploymentGroup(target?.resourceId, model.context)
    const scopeId = scopeExpression(a, target?.resourceId, sym)
    const block = [
      `resource ${assignmentSymbol(a)} ${bicepString(typeWithVersion('Microsoft.Authorization/roleAssignments'))} = {`,
      `  name: ${nameOf(a, `guid(${scopeId}, ${p.key}, ${bicepString(a.roleDefinitionId)})`)}`,
      ...(a.scope === 'resource' ? [`  scope: ${sym(a.target)}`] : []),
      '  properties: {',
      `    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ${bicepString(a.roleDefinitionId)})`,
      `    principalId: ${p.id}`,
      `    principalType: ${bicepString(a.principalType)}`,
      '  }',
      '}',
    ]
    out.push('', bicepComment(assignmentLabel(model, a)))
    if (deployable) out.push(...block)
    else
      out.push(
        bicepComment(
          `Not deployable from this resource-group file (${a.scope === 'subscription' ? 'subscription scope' : 'the service is in another resource group'}): deploy it at that scope, or run the Azure CLI export.`,
        ),
        ...bicepCommentedOut(block),
      )
  }
  if (model.cosmosAssignments.length > 0)
    out.push('', bicepComment('Cosmos DB data-plane role assignments (not Azure RBAC)'))
  // Cosmos DB locks the account for each data-role write (412 to a concurrent one): each
  // assignment of an account waits for the one before it.
  const lastOnAccount = new Map<string, string>()
  for (const a of model.cosmosAssignments) {
    const account = sym(a.target)
    const p = principal(a.principal, knownPrincipal(a))
    const target = model.services.find((s) => s.node === a.target)
    const symbol = assignmentSymbol(a)
    const before = lastOnAccount.get(a.target)
    lastOnAccount.set(a.target, symbol)
    const block = [
      `resource ${symbol} ${bicepString(typeWithVersion('Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments'))} = {`,
      `  parent: ${account}`,
      `  name: ${nameOf(a, `guid(${account}.id, ${p.key}, ${bicepString(a.roleDefinitionId)})`)}`,
      '  properties: {',
      `    roleDefinitionId: ${bicepTemplate({ ref: `${account}.id` }, `/sqlRoleDefinitions/${a.roleDefinitionId}`)}`,
      `    principalId: ${p.id}`,
      `    scope: ${account}.id`,
      '  }',
      ...(before ? [`  dependsOn: [${before}]`] : []),
      '}',
    ]
    out.push('', bicepComment(assignmentLabel(model, a)))
    out.push(
      ...(inDeploymentGroup(target?.resourceId, model.context) ? block : bicepCommentedOut(block)),
    )
  }

  out.push(
    ...dataPlaneGrants(model, sym, symbols, (p) => {
      const known =
        p.type === 'systemAssigned'
          ? model.apps.find((x) => x.node === p.node)?.principalId
          : p.type === 'developer'
            ? model.developers.find((d) => d.node === p.node)?.principalId
            : undefined
      return { ...principal(p, known), known }
    }),
  )
  out.push(...outputs(model, sym, symbols))
  return `${out.join('\n')}\n`
}

function outputs(model: ExportModel, sym: (n: string) => string, symbols: SymbolTable): string[] {
  const out: string[] = []
  const withIdentity = model.apps.filter((a) => a.hosting !== 'aksWorkload' && identityType(a))
  if (withIdentity.length > 0) {
    const entries = withIdentity.map((app) => {
      const users = app.identities.map(
        (i) => [bicepTemplate({ ref: `${sym(i)}.id` }), '{}'] as const,
      )
      const identity = bicepObject(
        [
          ['type', bicepString(identityType(app) ?? '')],
          ...(users.length > 0
            ? [['userAssignedIdentities', bicepObject(users, '      ')] as const]
            : []),
        ],
        '    ',
      )
      return [
        sym(app.node),
        bicepObject(
          [
            ['resourceId', `${sym(app.node)}.id`],
            ['identity', identity],
          ],
          '  ',
        ),
      ] as const
    })
    out.push(
      '',
      bicepComment(
        "The `identity` each app's own declaration needs (a whole-resource deployment here would overwrite the app).",
      ),
      `output appIdentities object = ${bicepObject(entries)}`,
    )
  }
  const withSettings = model.apps.filter((a) => a.settings.length > 0)
  if (withSettings.length > 0) {
    const entries = withSettings.map(
      (app) =>
        [
          sym(app.node),
          bicepObject(
            app.settings.map((s) => [s.name, `${sym(s.identity)}.properties.clientId`] as const),
            '  ',
          ),
        ] as const,
    )
    out.push(
      '',
      bicepComment(
        'Client-ID settings per app (app settings or environment variables; see the connection guide).',
      ),
      `output appSettings object = ${bicepObject(entries)}`,
    )
  }
  for (const script of [...model.sqlScripts, ...model.databaseScripts]) {
    out.push(
      '',
      bicepComment(
        `${scriptEngine(script)}: run in ${model.names[script.target] ?? script.target} as its Microsoft Entra admin (no ARM resource exists for it).`,
      ),
      `output ${symbols.name(`sql:${script.target}:${script.principal.node}`, sqlOutputName(model, script))} string = ${bicepMultiline(script.script)}`,
    )
  }
  return out
}

/**
 * The scope a role assignment's `guid()` name is computed over, written as the expression of that
 * scope: the service, the deployment's group or subscription, or the bound service's own group or
 * subscription when it lives elsewhere.
 */
function scopeExpression(
  a: AssignRoleAction,
  bound: string | undefined,
  sym: (node: string) => string,
): string {
  const parts = bound ? parseArmId(bound) : undefined
  switch (a.scope) {
    case 'resource':
      return `${sym(a.target)}.id`
    case 'resourceGroup':
      return parts?.resourceGroup
        ? `resourceGroup(${bicepString(parts.subscriptionId)}, ${bicepString(parts.resourceGroup)}).id`
        : 'resourceGroup().id'
    case 'subscription':
      return parts ? `subscription(${bicepString(parts.subscriptionId)}).id` : 'subscription().id'
    default:
      return assertNever(a.scope)
  }
}
