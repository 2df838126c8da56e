// `npm run bench [-- SUITE…] [-- --out FILE] [-- --json]`: runs every suite in bench/suites/ (or
// the named ones) and prints its figures with their targets. --out FILE also writes them to FILE
// as a JSON array of {name, value, unit} (for tools: npm's own "> script" banner is on stdout);
// --json prints only that array on stdout (use `npm run -s bench -- --json`).
import { readdir, writeFile } from 'node:fs/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { BenchSuite, Figure } from './types.ts'

const args = process.argv.slice(2)
const json = args.includes('--json')
const outAt = args.indexOf('--out')
const out = outAt >= 0 ? args[outAt + 1] : undefined
if (outAt >= 0 && !out) {
  process.stderr.write('--out needs a file name\n')
  process.exit(2)
}
const only = args.filter((a, i) => !a.startsWith('--') && (outAt < 0 || i !== outAt + 1))
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
const figuresJson = `${JSON.stringify(
  all.map(({ name, value, unit }) => ({ name, value, unit })),
  null,
  2,
)}\n`
if (json) process.stdout.write(figuresJson)
if (out) {
  await writeFile(out, figuresJson)
  log(`figures written to ${out}`)
}

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
