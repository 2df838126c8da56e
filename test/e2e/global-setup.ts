import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import type { TestProject } from 'vitest/node'
import { chromiumBinary } from './support/chromium.ts'
import { serveStatic } from './support/static-server.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
  }
}

const OUT_DIR = resolve('.tmp/e2e-dist')

/**
 * Builds the app once into its own folder (not `dist/`, which others may be using) and serves it
 * on a free port (never a fixed one: a second setup run cannot collide). Tests read the URL with
 * `inject('baseUrl')`. Set E2E_SKIP_BUILD=1 to reuse a build.
 */
export default async function setup(project: TestProject) {
  // Which Chromium runs the tests, said once (and extracted now when it is the npm one).
  const browser = await chromiumBinary()
  const env = Object.entries(browser.env).map(([k, v]) => ` ${k}=${v}`)
  process.stdout.write(
    `e2e: ${browser.source} Chromium at ${browser.executablePath}${env.join('')}\n`,
  )
  if (!(process.env.E2E_SKIP_BUILD && existsSync(resolve(OUT_DIR, 'index.html')))) {
    const build = spawnSync(
      'npx',
      ['vite', 'build', '--outDir', OUT_DIR, '--emptyOutDir', '--logLevel', 'warn'],
      {
        stdio: 'inherit',
      },
    )
    if (build.status !== 0) throw new Error('vite build failed')
  }
  const server = await serveStatic(OUT_DIR)
  project.provide('baseUrl', server.url)
  return async () => {
    await server.close()
  }
}
