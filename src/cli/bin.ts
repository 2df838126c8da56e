import { COMMANDS, runCli } from './main.ts'
import { EXIT } from './io.ts'
import { nodeIO, systemErrorText, watchWrites } from './node-io.ts'

const argv = process.argv.slice(2)
// Named as the command's own messages are: `idtopo plan: …`, or `idtopo: …` for --help, --version.
const speaker = COMMANDS.some((c) => c.name === argv[0]) ? `idtopo ${argv[0]}` : 'idtopo'
// Output asked for and lost is exit 2, not the command's own code: check's 1 says "errors found",
// and 0 would let a pipeline go on with a plan that was never written.
let lost = false
watchWrites(process.stdout, (e) => {
  lost = true
  process.exitCode = EXIT.invalid
  process.stderr.write(`${speaker}: cannot write to standard output: ${systemErrorText(e)}\n`)
})
// stderr carries text for a person: when it cannot be written there is nowhere to say so, and
// losing it changes no result.
watchWrites(process.stderr, () => {})
const code = await runCli(argv, nodeIO)
process.exitCode = lost ? EXIT.invalid : code
