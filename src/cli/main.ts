import { type Command, EXAMPLE_DESIGN, suggestion } from './command.ts'
import { applyCommand } from './commands/apply.ts'
import { checkCommand } from './commands/check.ts'
import { driftCommand } from './commands/drift.ts'
import { explainCommand } from './commands/explain.ts'
import { exportCommand } from './commands/export.ts'
import { guideCommand } from './commands/guide.ts'
import { importCommand } from './commands/import.ts'
import { optimizeCommand } from './commands/optimize.ts'
import { planCommand } from './commands/plan.ts'
import { rulesCommand } from './commands/rules.ts'
import { terminalLines } from '../lib/encode/terminal.ts'
import { CliError, EXIT, type CliIO } from './io.ts'
import packageJson from '../../package.json'

export const COMMANDS: readonly Command[] = [
  checkCommand,
  rulesCommand,
  explainCommand,
  optimizeCommand,
  planCommand,
  applyCommand,
  importCommand,
  driftCommand,
  guideCommand,
  exportCommand,
]

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length))
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)
  return `Usage: idtopo <command> [options]

Identity Topology Designer on the command line: the same checks, plan and apply as the web app.

Commands:
${lines.join('\n')}

Run idtopo <command> --help (or -h, or idtopo help <command>) for a command's options, and
idtopo --version for the version. FILE may be - to read a design from standard input, and
--out - writes to standard output.

Examples:
  idtopo check ${EXAMPLE_DESIGN}
  idtopo optimize ${EXAMPLE_DESIGN} --out - | idtopo plan -
`
}

/** Runs one command; every expected failure ends as a message on stderr and an exit code. */
export async function runCli(argv: readonly string[], given: CliIO): Promise<number> {
  // stderr only ever carries text for a person: every control but the line break is shown, not
  // obeyed, whatever a message holds (names are already made safe where they are written).
  const io: CliIO = { ...given, stderr: (text) => given.stderr(terminalLines(text)) }
  const [first, ...rest] = argv
  if (first === '--version') {
    io.stdout(`${packageJson.version}\n`)
    return EXIT.ok
  }
  // `idtopo help COMMAND` is `idtopo COMMAND --help`.
  const helpFor = first === 'help' ? rest[0] : undefined
  const [name, ...args] = helpFor === undefined ? argv : [helpFor, '--help']
  // No command is a usage error like any other: the usage goes to stderr, where
  // `idtopo "$CMD" > out.json` shows it, not into the file. Asked for, it is the output.
  if (name === undefined) {
    io.stderr(usage())
    return EXIT.invalid
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage())
    return EXIT.ok
  }
  const command = COMMANDS.find((c) => c.name === name)
  if (!command) {
    const near = suggestion(
      name,
      COMMANDS.map((c) => c.name),
    )
    io.stderr(`idtopo: unknown command ${JSON.stringify(name)}${near}\n\n${usage()}`)
    return EXIT.invalid
  }
  // Every command answers --help the same way: its usage on stdout.
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`${command.usage}\n`)
    return EXIT.ok
  }
  try {
    return await command.run(args, io)
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr(`${e.message}\n`)
      return e.exitCode
    }
    io.stderr(`idtopo ${name}: internal error: ${e instanceof Error ? e.message : String(e)}\n`)
    return EXIT.invalid
  }
}
