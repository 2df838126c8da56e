import { healthOfImport, importGroup } from '../../import/import-group.ts'
import { terminalText as t } from '../../lib/encode/terminal.ts'
import { checkDesign } from '../../rules/engine.ts'
import { SIGN_IN_FLAGS, SIGN_IN_USAGE } from '../apply-connection.ts'
import { armRead, readingTarget } from '../azure-reading.ts'
import { parseCommandArgs, type Command } from '../command.ts'
import { CliError, EXIT } from '../io.ts'
import { emitDesign, refuseUnwritable } from '../load.ts'

export const importCommand: Command = {
  name: 'import',
  summary: 'read a resource group and write its identity topology as a design',
  usage: `Usage: idtopo import --subscription ID --resource-group RG [--tenant T] [--cloud NAME] [--sandbox URL] [--out FILE]

Reads one resource group through ARM — its apps, user-assigned identities and services, each
app's identity, the role assignments at, above and below the group, Cosmos DB data-plane role
assignments — and writes the design (format version 1, laid out) to stdout or FILE. Every node
is bound to its resource (azure.resourceId) or principal (azure.principalId). What the design
cannot show (narrower scopes, principals from elsewhere) and what could not be read (a 403 on one
scope) is listed on stderr; the rest is still imported. Then a health summary, as the web app
shows it: privileged and key-exposing grants, over-shared and unused identities, orphaned
assignments, and how many of the subscription's 5,000 role assignments are used.

  -g, --resource-group RG
                         the resource group to read
  --sandbox URL          read the sandbox emulator (npm run sandbox) instead of Azure, which is
                         reached through DefaultAzureCredential (az login, env, managed identity)
${SIGN_IN_USAGE}
  -o, --out FILE         write the design to FILE (-: standard output, as without --out)
  -h, --help             print this help

Example:
  idtopo import --subscription 00000000-0000-0000-0000-000000000000 --resource-group my-rg \\
    --out my-rg.topology.json

Exit codes: 0 written, 1 ARM failed (the group could not be read), 2 invalid flags.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, {
      subscription: { type: 'string' },
      'resource-group': { type: 'string', short: 'g' },
      sandbox: { type: 'string' },
      out: { type: 'string', short: 'o' },
      ...SIGN_IN_FLAGS,
    })
    if (positionals.length > 0)
      throw new CliError(
        `idtopo import: takes no file, got ${JSON.stringify(positionals[0])}\n\n${this.usage}`,
      )
    // Before the group is read (minutes for a large one): a design that cannot be written would
    // be lost after it.
    await refuseUnwritable(io, '--out', values.out as string | undefined, 'nothing was read')
    const target = await readingTarget(this.name, this.usage, values, io.stderr)
    io.stderr(`Reading ${t(target.resourceGroup)} in ${t(target.connection.endpoint)}…\n`)
    const imported = await armRead(this.name, `cannot read ${t(target.resourceGroup)}`, () =>
      importGroup(target.gateway, target.subscriptionId, target.resourceGroup, {
        onProgress: (p) => io.stderr(`  [${p.done}/${p.total}] ${t(p.label)}\n`),
      }),
    )
    const { design, notes } = imported
    // A note quotes Azure's names, custom role names and ARM's messages: one line each, whatever
    // they hold.
    for (const note of notes) io.stderr(`note: ${t(note)}\n`)
    // The same summary the web app shows after an import (issue 14's health at a glance).
    const health = healthOfImport(
      imported,
      checkDesign(design).map((f) => f.rule),
    )
    for (const line of health.lines) io.stderr(`health: ${t(line)}\n`)
    const counts = `${design.nodes.length} nodes, ${design.edges.length} edges`
    await emitDesign(io, design, values.out as string | undefined, `the design (${counts})`)
    return EXIT.ok
  },
}
