import { stableJson } from '../../lib/json.ts'
import { RULES } from '../../rules/registry.ts'
import { choice, parseCommandArgs, type Command } from '../command.ts'
import { CliError, EXIT } from '../io.ts'

const FORMATS = ['text', 'json'] as const

export const rulesCommand: Command = {
  name: 'rules',
  summary: 'list the best-practice rules: id, severity, subject, description',
  usage: `Usage: idtopo rules [--format text|json]

Lists every rule in the order of the contract, with its default severity, what it reports on
and a one-line description. idtopo explain RULE prints a rule's page.

  -f, --format FORMAT  text (the default) or json
  -h, --help           print this help

Example:
  idtopo rules --format json

Exit codes: 0 printed, 2 invalid input.`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(this, args, {
      format: { type: 'string', short: 'f', default: 'text' },
    })
    if (positionals.length > 0)
      throw new CliError(
        `idtopo rules: unexpected argument ${JSON.stringify(positionals[0])}\n\n${this.usage}`,
      )
    const format = choice(this, 'format', values.format, FORMATS)
    const rows = RULES.map(({ meta }) => ({
      id: meta.id,
      severity: meta.severity,
      subject: meta.subject,
      description: meta.description,
      fixes: meta.hasFixes,
    }))
    if (format === 'json') {
      io.stdout(stableJson(rows))
      return EXIT.ok
    }
    const idWidth = Math.max('RULE'.length, ...rows.map((r) => r.id.length))
    const sevWidth = Math.max('SEVERITY'.length, ...rows.map((r) => r.severity.length))
    const subjectWidth = Math.max('SUBJECT'.length, ...rows.map((r) => r.subject.length))
    const lines = rows.map(
      (r) =>
        `${r.id.padEnd(idWidth)}  ${r.severity.padEnd(sevWidth)}  ${r.subject.padEnd(subjectWidth)}  ${r.description}`,
    )
    const head = `${'RULE'.padEnd(idWidth)}  ${'SEVERITY'.padEnd(sevWidth)}  ${'SUBJECT'.padEnd(subjectWidth)}  DESCRIPTION`
    io.stdout(`${[head, ...lines].join('\n')}\n`)
    return EXIT.ok
  },
}
