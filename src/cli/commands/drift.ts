import { sandboxDeveloperIds } from '../../apply/sandbox-developers.ts'
import { roleByGuid } from '../../catalog/roles.ts'
import { computeDrift, type Drift, type DriftItem } from '../../import/drift.ts'
import { conditionNote } from '../../import/drift-labels.ts'
import { readLive } from '../../import/read-live.ts'
import { terminalText as t } from '../../lib/encode/terminal.ts'
import { stableJson } from '../../lib/json.ts'
import { roleDefinitionGuidOf } from '../../plan/arm-ids.ts'
import { SIGN_IN_FLAGS, SIGN_IN_USAGE } from '../apply-connection.ts'
import { checkPrincipalNodes, parsePrincipalFlags } from '../azure-flags.ts'
import { armRead, readingTarget } from '../azure-reading.ts'
import { choice, parseCommandArgs, requireFile, type Command } from '../command.ts'
import { CliError, EXIT } from '../io.ts'
import { loadDesign } from '../load.ts'
import { formatBindingFailure } from '../format-apply.ts'

const LISTS = [
  ['missing', 'in the design, not in Azure'],
  ['unmanaged', 'in Azure, not in the design'],
  ['orphaned', 'in Azure, for a principal that no longer exists'],
] as const satisfies readonly (readonly [keyof Drift, string])[]

export const driftCommand: Command = {
  name: 'drift',
  summary: 'compare a design with what exists in Azure: missing, unmanaged, orphaned',
  usage: `Usage: idtopo drift FILE --subscription ID --resource-group RG [--tenant T] [--cloud NAME] [--sandbox URL]
                    [--format text|json] [--principal NODE=OBJECT_ID ...]

Binds the design to RG as apply does and compares its plan's role assignments (and Cosmos DB
data roles) with those in Azure at the design's scopes: its services, and its group and
subscription for its own principals. FILE may be - to read the design from standard input.
  missing    in the plan, not in Azure
  unmanaged  in Azure on the design's services or for its principals, not in the plan
  orphaned   at those scopes, of type ServicePrincipal, whose principal no longer exists
             (an identity or app deleted: the portal's "Identity not found")

  -g, --resource-group RG
                         the resource group the design is bound to, as apply binds it
  --sandbox URL          compare with the sandbox emulator (npm run sandbox) instead of Azure
${SIGN_IN_USAGE}
  --principal NODE=ID    Microsoft Entra object id for a developer node without azure.principalId
  -f, --format FORMAT    text (the default) or json: {"missing":[…],"unmanaged":[…],"orphaned":[…]},
                         each item {scope, roleDefinitionId, principalId}
  -h, --help             print this help

An assignment with an ABAC condition grants its role only where the condition holds: a grant of
the design that Azure holds only so is missing, with the condition beside it (on stderr with
--format json), as is the condition of an unmanaged or orphaned assignment.

Example:
  idtopo drift my-rg.topology.json --subscription 00000000-0000-0000-0000-000000000000 \\
    --resource-group my-rg --format json

Exit codes: 0 the design and Azure agree, 1 they differ (or ARM failed), 2 invalid input.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, {
      subscription: { type: 'string' },
      'resource-group': { type: 'string', short: 'g' },
      sandbox: { type: 'string' },
      format: { type: 'string', short: 'f', default: 'text' },
      principal: { type: 'string', multiple: true },
      ...SIGN_IN_FLAGS,
    })
    const file = requireFile(this, positionals)
    const format = choice(this, 'format', values.format, ['text', 'json'])
    const developerIds = parsePrincipalFlags(this.name, values.principal as string[] | undefined)
    const design = await loadDesign(io, file)
    checkPrincipalNodes(this.name, developerIds, design)
    const target = await readingTarget(this.name, this.usage, values, io.stderr)
    const live = await armRead(this.name, `cannot read ${t(target.resourceGroup)}`, () =>
      readLive(target.gateway, target.subscriptionId, target.resourceGroup),
    )
    for (const u of live.unreadable)
      io.stderr(`note: could not read ${u.what} at ${t(u.scope)}: ${t(u.code)}: ${t(u.message)}\n`)
    const ids = target.connection.sandbox
      ? { ...sandboxDeveloperIds(design), ...developerIds }
      : developerIds
    const drift = computeDrift(design, live, target, ids)
    if (!drift.ok)
      throw new CliError(formatBindingFailure(file, target.resourceGroup, design, drift.error))
    const { missing, unmanaged, orphaned } = drift.value
    if (format === 'json') {
      // The report's items are {scope, roleDefinitionId, principalId} (PRODUCT.md §12): what a
      // condition changes is said beside them.
      io.stdout(stableJson({ missing, unmanaged, orphaned }))
      for (const [list] of LISTS)
        for (const item of drift.value[list]) {
          const said = conditionNote(drift.value, list, item, t)
          if (said) io.stderr(`note: ${describe(item)}: ${said}\n`)
        }
    } else io.stdout(formatDrift(drift.value))
    const differs = LISTS.some(([list]) => drift.value[list].length > 0)
    return differs ? EXIT.findings : EXIT.ok
  },
}

function formatDrift(drift: Drift): string {
  const lines: string[] = []
  for (const [list, meaning] of LISTS) {
    const items = drift[list]
    lines.push(`${list} (${items.length}): ${meaning}`)
    for (const item of items) {
      lines.push(`  ${describe(item)}`)
      const said = conditionNote(drift, list, item, t)
      if (said) lines.push(`    ${said}`)
    }
  }
  const total = LISTS.reduce((n, [list]) => n + drift[list].length, 0)
  lines.push(total === 0 ? 'The design and Azure agree.' : `${total} differences.`)
  return `${lines.join('\n')}\n`
}

function describe(item: DriftItem): string {
  const guid = roleDefinitionGuidOf(item.roleDefinitionId)
  const role = roleByGuid(guid)?.name ?? guid
  const who = item.principalId === '' ? 'a principal not created yet' : item.principalId
  return `${t(role)} for ${t(who)} at ${t(item.scope)}`
}
