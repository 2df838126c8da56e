import { describe, expect, it } from 'vitest'
import { serializeDesign } from '../../src/model/serialize.ts'
import { design } from '../support/builder.ts'
import { TOOLBAR_BUTTONS } from './support/designer.ts'
import { designerSession } from './support/session.ts'

/** A template for each width (openTemplate needs a name other than the open one's): long names. */
const TEMPLATES: Record<number, RegExp> = {
  1024: /One app, system-assigned identity/,
  1280: /Apps sharing user-assigned identities/,
  1366: /Shared identity plus system-assigned/,
}

/** An app of each of those templates with a long name, to select. */
const LONGEST_APP: Record<number, string> = {
  1024: 'contoso-web',
  1280: 'contoso-web-1',
  1366: 'contoso-orders-worker',
}

describe('laptop windows from 1024 px wide', () => {
  const session = designerSession({ width: 1280, height: 720 })

  for (const width of [1024, 1280, 1366]) {
    it(`keeps the toolbar one row and the canvas tall at ${width} × 720`, async () => {
      const { page } = session.d
      await page.setViewportSize({ width, height: 720 })
      // A long design name: the brand is at its widest.
      await session.d.openTemplate(TEMPLATES[width] ?? /One app/)
      const toolbar = page.getByRole('toolbar', { name: 'Designer toolbar' })
      const bar = await toolbar.boundingBox()
      if (!bar) throw new Error('no toolbar')
      const rows = new Set<number>()
      for (const name of TOOLBAR_BUTTONS) {
        const button = toolbar.getByRole('button', { name, exact: true })
        const box = await button.boundingBox()
        if (!box) throw new Error(`${name}: not drawn`)
        rows.add(Math.round(box.y + box.height / 2))
        expect(box.x + box.width, `${name} inside the window`).toBeLessThanOrEqual(width)
      }
      expect([...rows]).toHaveLength(1)
      // One row of 32 px buttons: the toolbar's own minimum height (layout.css), not two rows.
      expect(bar.height).toBeLessThanOrEqual(51)
      const canvas = await page.getByRole('application', { name: 'Design canvas' }).boundingBox()
      expect(canvas?.height ?? 0).toBeGreaterThanOrEqual(380)
      // The view bar over the canvas is one row too from 1280 px (its Find field gives way), and
      // keeps its shape when a node is selected (Focus is the inspector's, not the bar's).
      const viewBar = () => page.locator('.view-bar').boundingBox()
      const unselected = await viewBar()
      if (width >= 1280) expect(unselected?.height ?? 0).toBeLessThan(40)
      await session.d.select(LONGEST_APP[width] ?? 'contoso-web')
      await page.getByRole('button', { name: /^Focus on / }).waitFor()
      expect(await viewBar()).toEqual(unselected)
      expect(session.browser.errors).toEqual([])
    })
  }
})

describe('the view bar over the canvas at 1024 × 700', () => {
  const session = designerSession({ width: 1024, height: 700 })

  it('keeps Fit View clear of the view bar, which takes two rows there', async () => {
    // A tall column of services: the fit is bound by the height, the top node right under the bar.
    const tall = design().named('Tall column')
    for (let i = 0; i < 8; i++)
      tall.service(`st-${i}`, 'storage', { position: { x: 0, y: i * 140 } })
    await session.d.openDesign('tall.topology.json', serializeDesign(tall.build()))
    const { page } = session.d
    // Pan away, then fit with the zoom controls' button.
    await page.mouse.move(500, 300)
    await page.mouse.wheel(0, -400)
    await session.d.fitView()
    const bar = await page.locator('.view-bar').boundingBox()
    if (!bar) throw new Error('no view bar')
    for (let i = 0; i < 8; i++) {
      const node = await session.d.node(`st-${i}`).boundingBox()
      if (!node) throw new Error(`st-${i} not drawn`)
      expect(node.y, `st-${i} below the view bar`).toBeGreaterThanOrEqual(bar.y + bar.height)
    }
    expect(session.browser.errors).toEqual([])
  })
})

describe('a small window, 800 × 600 (the page stacks and scrolls)', () => {
  const session = designerSession({ width: 800, height: 600 })

  it('shows the palette as a strip of icons and gives the canvas the room', async () => {
    await session.d.openTemplate(/Apps sharing user-assigned identities/)
    const { page } = session.d
    const palette = page.getByRole('navigation', { name: 'Palette' })
    const strip = (await palette.boundingBox())!
    // Two rows of icons, not a list taking 40% of the window.
    expect(strip.height).toBeLessThanOrEqual(100)
    const items = await palette.getByRole('button').all()
    expect(items).toHaveLength(27)
    for (const item of items) {
      const box = (await item.boundingBox())!
      expect(box.x + box.width, `${await item.getAttribute('aria-label')}`).toBeLessThanOrEqual(800)
      expect(box.y + box.height).toBeLessThanOrEqual(strip.y + strip.height)
      // Its name stays its tooltip.
      expect(await item.getAttribute('title')).toMatch(/^Add .+ — click, or drag onto the canvas$/)
    }
    const canvas = (await page.getByRole('application', { name: 'Design canvas' }).boundingBox())!
    expect(canvas.height).toBeGreaterThanOrEqual(280)
    // The canvas is in the first screen, whole.
    expect(canvas.y + canvas.height).toBeLessThanOrEqual(600)
    expect(session.browser.errors).toEqual([])
  })
})

