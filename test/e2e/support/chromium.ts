import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** Debian's Chromium, where it is installed (CI installs it). */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium'

export interface ChromiumBinary {
  readonly executablePath: string
  readonly source: 'system' | 'bundled'
  /** Environment the browser needs on top of the process's own (libraries, fonts). */
  readonly env: Readonly<Record<string, string>>
}

/** Shared libraries `ldd` could not find. */
export function missingLibraries(lddOutput: string): string[] {
  return [...lddOutput.matchAll(/^\s*(\S+) => not found/gm)].map((m) => m[1] as string)
}

/** What the dynamic linker cannot find for an executable under an environment. */
export type LibraryProbe = (executable: string, env: Readonly<Record<string, string>>) => string[]

const ldd: LibraryProbe = (executable, env) => {
  const run = spawnSync('ldd', [executable], { encoding: 'utf8', env: { ...process.env, ...env } })
  return run.status === 0 ? missingLibraries(run.stdout) : []
}

/**
 * The environment the npm Chromium needs here. It links NSS and expat, which a bare Linux (a
 * `node:20-slim` container) lacks: the package carries copies (built for Amazon Linux), extracted
 * next to it and put on LD_LIBRARY_PATH only then. Without fontconfig it gets the package's fonts.
 */
export async function bundledEnvironment(
  executablePath: string,
  probe: LibraryProbe = ldd,
): Promise<Record<string, string>> {
  const env: Record<string, string> = {}
  if (!existsSync('/etc/fonts/fonts.conf')) env.FONTCONFIG_PATH = join(tmpdir(), 'fonts')
  if (probe(executablePath, env).length === 0) return env
  const { inflate } = await import('@sparticuz/chromium')
  const bin = join(dirname(createRequire(import.meta.url).resolve('@sparticuz/chromium')), '../bin')
  const libs = join(await inflate(join(bin, 'al2023.tar.br')), 'lib')
  env.LD_LIBRARY_PATH = [libs, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':')
  const missing = ldd(executablePath, env)
  if (missing.length > 0)
    throw new Error(
      `the npm Chromium (${executablePath}) lacks ${missing.join(', ')}: install them, or Debian's chromium`,
    )
  return env
}

/**
 * The Chromium the browser tests and the UI benchmark drive: the system's when present, else the
 * one shipped inside the `@sparticuz/chromium` npm package (extracted to the temp folder on first
 * use), so `npm test` needs nothing but Node. `IDTOPO_CHROMIUM=bundled` picks the npm one even
 * where a system Chromium exists (CI runs the suite that way once too).
 *
 * Only the binary is taken from the package, not its recommended flags: those switch web
 * security off (`--disable-web-security`, `--allow-running-insecure-content`) and would let the
 * tests pass where the Content-Security-Policy or CORS should refuse.
 */
export async function chromiumBinary(
  wanted = process.env.IDTOPO_CHROMIUM ?? 'auto',
  systemPath = SYSTEM_CHROMIUM,
): Promise<ChromiumBinary> {
  if (wanted !== 'auto' && wanted !== 'system' && wanted !== 'bundled')
    throw new Error(
      `IDTOPO_CHROMIUM must be auto, system or bundled, not ${JSON.stringify(wanted)}`,
    )
  if (wanted !== 'bundled' && existsSync(systemPath))
    return { executablePath: systemPath, source: 'system', env: {} }
  if (wanted === 'system') throw new Error(`${systemPath} is missing: apt-get install chromium`)
  const { default: bundled } = await import('@sparticuz/chromium')
  const executablePath = await bundled.executablePath()
  return { executablePath, source: 'bundled', env: await bundledEnvironment(executablePath) }
}
