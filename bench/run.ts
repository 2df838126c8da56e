// `npm run bench [-- --json] [-- SUITE…]`: runs every suite in bench/suites/ (or the named ones)
// and prints its figures with their targets; --json prints only a JSON array of {name, value, unit}.
import { readdir } from 'node:fs/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { BenchSuite, Figure } from './types.ts'

const args = process.argv.slice(2)
const json = args.includes('--json')
const only = args.filter((a) => !a.startsWith('--'))
const log = (line: string): void => {
  if (!json) process.stderr.write(`${line}\n`)
}

const dir = fileURLToPath(new URL('./suites/', import.meta.url))
const files = (await readdir(dir)).filter((f) => f.endsWith('.ts')).sort()
const suites: BenchSuite[] = []
for (const file of files) {
  const mod = (await import(pathToFileURL(`${dir}${file}`).href)) as { suite?: BenchSuite }
  if (!mod.suite) throw new Error(`bench/suites/${file} exports no suite`)
  if (only.length === 0 || only.includes(mod.suite.name)) suites.push(mod.suite)
}
if (suites.length === 0) {
  process.stderr.write(`no bench suite matches ${only.join(', ')}\n`)
  process.exit(2)
}

const all: Figure[] = []
for (const suite of suites) {
  log(`▶ ${suite.name}`)
  const figures = await suite.run(log)
  all.push(...figures)
  if (!json) process.stdout.write(formatTable(suite.name, figures))
}
if (json)
  process.stdout.write(
    `${JSON.stringify(
      all.map(({ name, value, unit }) => ({ name, value, unit })),
      null,
      2,
    )}\n`,
  )

function formatTable(title: string, figures: readonly Figure[]): string {
  const width = Math.max(...figures.map((f) => f.name.length))
  const rows = figures.map((f) => {
    const value = `${f.value} ${f.unit}`.padStart(14)
    const target = f.target ? `target < ${f.target.max} ${f.target.unit ?? f.unit}` : ''
    const verdict = f.target ? (f.value < f.target.max ? 'ok' : 'MISSED') : ''
    return `  ${f.name.padEnd(width)}  ${value}  ${target.padEnd(22)} ${verdict.padEnd(6)} ${f.note ?? ''}`.trimEnd()
  })
  return `\n${title}\n${rows.join('\n')}\n`
}
