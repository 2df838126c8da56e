import { spawnSync } from 'node:child_process'

/** Is a command-line tool npm cannot provide installed here (CI installs it)? */
function installed(command: string): boolean {
  return spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0
}

export const HAS_SHELLCHECK = installed('shellcheck')
/** librsvg's converter: the SVG renderer of GNOME's viewers, ImageMagick and many converters. */
export const HAS_RSVG = installed('rsvg-convert')

/**
 * The title of a test that needs `tool`: as given where it is installed, else marked so that the
 * run's output says it was skipped and why (pair it with `it.skipIf(!available)`).
 */
export function needsTool(title: string, tool: string, available: boolean): string {
  return available ? title : `${title} — SKIPPED: ${tool} is not installed (CI installs it)`
}

if (!HAS_SHELLCHECK)
  console.warn(
    'shellcheck is not installed: shellcheck checks are skipped; bash -n and the sh-syntax parser still run.',
  )

// In its own Node process: sh-syntax (TinyGo) and @cdktn/hcl2json (Go) both install a global `Go`
// class for their WebAssembly, and whichever loads last breaks the other in a shared process.
const SH_SYNTAX = `
import { parse } from 'sh-syntax'
let text = ''
for await (const chunk of process.stdin) text += chunk
try {
  const file = await parse(text)
  process.stdout.write(JSON.stringify(file.Stmts.map((s) => s.Pos.Line)))
} catch (e) {
  process.stderr.write(String(e))
  process.exit(1)
}`

/** Parses a bash script with mvdan/sh (sh-syntax, WebAssembly): its top-level statements' lines. */
export function bashStatements(script: string): number[] {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', SH_SYNTAX], {
    input: script,
    encoding: 'utf8',
  })
  if (result.status !== 0) throw new Error(`sh-syntax: ${result.stderr}`)
  return JSON.parse(result.stdout) as number[]
}
