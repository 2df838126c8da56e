import { RULES, ruleById } from '../../rules/registry.ts'
import { parseCommandArgs, suggestion, type Command } from '../command.ts'
import { CliError, EXIT } from '../io.ts'
import { readRuleDoc } from '../rule-docs.ts'

export const explainCommand: Command = {
  name: 'explain',
  summary: "print a rule's page: why it matters, an example, how to fix it",
  usage: `Usage: idtopo explain RULE

Prints the documentation of one rule (see idtopo rules for the ids).

  -h, --help  print this help

Example:
  idtopo explain privileged-role

Exit codes: 0 printed, 2 unknown rule.`,
  async run(args, io) {
    const { positionals } = parseCommandArgs(this, args, {})
    const [id, ...rest] = positionals
    if (id === undefined) throw new CliError(`idtopo explain: missing RULE\n\n${this.usage}`)
    if (rest.length > 0)
      throw new CliError(
        `idtopo explain: unexpected argument ${JSON.stringify(rest[0])}\n\n${this.usage}`,
      )
    const rule = ruleById(id)
    if (!rule) {
      const near = suggestion(
        id,
        RULES.map((r) => r.meta.id),
      )
      throw new CliError(
        `idtopo explain: unknown rule ${JSON.stringify(id)}${near}\nRun idtopo rules for the list.`,
      )
    }
    const doc = await readRuleDoc(rule.meta.id)
    io.stdout(doc.endsWith('\n') ? doc : `${doc}\n`)
    return EXIT.ok
  },
}