describe('the breadcrumb of focuses within focuses at 1280 × 720', () => {
  const session = designerSession({ width: 1280, height: 720 })
  const APP = `checkout-api-${'x'.repeat(60)}`
  const STORE = `orders-storage-${'y'.repeat(60)}`

  it('cuts a long focused name short in one row, and keeps each earlier focus a step back', async () => {
    const nested = design()
      .named('Nested focus')
      .app('api', { name: APP, position: { x: 0, y: 0 } })
      .app('billing', { position: { x: 0, y: 200 } })
      .app('unrelated', { position: { x: 0, y: 400 } })
      .service('st', 'storage', { name: STORE, position: { x: 400, y: 100 } })
      .access('api', 'st', ['Storage Blob Data Reader'])
      .access('billing', 'st', ['Storage Blob Data Reader'])
    await session.d.openDesign('nested.topology.json', serializeDesign(nested.build()))
    const { page } = session.d
    const view = page.getByRole('navigation', { name: 'View' })
    const shown = () =>
      page
        .locator('.react-flow__node')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')).sort())
    const barHeight = async () => (await page.locator('.view-bar').boundingBox())?.height ?? 0
    /** Each name in the breadcrumb: whether it is cut short, and its width. */
    const names = () =>
      view.locator('.crumb, .crumb-here').evaluateAll((els) =>
        els.map((e) => ({
          cut: e.scrollWidth > e.clientWidth,
          width: e.getBoundingClientRect().width,
        })),
      )
    const unfocused = await barHeight()
    expect(unfocused).toBeLessThan(40)

    await session.d.select(APP)
    await page.getByRole('button', { name: `Focus on ${APP}` }).click()
    await expect.poll(shown).toEqual(['api', 'st'])
    await expect.poll(() => view.textContent()).toBe(`Whole design›${APP}`)
    // One row still: the name is cut short, in full in its tooltip.
    expect(await barHeight()).toBe(unfocused)
    expect((await names()).map((n) => n.cut)).toEqual([false, true])
    expect(await view.locator('.crumb-here').getAttribute('title')).toBe(APP)
    const crumbs = await page.locator('.crumbs').boundingBox()
    const find = await page.getByRole('combobox', { name: 'Find in design' }).boundingBox()
    if (!crumbs || !find) throw new Error('no breadcrumb or Find field')
    expect(crumbs.x + crumbs.width).toBeLessThanOrEqual(find.x)

    // From the focus on the app, F on its service: the app's focus becomes a step back, its
    // name cut shorter than the service's, each still a few letters wide.
    await session.d.select(STORE)
    await page.keyboard.press('f')
    await expect.poll(shown).toEqual(['api', 'billing', 'st'])
    await expect.poll(() => view.textContent()).toBe(`Whole design›${APP}›${STORE}`)
    const [whole, back, here] = await names()
    expect([whole?.cut, back?.cut, here?.cut]).toEqual([false, true, true])
    expect(back?.width).toBeGreaterThanOrEqual(30)
    expect(here?.width).toBeGreaterThan(back?.width ?? 0)
    expect(await view.getByRole('button', { name: APP }).getAttribute('title')).toBe(
      `Back to the focus on ${APP}`,
    )

    // The step back shows the app's neighbourhood again, with the trail before it.
    await view.getByRole('button', { name: APP }).click()
    await expect.poll(shown).toEqual(['api', 'st'])
    await expect.poll(() => view.textContent()).toBe(`Whole design›${APP}`)
    await view.getByRole('button', { name: 'Whole design' }).click()
    await expect.poll(shown).toEqual(['api', 'billing', 'st', 'unrelated'])
    await expect.poll(() => view.textContent()).toBe('Whole design')
    expect(session.browser.errors).toEqual([])
  })

  it('frames a spread-out neighbourhood at a zoom where names can be read, around its node', async () => {
    const spread = design()
      .named('Spread focus')
      .service('hub', 'keyVault', { name: 'kv-hub', position: { x: 3000, y: 2000 } })
      .app('near', { position: { x: 2600, y: 2000 } })
      .app('far', { position: { x: 0, y: 0 } })
      .access('near', 'hub', ['Key Vault Secrets User'])
      .access('far', 'hub', ['Key Vault Secrets User'])
    await session.d.openDesign('spread.topology.json', serializeDesign(spread.build()))
    const { page } = session.d
    const zoom = () =>
      page
        .locator('.react-flow__viewport')
        .evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a)
    await session.d.select('kv-hub')
    await page.getByRole('button', { name: 'Focus on kv-hub' }).click()
    await expect.poll(zoom).toBeCloseTo(0.7, 5)
    const pane = await page.getByRole('application', { name: 'Design canvas' }).boundingBox()
    const hub = await session.d.node('kv-hub').boundingBox()
    if (!pane || !hub) throw new Error('no canvas or node')
    expect(hub.x).toBeGreaterThan(pane.x)
    expect(hub.x + hub.width).toBeLessThan(pane.x + pane.width)
    // Fit View still shows the whole neighbourhood, however small.
    await session.d.fitView()
    await expect.poll(zoom).toBeLessThan(0.7)
    expect(session.browser.errors).toEqual([])
  })
})
