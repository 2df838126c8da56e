import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import react from '@vitejs/plugin-react'
import type { BrowserContext, Page } from 'playwright-core'
import { build } from 'vite'
import { serializeDesign } from '../../src/model/serialize.ts'
import { shareHash } from '../../src/store/persist/share-link.ts'
import { launch } from '../../test/e2e/support/browser.ts'
import { serveStatic } from '../../test/e2e/support/static-server.ts'
import { round } from '../measure.ts'
import type { BenchSuite, Figure } from '../types.ts'
import { generateDesign } from '../generate.ts'
import { benchDesign } from './ui-bench/graph.ts'
import {
  FIRST_RENDER_PROBE,
  firstRenderMs,
  frameTimes,
  mean,
  percentile,
} from './ui-bench/measure-page.ts'

const APP = resolve('.tmp/bench-ui/app')
const BARE = resolve('.tmp/bench-ui/bare')
const RUNS = 5

/** Gzipped size of the JS the page loads before any interaction: the entry and its preloads. */
function initialJsKb(dir: string): number {
  const html = readFileSync(`${dir}/index.html`, 'utf8')
  const files = [...html.matchAll(/(?:src|href)="(?:\.?\/)?(assets\/[^"]+\.js)"/g)].map(
    (m) => m[1] as string,
  )
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(`${dir}/${f}`)).length, 0)
  return bytes / 1024
}

/** The designer and a bare React Flow page, built for production and measured in Chromium. */
export const suite: BenchSuite = {
  name: 'ui',
  async run(log) {
    log('building the designer and the bare React Flow page…')
    await build({ logLevel: 'silent', build: { outDir: APP, emptyOutDir: true } })
    const design = benchDesign()
    const graph = {
      nodes: design.nodes,
      edges: design.edges.map(({ id, source, target }) => ({ id, source, target })),
    }
    await build({
      configFile: false,
      logLevel: 'silent',
      root: resolve('bench/suites/ui-bench'),
      base: './',
      plugins: [react()],
      define: { __GRAPH__: JSON.stringify(graph) },
      build: { outDir: BARE, emptyOutDir: true, target: 'es2022' },
    })
    const app = await serveStatic(APP)
    const baseline = await serveStatic(BARE)
    const browser = await launch({ viewport: { width: 1440, height: 900 } })
    const figures: Figure[] = []
    try {
      const ours = { render: [] as number[], frames: [] as number[], edit: [] as number[] }
      const bare = { render: [] as number[], frames: [] as number[] }
      const link = `${app.url}${shareHash(design)}`
      log(
        `design: ${design.nodes.length} nodes, ${design.edges.length} edges, ${serializeDesign(design).length} bytes; link ${link.length} characters`,
      )
      for (let run = 0; run < RUNS; run++) {
        log(`run ${run + 1}/${RUNS}`)
        const page = await browser.context.newPage()
        await page.addInitScript(FIRST_RENDER_PROBE)
        await page.goto(link)
        ours.render.push(await firstRenderMs(page))
        await page.waitForTimeout(500)
        ours.frames.push(...(await frameTimes(page)))
        ours.edit.push(await editToFindingsMs(page))
        await page.close()

        const plain = await browser.context.newPage()
        await plain.addInitScript(FIRST_RENDER_PROBE)
        await plain.goto(baseline.url)
        bare.render.push(await firstRenderMs(plain))
        await plain.waitForTimeout(500)
        bare.frames.push(...(await frameTimes(plain)))
        await plain.close()
      }
      const median = (v: number[]): number => percentile(v, 50)
      const renderOurs = median(ours.render)
      const renderBare = median(bare.render)
      const frameOurs = mean(ours.frames)
      const frameBare = mean(bare.frames)
      figures.push(
        { name: 'ui first render, 1k nodes/3k edges (ms)', value: round(renderOurs), unit: 'ms' },
        { name: 'ui first render, bare React Flow (ms)', value: round(renderBare), unit: 'ms' },
        {
          name: 'ui first render ratio to bare',
          value: round(renderOurs / renderBare),
          unit: '×',
          target: { max: 1.5 },
        },
        { name: 'ui frame time pan/zoom, mean (ms)', value: round(frameOurs), unit: 'ms' },
        {
          name: 'ui frame time pan/zoom, p95 (ms)',
          value: round(percentile(ours.frames, 95)),
          unit: 'ms',
        },
        { name: 'ui frame time pan/zoom, bare mean (ms)', value: round(frameBare), unit: 'ms' },
        {
          name: 'ui frame time pan/zoom, bare p95 (ms)',
          value: round(percentile(bare.frames, 95)),
          unit: 'ms',
        },
        {
          name: 'ui frame time ratio to bare',
          value: round(frameOurs / frameBare),
          unit: '×',
          target: { max: 1.5 },
        },
        {
          name: 'ui edit to updated findings (ms)',
          value: round(median(ours.edit)),
          unit: 'ms',
          note: 'click in the inspector → rules re-run → problem counts on screen',
        },
        ...(await autoLayoutFigures(browser.context, app.url, log)),
        {
          name: 'ui initial JS (gzip)',
          value: round(initialJsKb(APP)),
          unit: 'KB',
          target: { max: 250 },
        },
        {
          name: 'ui bare React Flow initial JS (gzip)',
          value: round(initialJsKb(BARE)),
          unit: 'KB',
        },
      )
    } finally {
      await browser.close()
      await app.close()
      await baseline.close()
    }
    return figures
  },
}

