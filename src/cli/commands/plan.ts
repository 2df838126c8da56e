import { derivePlan } from '../../plan/derive.ts'
import { serializePlan } from '../../plan/export.ts'
import { EXAMPLE_DESIGN, parseCommandArgs, requireFile, type Command } from '../command.ts'
import { EXIT } from '../io.ts'
import { emit, loadDesign } from '../load.ts'

export const planCommand: Command = {
  name: 'plan',
  summary: 'write the plan: identities, role assignments, data-plane grants, app settings',
  usage: `Usage: idtopo plan FILE [--out PLAN]

Derives the plan (identity-plan, version 1) of a design and writes it as JSON to stdout,
or to PLAN with --out. FILE may be - to read the design from standard input.

  -o, --out PLAN  write the plan to PLAN (-: standard output, as without --out)
  -h, --help      print this help

Example:
  idtopo plan ${EXAMPLE_DESIGN} --out scenario-2.plan.json

Exit codes: 0 written, 2 invalid input.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, {
      out: { type: 'string', short: 'o' },
    })
    const design = await loadDesign(io, requireFile(this, positionals), { '--out': values.out })
    const plan = derivePlan(design)
    const actions = `${plan.actions.length} action${plan.actions.length === 1 ? '' : 's'}`
    await emit(io, serializePlan(plan), values.out as string | undefined, `the plan (${actions})`)
    return EXIT.ok
  },
}
