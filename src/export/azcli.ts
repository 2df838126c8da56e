import { assertNever } from '../lib/assert.ts'
import { parseArmId } from '../plan/arm-ids.ts'
import type { AssignCosmosDataRoleAction, AssignRoleAction, PlanPrincipal } from '../plan/types.ts'
import { azcliHeader, identityCommands, settingCommands } from './azcli-apps.ts'
import { dataPlaneCommands } from './azcli-data-plane.ts'
import type { ExportModel } from './model.ts'
import { inDoubleQuotes, shellSymbols, shellWord } from './shell.ts'
import { knownAssignmentName, providerPath } from './shared.ts'

/**
 * The identity layer as an Azure CLI script (bash, `set -euo pipefail`, passes shellcheck):
 * identities, app identities, role assignments with principal types, Cosmos DB data roles,
 * client-ID settings, SQL scripts as comments. Every step checks first, so a re-run changes
 * nothing; bound assignments keep the plan's deterministic names.
 */
export function toAzureCli(model: ExportModel): string {
  const vars = shellSymbols()
  const v = (key: string, text: string): string => vars.name(key, text)
  const out = azcliHeader(model)
  const ids = (node: string, armType: string, resourceId: string | undefined): string => {
    const name = v(`id:${node}`, `${node} id`)
    out.push(
      `${name}=${resourceId ? shellWord(resourceId) : `"$RG_ID${inDoubleQuotes(providerPath(armType, model.names[node] ?? node))}"`}`,
    )
    return name
  }
  out.push(...identityCommands(model, vars))
  const principal = (p: PlanPrincipal): string => {
    switch (p.type) {
      case 'userAssigned':
      case 'systemAssigned':
        return v(`principal:${p.type}:${p.node}`, `${p.node} principal id`)
      case 'developer':
        return v(`principal:developer:${p.node}`, `${p.node} principal id`)
      default:
        return assertNever(p.type)
    }
  }
  const developers = model.developers
  if (developers.length > 0) out.push('', '# Developers (Microsoft Entra users and groups)')
  for (const dev of developers) {
    const name = principal({ type: 'developer', node: dev.node })
    if (dev.principalId) out.push(`${name}=${shellWord(dev.principalId)}`)
    else if (dev.principal === 'group')
      out.push(
        `${name}="\${${name}:-$(az ad group show --group ${shellWord(dev.name)} --query id --output tsv)}"`,
      )
    else
      out.push(
        `${name}="\${${name}:?set ${name} to the object ID of ${dev.name.replace(/["'`$\\}]/g, '')} (az ad user show --id <user principal name> --query id -o tsv)}"`,
      )
  }
  if (model.services.length > 0) out.push('', '# Services (existing)')
  const serviceVar = new Map(
    model.services.map((s) => [s.node, ids(s.node, s.armType, s.resourceId)]),
  )
  const scopeOf = (a: AssignRoleAction): string => {
    const bound = model.services.find((s) => s.node === a.target)?.resourceId
    const parts = bound ? parseArmId(bound) : undefined
    switch (a.scope) {
      case 'resource':
        return `"$${serviceVar.get(a.target)}"`
      case 'resourceGroup':
        return parts?.resourceGroup
          ? shellWord(
              `/subscriptions/${parts.subscriptionId}/resourceGroups/${parts.resourceGroup}`,
            )
          : '"$RG_ID"'
      case 'subscription':
        return parts
          ? shellWord(`/subscriptions/${parts.subscriptionId}`)
          : '"/subscriptions/$SUBSCRIPTION_ID"'
      default:
        return assertNever(a.scope)
    }
  }
  const label = (a: AssignRoleAction | AssignCosmosDataRoleAction): string =>
    `# ${a.principal.node} (${a.principal.type}) → ${a.target}: ${a.roleName} [${a.scope}]`
  if (model.roleAssignments.length > 0)
    out.push('', '# Role assignments: assign_role OBJECT_ID PRINCIPAL_TYPE ROLE SCOPE [NAME]')
  // The name apply gives each assignment: the plan's when bound, else computed from the same key.
  const nameArg = (a: AssignRoleAction | AssignCosmosDataRoleAction, scope: string): string => {
    const knownPrincipal =
      a.principal.type === 'systemAssigned'
        ? model.apps.find((x) => x.node === a.principal.node)?.principalId
        : model.developers.find((d) => d.node === a.principal.node)?.principalId
    return (
      knownAssignmentName(model, a, a.arm?.principalId ?? knownPrincipal) ??
      `"$(assignment_name ${scope} "$${principal(a.principal)}" ${a.roleDefinitionId})"`
    )
  }
  for (const a of model.roleAssignments)
    out.push(
      label(a),
      `assign_role "$${principal(a.principal)}" ${a.principalType} ${a.roleDefinitionId} ${scopeOf(a)} ${nameArg(a, scopeOf(a))}`,
    )
  if (model.cosmosAssignments.length > 0)
    out.push(
      '',
      '# Cosmos DB data-plane roles: assign_cosmos_role ACCOUNT_ID ROLE PRINCIPAL_ID [NAME]',
    )
  // One account's data-role writes one after the other (Cosmos DB locks the account for each;
  // az waits for each to finish), accounts in turn.
  const byAccount = [...model.cosmosAssignments].sort((x, y) =>
    x.target < y.target ? -1 : x.target > y.target ? 1 : 0,
  )
  for (const a of byAccount)
    out.push(
      label(a),
      `assign_cosmos_role "$${serviceVar.get(a.target)}" ${a.roleDefinitionId} "$${principal(a.principal)}" ${nameArg(a, `"$${serviceVar.get(a.target)}"`)}`,
    )
  out.push(...dataPlaneCommands(model, serviceVar, principal))
  out.push(...settingCommands(model, vars))
  for (const script of [...model.sqlScripts, ...model.databaseScripts])
    out.push(
      '',
      script.action === 'databaseUser'
        ? `# ${script.engine === 'postgresql' ? 'PostgreSQL (psql)' : 'MySQL (mysql)'}: run on ${model.names[script.target] ?? script.target} as its Microsoft Entra admin:`
        : `# SQL: run in database ${model.names[script.target] ?? script.target} as its Microsoft Entra admin (sqlcmd or the portal's query editor):`,
      ...script.script
        .trimEnd()
        .split('\n')
        .map((l) => `#   ${l}`),
    )
  out.push('', 'echo "Done: identity layer of this design is in place."')
  // Variables of the header that nothing below uses would be shellcheck warnings (SC2034).
  const body = out.slice(out.indexOf('set -euo pipefail') + 1)
  const unused = (name: string): boolean =>
    !body.some((l) => l.includes(`$${name}`) && !l.startsWith(`${name}=`))
  const kept = out.filter(
    (l) => !['RG_ID', 'LOCATION'].some((n) => l.startsWith(`${n}=`) && unused(n)),
  )
  return `${kept.join('\n')}\n`
}
