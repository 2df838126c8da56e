import { existsSync } from 'node:fs'

/** Debian's Chromium, where it is installed (CI installs it). */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium'

export interface ChromiumBinary {
  readonly executablePath: string
  readonly source: 'system' | 'bundled'
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
export async function chromiumBinary(): Promise<ChromiumBinary> {
  const wanted = process.env.IDTOPO_CHROMIUM ?? 'auto'
  if (wanted !== 'auto' && wanted !== 'system' && wanted !== 'bundled')
    throw new Error(
      `IDTOPO_CHROMIUM must be auto, system or bundled, not ${JSON.stringify(wanted)}`,
    )
  if (wanted !== 'bundled' && existsSync(SYSTEM_CHROMIUM))
    return { executablePath: SYSTEM_CHROMIUM, source: 'system' }
  if (wanted === 'system')
    throw new Error(`${SYSTEM_CHROMIUM} is missing: apt-get install chromium`)
  const { default: bundled } = await import('@sparticuz/chromium')
  return { executablePath: await bundled.executablePath(), source: 'bundled' }
}
