// Run by the domain suite in a child process with --trace-gc: generates a design of N apps, then
// checks it, printing markers around the check so the suite can read the heap V8 reported at
// each collection in between (the peak is reached just before one of them, or at the end).
import { getHeapStatistics, setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { runCheck } from '../src/rules/engine.ts'
import { generateDesign } from './generate.ts'

setFlagsFromString('--expose-gc')
const collect = runInNewContext('gc') as () => void
const mb = (): string => (getHeapStatistics().used_heap_size / 2 ** 20).toFixed(1)

const design = generateDesign(Number(process.argv[2] ?? 10_000))
collect()
process.stdout.write(`@start ${mb()}\n`)
const check = runCheck(design)
process.stdout.write(`@end ${mb()}\n`)
collect()
process.stdout.write(`@kept ${mb()} ${check.findings.length}\n`)
