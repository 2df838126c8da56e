import { derivePlan } from './src/plan/derive.ts'
import { optimizeIdentities } from './src/optimize/optimize.ts'
import { generateDesign } from './bench/generate.ts'
const d = generateDesign(10_000)
const s = JSON.stringify(d)
const which = process.argv[2] === 'optimize' ? optimizeIdentities : derivePlan
const copies = Array.from({ length: 10 }, () => JSON.parse(s))
const ts: number[] = []
for (const x of copies) { const c = process.cpuUsage(); which(x); const u = process.cpuUsage(c); ts.push((u.user + u.system) / 1000) }
const w = ts.slice(3).sort((a, b) => a - b)
console.log(process.argv[2], 'cpu ms min', w[0]!.toFixed(1), 'median', w[Math.floor(w.length / 2)]!.toFixed(1))
