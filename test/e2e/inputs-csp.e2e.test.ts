import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launch, type Browser } from './support/browser.ts'

const BUILD = resolve('.tmp/e2e-dist')

const freePort = (): Promise<number> =>
  new Promise((done, fail) => {
    const probe = createServer()
    probe.once('error', fail)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => done(port))
    })
  })

/** Starts `vite …` on a free port and resolves with its URL once it answers. */
async function startVite(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort()
  // Vite itself (not through npx), so that killing the child stops the server.
  const child = spawn(
    process.execPath,
    [resolve('node_modules/vite/bin/vite.js'), ...args, '--port', String(port), '--strictPort'],
    { stdio: ['ignore', 'ignore', 'ignore'] },
  )
  const url = `http://127.0.0.1:${port}/`
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(url)).ok) return { url, child }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  child.kill()
  throw new Error(`vite ${args.join(' ')} did not start`)
}

const headersOf = async (url: string): Promise<Headers> => (await fetch(url)).headers

describe('Content-Security-Policy and framing headers wherever the app is served', () => {
  let browser: Browser
  const children: ChildProcess[] = []
  beforeAll(async () => {
    browser = await launch()
  })
  afterAll(async () => {
    for (const child of children) child.kill()
    await browser?.close()
  })

  it('the built app (as the end-to-end tests serve it): headers, meta policy, no inline script', async () => {
    const base = inject('baseUrl')
    const headers = await headersOf(base)
    expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(headers.get('content-security-policy')).toContain("script-src 'self';")
    expect(headers.get('x-frame-options')).toBe('DENY')
    expect(headers.get('x-content-type-options')).toBe('nosniff')
    const html = await (await fetch(base)).text()
    expect(html).toMatch(
      /<meta charset="UTF-8" \/>\s*<meta http-equiv="Content-Security-Policy" content="default-src 'self';/,
    )
    expect((await headersOf(`${base}redirect.html`)).get('x-frame-options')).toBe('SAMEORIGIN')

    const page = await browser.context.newPage()
    await page.goto(base)
    await page.getByRole('toolbar', { name: 'Designer toolbar' }).waitFor()
    const outcome = await page.evaluate(async () => {
      const violations: string[] = []
      document.addEventListener('securitypolicyviolation', (e) =>
        violations.push(e.violatedDirective),
      )
      const script = document.createElement('script')
      script.textContent = 'window.injected = true'
      document.body.append(script)
      const frame = document.createElement('iframe')
      await new Promise((r) => setTimeout(r, 100))
      return {
        ran: (window as unknown as { injected?: boolean }).injected === true,
        violations,
        frame: !!frame,
      }
    })
    expect(outcome.ran).toBe(false)
    expect(outcome.violations).toContain('script-src-elem')
    await page.close()
    // The refused script is the only thing the browser complained about.
    const others = browser.errors.filter(
      (e) =>
        !e.includes(
          "Executing inline script violates the following Content Security Policy directive 'script-src 'self''",
        ),
    )
    expect(others).toEqual([])
    browser.errors.length = 0
  })

  it('vite preview sends the same headers', async () => {
    const preview = await startVite(['preview', '--outDir', BUILD, '--host', '127.0.0.1'])
    children.push(preview.child)
    const headers = await headersOf(preview.url)
    expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(headers.get('x-frame-options')).toBe('DENY')
    expect(headers.get('x-content-type-options')).toBe('nosniff')
  }, 60_000)

  it('the dev server (npm start) runs the app under its policy: inline module scripts only with its nonce', async () => {
    const dev = await startVite(['--host', '127.0.0.1'])
    children.push(dev.child)
    const response = await fetch(dev.url)
    const policy = response.headers.get('content-security-policy') ?? ''
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1]
    expect(nonce).toBeDefined()
    expect(policy).toContain("frame-ancestors 'none'")
    const html = await response.text()
    expect(html).toContain(`<script type="module" nonce="${nonce}">`)
    const page = await browser.context.newPage()
    await page.goto(dev.url)
    await page.getByRole('toolbar', { name: 'Designer toolbar' }).waitFor({ timeout: 60_000 })
    await page.close()
    expect(browser.errors).toEqual([])
  }, 120_000)
})
