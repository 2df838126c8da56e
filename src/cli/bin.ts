import { runCli } from './main.ts'
import { endQuietlyOnClosedPipe, nodeIO } from './node-io.ts'

endQuietlyOnClosedPipe(process.stdout)
endQuietlyOnClosedPipe(process.stderr)
process.exitCode = await runCli(process.argv.slice(2), nodeIO)