/** About 10,000 nodes and 30,000 edges in connected systems (bench/generate.ts). */
const LARGE_APPS = 4700

/**
 * Auto layout of a large design in the page (ELK in its Web Worker), from the click until the
 * positions are in; and the longest frame meanwhile: the page must not freeze.
 */
async function autoLayoutFigures(
  context: BrowserContext,
  url: string,
  log: (line: string) => void,
): Promise<Figure[]> {
  const design = generateDesign(LARGE_APPS)
  log(`auto layout: ${design.nodes.length} nodes, ${design.edges.length} edges`)
  const page = await context.newPage()
  try {
    await page.goto(url)
    await page.getByRole('toolbar', { name: 'Designer toolbar' }).waitFor()
    await page.setInputFiles('[data-testid="open-design-input"]', {
      name: 'large.topology.json',
      mimeType: 'application/json',
      buffer: Buffer.from(serializeDesign(design)),
    })
    await page.locator('.react-flow__node').first().waitFor({ timeout: 120_000 })
    await page.waitForTimeout(1000)
    // A page in the background gets no animation frames: this one must be in front.
    await page.bringToFront()
    const [ms, longest, frames] = await page.evaluate<
      [number, number, number]
    >(`new Promise((done, fail) => {
      const button = document.querySelector('[aria-label="Auto layout"]')
      if (!button) return fail(new Error('no Auto layout button'))
      let longest = 0
      let frames = 0
      let last = performance.now()
      let running = true
      const frame = (now) => {
        longest = Math.max(longest, now - last)
        last = now
        frames++
        if (running) requestAnimationFrame(frame)
      }
      requestAnimationFrame(frame)
      const start = performance.now()
      button.click()
      const poll = () => {
        if (button.getAttribute('aria-busy') !== 'true') {
          running = false
          return done([performance.now() - start, longest, frames])
        }
        setTimeout(poll, 20)
      }
      setTimeout(poll, 20)
    })`)
    return [
      {
        name: `ui auto layout, ${design.nodes.length} nodes/${design.edges.length} edges (ms)`,
        value: round(ms),
        unit: 'ms',
        target: { max: 5000 },
        note: 'click → positions in the store, in the layout Web Worker (barycentres above 2,000 nodes)',
      },
      {
        name: 'ui frames drawn during that auto layout',
        value: frames,
        unit: 'frames',
        note: 'the page draws while the worker lays out, unless drawing 10k nodes itself stalls it',
      },
      ...(frames >= 2
        ? [
            {
              name: 'ui longest frame during that auto layout (ms)',
              value: round(longest),
              unit: 'ms',
            },
          ]
        : []),
    ]
  } finally {
    await page.close()
  }
}

/**
 * A real edit: select an app whose system-assigned identity is on (its connections go through it)
 * and turn it off in the inspector; times the click until the problem counts change.
 */
async function editToFindingsMs(page: Page): Promise<number> {
  const apps = page.locator('.react-flow__node-app')
  const checkbox = page.getByRole('checkbox', { name: 'System-assigned identity' })
  for (let i = 0; i < 12; i++) {
    await apps.nth(i).click({ force: true })
    // A node cut off at the pane's edge takes no click: the inspector then shows no app.
    if ((await checkbox.isVisible()) && (await checkbox.isChecked())) break
  }
  if (!(await checkbox.isChecked()))
    throw new Error('no app with a system-assigned identity in view')
  return page.evaluate<number>(`new Promise((done, fail) => {
    const counts = document.querySelector('.status-findings')
    const box = [...document.querySelectorAll('input[type=checkbox]')].find((b) => b.checked)
    if (!counts || !box) return fail(new Error('no checkbox or status bar'))
    const before = counts.textContent
    const start = performance.now()
    const observer = new MutationObserver(() => {
      if (counts.textContent === before) return
      observer.disconnect()
      done(performance.now() - start)
    })
    observer.observe(counts, { subtree: true, characterData: true, childList: true })
    setTimeout(() => fail(new Error('the problem counts did not change')), 10000)
    box.click()
  })`)
}
