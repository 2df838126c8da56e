import { describe, expect, it } from 'vitest'
import { generateDesign } from '../../bench/generate.ts'
import { serializeDesign } from '../../src/model/serialize.ts'
import { design } from '../support/builder.ts'
import type { Designer } from './support/designer.ts'
import { designerSession } from './support/session.ts'

/** How far the page itself (not a panel) can scroll, and how far it is scrolled. */
const pageScroll = (d: Designer) =>
  d.page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement
    return {
      overflowY: root.scrollHeight - window.innerHeight,
      overflowX: root.scrollWidth - window.innerWidth,
      scrolledY: window.scrollY,
    }
  })

describe('the page stays put: only its panels scroll', () => {
  const session = designerSession()

  it('has nothing to scroll on an empty design', async () => {
    expect(await pageScroll(session.d)).toEqual({ overflowY: 0, overflowX: 0, scrolledY: 0 })
  })

  it('does not scroll away under the wheel with a long list of problems', async () => {
    const design = generateDesign(40)
    await session.d.openDesign('forty.topology.json', serializeDesign(design))
    await session.d.page.getByRole('tab', { name: /^Problems/ }).click()
    await session.d.problems().locator('.rule-id').nth(30).waitFor()
    const toolbar = await session.d.page
      .getByRole('toolbar', { name: 'Designer toolbar' })
      .boundingBox()
    if (!toolbar) throw new Error('no toolbar')
    await session.d.page.mouse.move(toolbar.x + toolbar.width / 2, toolbar.y + toolbar.height / 2)
    await session.d.page.mouse.wheel(0, 2000)
    await session.d.page.waitForTimeout(200)
    expect(await pageScroll(session.d)).toEqual({ overflowY: 0, overflowX: 0, scrolledY: 0 })
    expect(session.browser.errors).toEqual([])
  })

  it('shows a notice over the canvas, not over the problems and their fixes', async () => {
    await session.d.page.getByRole('tab', { name: /^Problems/ }).click()
    await session.d.problems().locator('.finding-actions .button').first().click()
    const notice = session.d.page.getByRole('status').filter({ hasText: 'Ctrl+Z to undo' })
    await notice.waitFor()
    const noticeBox = await notice.boundingBox()
    const panelBox = await session.d.page
      .getByRole('region', { name: 'Problems, plan and guide' })
      .boundingBox()
    if (!noticeBox || !panelBox) throw new Error('no notice or panel')
    expect(noticeBox.y + noticeBox.height).toBeLessThanOrEqual(panelBox.y)
    await session.d.page.keyboard.press('Control+z')
  })

  it('shows the problems of a design opened next from their top', async () => {
    const list = session.d.page.getByRole('tabpanel', { name: /^Problems/ })
    // The last test's undo is drawn in a background render (the list defers edits): scroll once
    // it has settled, so the scroll is the user's, not one the redraw replaced.
    await expect
      .poll(async () => {
        await list.evaluate((el) => el.scrollTo({ top: 600 }))
        return list.evaluate((el) => el.scrollTop)
      })
      .toBeGreaterThan(0)
    await session.d.openDesign('forty-one.topology.json', serializeDesign(generateDesign(41)))
    await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBe(0)
  })

  it('wraps 128-character names without spaces in the Plan table and the Guide', async () => {
    const app = `app${'a'.repeat(125)}`
    const identity = `mi${'d'.repeat(126)}`
    const developers = `g${'e'.repeat(127)}`
    const long = design()
      .named('Long names')
      .app('web', { name: app, position: { x: 0, y: 0 } })
      .identity('mi', { name: identity, position: { x: 300, y: 0 } })
      .service('st', 'storage', { name: 'stlongnames', position: { x: 600, y: 0 } })
      .developer('dev', 'group', { name: developers, position: { x: 0, y: 200 } })
      .attach('web', 'mi')
      .access('web', 'st', ['Storage Blob Data Reader'], { via: 'mi' })
      .access('dev', 'st', ['Storage Blob Data Reader'])
      .build()
    const { page } = session.d
    await session.d.openDesign('long-names.topology.json', serializeDesign(long))
    await page.getByRole('tab', { name: /^Plan/ }).click()
    const plan = page.getByRole('tabpanel', { name: /^Plan/ })
    const table = plan.getByRole('table')
    // Every column in the panel: Scope's right edge inside it, nothing to scroll sideways.
    const edge = await plan.evaluate((el) => el.getBoundingClientRect().right)
    const scope = await table.getByRole('columnheader', { name: 'Scope' }).boundingBox()
    expect((scope?.x ?? Infinity) + (scope?.width ?? 0)).toBeLessThanOrEqual(edge)
    expect(
      await plan.locator('.table-scroll').evaluate((el) => el.scrollWidth - el.clientWidth),
    ).toBe(0)
    // The name is there in full, wrapped.
    await table.getByRole('cell', { name: identity, exact: true }).first().waitFor()
    await page.getByRole('tab', { name: /^Guide/ }).click()
    const guide = page.getByRole('tabpanel', { name: /^Guide/ })
    await guide.getByRole('heading', { name: app }).waitFor()
    expect(await guide.evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0)
    expect(await pageScroll(session.d)).toEqual({ overflowY: 0, overflowX: 0, scrolledY: 0 })
  })

  it('wraps long quick-fix titles inside the inspector', async () => {
    // An identity nothing uses: its fix is 'Remove identity "<its name>"'.
    const identity =
      'mi-orders-shared-storage-access-for-production-in-west-europe-and-north-europe'
    const unused = design()
      .named('Long fix titles')
      .app('orders-api', { systemAssigned: true, position: { x: 0, y: 0 } })
      .identity('mi', { name: identity, position: { x: 300, y: 150 } })
      .service('st', 'storage', { position: { x: 600, y: 0 } })
      .access('orders-api', 'st', ['Storage Blob Data Reader'], { via: 'system' })
      .build()
    await session.d.openDesign('long.topology.json', serializeDesign(unused))
    await session.d.select(identity)
    const inspector = session.d.page.getByRole('complementary', { name: 'Inspector' })
    const fixes = inspector.locator('.finding-actions .button')
    await fixes.first().waitFor()
    const edge = await inspector.evaluate((el) => el.getBoundingClientRect().right)
    const rights = await fixes.evaluateAll((buttons) =>
      buttons.map((b) => [b.textContent, b.getBoundingClientRect().right] as const),
    )
    expect(rights.length).toBeGreaterThan(0)
    for (const [title, right] of rights) expect(right, title ?? '').toBeLessThanOrEqual(edge)
    expect(await pageScroll(session.d)).toEqual({ overflowY: 0, overflowX: 0, scrolledY: 0 })
  })
})

