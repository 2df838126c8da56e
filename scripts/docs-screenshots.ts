// `npx tsx scripts/docs-screenshots.ts DIST PREFIX`: screenshots for docs/ from a built app.
// Scenario 2 opened from New (1440×900) and a generated 300-node design after Auto layout.
// Used for the before/after pictures of the canvas (docs/canvas-*.png).
import { resolve } from 'node:path'
import { generateDesign } from '../bench/generate.ts'
import { shareHash } from '../src/store/persist/share-link.ts'
import { launch } from '../test/e2e/support/browser.ts'
import { serveStatic } from '../test/e2e/support/static-server.ts'

const [dist = '.tmp/e2e-dist', prefix = 'docs/canvas-after'] = process.argv.slice(2)
const server = await serveStatic(resolve(dist))
const browser = await launch({ viewport: { width: 1440, height: 900 } })
try {
  const page = browser.page
  await page.goto(server.url)
  await page.getByRole('toolbar', { name: 'Designer toolbar' }).waitFor()
  await page.getByRole('button', { name: 'New', exact: true }).click()
  await page
    .getByRole('dialog', { name: 'New design' })
    .getByRole('button', { name: /Apps sharing user-assigned identities/ })
    .click()
  await page.locator('.dn-name').getByText('contoso-web-1', { exact: true }).waitFor()
  await page.waitForTimeout(1500)
  await page.screenshot({ path: `${prefix}-scenario-2.png` })

  const big = generateDesign(140)
  process.stderr.write(`generated: ${big.nodes.length} nodes, ${big.edges.length} edges\n`)
  // A fresh page: changing only the hash of the open page would not load the shared design.
  const second = await browser.context.newPage()
  await page.close()
  await second.goto(`${server.url}${shareHash(big)}`)
  await second.getByRole('toolbar', { name: 'Designer toolbar' }).waitFor()
  await second.locator('.react-flow__node').first().waitFor()
  const layout = second.getByRole('button', { name: 'Auto layout', exact: true })
  await layout.click()
  const started = Date.now()
  await second.waitForFunction(
    () => !document.querySelector('[aria-label="Auto layout"][aria-busy="true"]'),
    null,
    { timeout: 120_000 },
  )
  process.stderr.write(`auto layout: ${Date.now() - started} ms\n`)
  await second.waitForTimeout(1500)
  await second.screenshot({ path: `${prefix}-300-nodes.png` })
} finally {
  await browser.close()
  await server.close()
}
