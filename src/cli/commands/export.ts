import {
  EXPORT_FORMATS,
  EXPORT_LABELS,
  exportDesign,
  ExportError,
  type ExportFormat,
} from '../../export/export.ts'
import { CLOUD_NAMES } from '../../catalog/clouds.ts'
import { isPrivilegedRole } from '../../catalog/privilege.ts'
import { resolveRole } from '../../catalog/roles.ts'
import type { Design } from '../../model/types.ts'
import { derivePlan } from '../../plan/derive.ts'
import {
  choice,
  cloudChoice,
  parseCommandArgs,
  requireFile,
  type Command,
  EXAMPLE_DESIGN,
} from '../command.ts'
import { CliError, EXIT } from '../io.ts'
import { checkAzureFlags } from '../azure-flags.ts'
import { emit, loadDesign } from '../load.ts'
import { terminalText as t } from '../../lib/encode/terminal.ts'

export const exportCommand: Command = {
  name: 'export',
  summary: 'export the identity layer as Bicep, Terraform (azurerm) or an Azure CLI script',
  usage: `Usage: idtopo export FILE --to bicep|terraform|cli [--subscription ID] [--resource-group RG] [--location L] [--cloud NAME] [--out FILE]

Writes the identity layer of the design's plan: user-assigned identities, app identity settings,
role assignments (deterministic names, principalType), Cosmos DB sqlRoleAssignments, client-ID
settings and the SQL scripts. --subscription, --resource-group and --location fill in where the
identities go (defaults come from the design's azure bindings).
--cloud names the Azure cloud it is deployed to, as az cloud set --name names it:
${CLOUD_NAMES.join(', ')} (default AzureCloud). Terraform's provider then gets that
environment, the CLI script stops unless az points at that cloud, and Bicep says to point az at it.
FILE may be - to read the design from standard input.

  -t, --to FORMAT          bicep, terraform or cli (an Azure CLI script)
  -g, --resource-group RG  the group the identities go in
  -l, --location L         the region they are created in
  -o, --out FILE           write the export to FILE (-: standard output, as without --out)
  -h, --help               print this help

Example:
  idtopo export ${EXAMPLE_DESIGN} --to bicep --out identities.bicep

Exit codes: 0 written, 2 invalid input.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, {
      to: { type: 'string', short: 't' },
      subscription: { type: 'string' },
      'resource-group': { type: 'string', short: 'g' },
      location: { type: 'string', short: 'l' },
      cloud: { type: 'string' },
      out: { type: 'string', short: 'o' },
    })
    const to = choice(this, 'to', values.to, EXPORT_FORMATS)
    const cloud = cloudChoice(this, values.cloud as string | undefined)
    checkAzureFlags(this.name, values)
    const design = await loadDesign(io, requireFile(this, positionals), { '--out': values.out })
    const pick = (key: 'subscription' | 'resource-group' | 'location'): string | undefined =>
      values[key] as string | undefined
    const context = {
      ...(pick('subscription') ? { subscriptionId: pick('subscription') } : {}),
      ...(pick('resource-group') ? { resourceGroup: pick('resource-group') } : {}),
      ...(pick('location') ? { location: pick('location') } : {}),
    }
    let code: string
    try {
      code = exportDesign(design, to as ExportFormat, { context, cloud })
    } catch (e) {
      if (!(e instanceof ExportError)) throw e
      throw new CliError(`idtopo export: ${t(e.message)}`)
    }
    await emit(
      io,
      code,
      values.out as string | undefined,
      `the ${EXPORT_LABELS[to as ExportFormat]} export`,
    )
    // apply asks for --confirm-privileged; an export runs later, elsewhere: it says so here.
    const privileged = privilegedGrants(design)
    if (privileged.length > 0)
      io.stderr(
        `idtopo export: warning: the export grants privileged roles; review them before running it:\n${privileged.map((line) => `  ${t(line)}`).join('\n')}\n`,
      )
    return EXIT.ok
  },
}

/** The plan's privileged role assignments (PRODUCT.md §11), as "Owner: api on st" lines. */
function privilegedGrants(design: Design): string[] {
  const name = (id: string): string => design.nodes.find((n) => n.id === id)?.name ?? id
  return derivePlan(design).actions.flatMap((a) =>
    a.action === 'assignRole' && isPrivilegedRole(resolveRole(a.roleName))
      ? [`${a.roleName}: ${name(a.principal.node)} on ${name(a.target)}`]
      : [],
  )
}
