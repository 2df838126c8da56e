import { runCli } from './main.ts'
import { nodeIO } from './node-io.ts'

process.exitCode = await runCli(process.argv.slice(2), nodeIO)
