import { grantCountsOfDesign } from '../../analysis/grant-counts.ts'
import { optimizeIdentities } from '../../optimize/optimize.ts'
import { EXAMPLE_DESIGN, parseCommandArgs, requireFile, type Command } from '../command.ts'
import { EXIT } from '../io.ts'
import { emitDesign, loadDesign } from '../load.ts'
import { formatOptimizeSummary } from '../format-optimize.ts'

export const optimizeCommand: Command = {
  name: 'optimize',
  summary: 'propose the identity layout with no over-grant and the fewest grants',
  usage: `Usage: idtopo optimize FILE [--out FILE2]

Optimize identities (shared user-assigned identities for apps with the same needs, the
system-assigned identity for an app's own needs, an explicit via on every app edge) and write
the optimized design to stdout, or to FILE2 with --out. A summary of what changed (identities
created, removed and kept, role assignments before → after) goes to stderr.
FILE may be - to read the design from standard input.

  -o, --out FILE2  write the optimized design to FILE2 (-: standard output, as without --out)
  -h, --help       print this help

Example:
  idtopo optimize ${EXAMPLE_DESIGN} --out optimized.topology.json

Exit codes: 0 written, 2 invalid input.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, {
      out: { type: 'string', short: 'o' },
    })
    const file = requireFile(this, positionals)
    const design = await loadDesign(io, file, { '--out': values.out })
    const result = optimizeIdentities(design)
    await emitDesign(io, result.design, values.out as string | undefined, 'the optimized design')
    const counts = {
      before: grantCountsOfDesign(design),
      after: grantCountsOfDesign(result.design),
    }
    io.stderr(formatOptimizeSummary(file, result.summary, result.edits.length > 0, counts))
    return EXIT.ok
  },
}
