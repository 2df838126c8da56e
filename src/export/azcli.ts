import { assertNever } from '../lib/assert.ts'
import {
  shellArg,
  shellComment,
  shellDefault,
  shellRequired,
  shellWord,
} from '../lib/encode/shell.ts'
import { odataString } from '../lib/encode/odata.ts'
import { terminalText } from '../lib/encode/terminal.ts'
import { parseArmId } from '../plan/arm-ids.ts'
import type { AssignCosmosDataRoleAction, AssignRoleAction, PlanPrincipal } from '../plan/types.ts'
import { azcliHeader, identityCommands, settingCommands } from './azcli-apps.ts'
import { dataPlaneCommands } from './azcli-data-plane.ts'
import type { ExportModel } from './model.ts'
import { idVariable, shellSymbols } from './shell.ts'
import { assignmentLabel, knownAssignmentName, providerPath } from './shared.ts'

/**
 * The object id of the one group named exactly so: `az ad group show --group` takes a group whose
 * name only starts so when none is named exactly so (azure-cli role/_validators.py
 * validate_group), and pastes the name into its filter unescaped. Arguments: the OData filter
 * (quotes doubled), the name and the variable to set instead, for the message.
 */
const GROUP_ID = `group_id() {
  local ids
  ids=$(az ad group list --filter="$1" --query '[].id' --output tsv)
  if [ -n "$ids" ] && [[ $ids != *$'\\n'* ]]; then printf '%s\\n' "$ids"; return; fi
  say "$(if [ -z "$ids" ]; then echo No; else echo More than one; fi) Microsoft Entra group is named \\"$2\\": set $3 to the object id of the group meant, and run it again" >&2
  return 1
}`

/**
 * The identity layer as an Azure CLI script (bash, `set -euo pipefail`, passes shellcheck):
 * identities, app identities, role assignments with principal types, Cosmos DB data roles,
 * client-ID settings, SQL scripts as comments. Every step checks first, so a re-run changes
 * nothing; bound assignments keep the plan's deterministic names. Every name and value from the
 * design is a quoted word (`shellWord`) or a comment (`shellComment`): none is ever expanded.
 */
export function toAzureCli(model: ExportModel): string {
  const vars = shellSymbols()
  const name = (node: string): string => model.names[node] ?? node
  const out: string[] = []
  out.push(...identityCommands(model, vars))
  const principal = (p: PlanPrincipal): string => {
    switch (p.type) {
      case 'userAssigned':
      case 'systemAssigned':
      case 'developer':
        return vars.name(`principal:${p.type}:${p.node}`, `${name(p.node)} principal id`)
      default:
        return assertNever(p.type)
    }
  }
  if (model.developers.length > 0) out.push('', '# Developers (Microsoft Entra users and groups)')
  if (model.developers.some((d) => d.principal === 'group' && !d.principalId)) out.push(GROUP_ID)
  for (const dev of model.developers) {
    const variable = principal({ type: 'developer', node: dev.node })
    if (dev.principalId) out.push(`${variable}=${shellWord(dev.principalId)}`)
    else if (dev.principal === 'group')
      out.push(
        shellDefault(
          variable,
          `"$(group_id ${shellWord(`displayName eq ${odataString(dev.name)}`)} ${shellWord(dev.name)} ${variable})"`,
        ),
      )
    else
      out.push(
        shellRequired(
          variable,
          `set ${variable} to the object ID of ${terminalText(dev.name)} (az ad user show --id <user principal name> --query id -o tsv)`,
        ),
      )
  }
  // Each service's id, declared below (servicesAt) once the steps that read it are known.
  const servicesAt = out.length
  const serviceVar = new Map(model.services.map((s) => [s.node, idVariable(vars, model, s.node)]))
  // A scope is read from the bound service id, else built from the group and subscription.
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
    shellComment(assignmentLabel(model, a))
  if (model.roleAssignments.length > 0)
    out.push('', '# Role assignments: assign_role OBJECT_ID PRINCIPAL_TYPE ROLE SCOPE [NAME]')
  // The name apply gives each assignment: the plan's when bound, else computed from the same key.
  const nameArg = (a: AssignRoleAction | AssignCosmosDataRoleAction, scope: string): string => {
    const knownPrincipal =
      a.principal.type === 'systemAssigned'
        ? model.apps.find((x) => x.node === a.principal.node)?.principalId
        : model.developers.find((d) => d.node === a.principal.node)?.principalId
    const known = knownAssignmentName(model, a, a.arm?.principalId ?? knownPrincipal)
    return known
      ? shellArg(known)
      : `"$(assignment_name ${scope} "$${principal(a.principal)}" ${shellArg(a.roleDefinitionId)})"`
  }
  for (const a of model.roleAssignments)
    out.push(
      label(a),
      `assign_role "$${principal(a.principal)}" ${shellArg(a.principalType)} ${shellArg(a.roleDefinitionId)} ${scopeOf(a)} ${nameArg(a, scopeOf(a))}`,
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
      `assign_cosmos_role "$${serviceVar.get(a.target)}" ${shellArg(a.roleDefinitionId)} "$${principal(a.principal)}" ${nameArg(a, `"$${serviceVar.get(a.target)}"`)}`,
    )
  out.push(...dataPlaneCommands(model, serviceVar, principal))
  out.push(...settingCommands(model, vars))
  for (const script of [...model.sqlScripts, ...model.databaseScripts])
    out.push(
      '',
      shellComment(
        script.action === 'databaseUser'
          ? `${script.engine === 'postgresql' ? 'PostgreSQL (psql)' : 'MySQL (mysql)'}: run on ${name(script.target)} as its Microsoft Entra admin:`
          : `SQL: run in database ${name(script.target)} as its Microsoft Entra admin (sqlcmd or the portal's query editor):`,
      ),
      ...script.script
        .trimEnd()
        .split('\n')
        .map((l) => shellComment(`  ${l}`)),
    )
  out.push('', 'echo "Done: identity layer of this design is in place."')
  // Variables that nothing reads would be shellcheck warnings (SC2034): a service reached only
  // at resource-group or subscription scope needs no id, nor the header's RG_ID or LOCATION then.
  const read = variablesRead(out)
  const services = model.services.flatMap((s) => {
    const variable = serviceVar.get(s.node) as string
    return read.has(variable)
      ? [
          `${variable}=${s.resourceId ? shellWord(s.resourceId) : `"$RG_ID"${shellWord(providerPath(s.armType, name(s.node)))}`}`,
        ]
      : []
  })
  if (services.length > 0) out.splice(servicesAt, 0, '', '# Services (existing)', ...services)
  const header = variablesRead(services)
  const uses = (variable: string): boolean => read.has(variable) || header.has(variable)
  return `${[...azcliHeader(model, { location: uses('LOCATION'), rgId: uses('RG_ID') }), ...out].join('\n')}\n`
}

/** The names of the variables read (`$NAME`, `${NAME…}`) in these lines. */
function variablesRead(lines: readonly string[]): Set<string> {
  const names = new Set<string>()
  for (const line of lines)
    for (const [, name] of line.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g))
      names.add(name as string)
  return names
}
