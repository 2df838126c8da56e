// Run by the domain suite in a child process whose young generation is too large to fill
// (--min-semi-space-size and --max-semi-space-size): no collection runs during a measured call,
// so the heap it leaves used, minus what was used before, is what it allocated. Unlike time, this
// does not move with the machine's load. Prints "@allocated <name> <MB>" per measured call.
import { getHeapStatistics, setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { Design } from '../src/model/types.ts'
import { compiledDomain } from './compiled.ts'
import { generateDesign } from './generate.ts'

setFlagsFromString('--expose-gc')
const collect = runInNewContext('gc') as () => void
const used = (): number => getHeapStatistics().used_heap_size / 2 ** 20

const { checkDesign, derivePlan, optimizeIdentities } = await compiledDomain()
const text = JSON.stringify(generateDesign(Number(process.argv[2] ?? 10_000)))
const calls: [string, (design: Design) => unknown][] = [
  ['check', checkDesign],
  ['plan', derivePlan],
  ['optimize', optimizeIdentities],
]
for (const [name, call] of calls) {
  const sizes: number[] = []
  // Two unmeasured calls first: code not yet optimized allocates what optimized code does not.
  for (let i = 0; i < 7; i++) {
    const design = JSON.parse(text) as Design
    collect()
    const before = used()
    call(design)
    if (i >= 2) sizes.push(used() - before)
  }
  sizes.sort((a, b) => a - b)
  process.stdout.write(`@allocated ${name} ${(sizes[2] as number).toFixed(2)}\n`)
}
