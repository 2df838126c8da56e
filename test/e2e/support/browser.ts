import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { chromiumBinary } from './chromium.ts'

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface Browser {
  readonly context: BrowserContext
  readonly page: Page
  /** Errors the page threw or logged: a test fails when there are any. */
  readonly errors: string[]
  close(): Promise<void>
}

/** Chromium (chromium.ts: the system's, else the npm one), headless, with a fresh profile (so IndexedDB starts empty). */
export async function launch(
  options: {
    viewport?: { width: number; height: number }
    /** Trust self-signed certificates (the HTTPS sandbox's) in this browser context only. */
    ignoreHTTPSErrors?: boolean
  } = {},
): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'idtopo-e2e-'))
  const { executablePath, env } = await chromiumBinary()
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    ...(Object.keys(env).length > 0 ? { env: { ...process.env, ...env } } : {}),
    viewport: options.viewport ?? { width: 1440, height: 900 },
    acceptDownloads: true,
    colorScheme: 'light',
    ...(options.ignoreHTTPSErrors ? { ignoreHTTPSErrors: true } : {}),
  })
  const page = context.pages()[0] ?? (await context.newPage())
  const errors: string[] = []
  const watch = (p: Page): void => {
    p.on('pageerror', (e) => errors.push(e.message))
    p.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
  }
  watch(page)
  context.on('page', watch)
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