describe('a phone-wide window: nothing to scroll sideways (WCAG 1.4.10 reflow)', () => {
  const session = designerSession({ width: 400, height: 800 })
  /** How far the page can scroll sideways: the columns stack there and the page scrolls down. */
  const sideways = () =>
    session.d.page.evaluate(() => {
      const root = document.scrollingElement ?? document.documentElement
      return root.scrollWidth - root.clientWidth
    })

  it('fits 400 and 320 px on the start page and with a long-named template open', async () => {
    const { page } = session.d
    for (const width of [400, 320]) {
      await page.setViewportSize({ width, height: 800 })
      expect(await sideways(), `start page at ${width} px`).toBe(0)
    }
    await page.setViewportSize({ width: 400, height: 800 })
    // Its status bar's counts (nodes, accesses, identity links, grants) no longer fit one row.
    await session.d.openTemplate(/Apps sharing user-assigned identities/)
    for (const width of [400, 320]) {
      await page.setViewportSize({ width, height: 800 })
      expect(await sideways(), `scenario 2 at ${width} px`).toBe(0)
      const bar = await page.locator('.status-bar').boundingBox()
      expect((bar?.x ?? 0) + (bar?.width ?? Infinity)).toBeLessThanOrEqual(width)
    }
    expect(session.browser.errors).toEqual([])
  })
})
