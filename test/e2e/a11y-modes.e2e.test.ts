import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launch, type Browser } from './support/browser.ts'
import { Designer, TOOLBAR_BUTTONS } from './support/designer.ts'

/** Opens the tutorial's scenario 2 from New. */
async function scenario2(d: Designer): Promise<void> {
  await d.button('New').click()
  await d.page.getByRole('button', { name: /Apps sharing user-assigned identities/ }).click()
  await d.node('contoso-web-1').waitFor()
}

/** The focus ring an element shows: its own outline, or its drawn box's (canvas nodes). */
async function focusRing(target: Locator): Promise<{ style: string; width: number }> {
  return target.evaluate((el) => {
    const drawn = el.classList.contains('react-flow__node') ? el.querySelector('.dn') : el
    const css = getComputedStyle(drawn ?? el)
    return { style: css.outlineStyle, width: parseFloat(css.outlineWidth) }
  })
}

/** Moves the focus with the keyboard onto `target` (Tab until it has it, shown as keyboard focus). */
async function tabTo(page: Page, target: Locator, limit = 200): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (
      await target.evaluate((el) => el === document.activeElement && el.matches(':focus-visible'))
    )
      return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${target.toString()}`)
}

describe('forced colours (Windows high contrast): focus and selection stay visible', () => {
  let browser: Browser
  let d: Designer
  beforeAll(async () => {
    browser = await launch()
    await browser.page.emulateMedia({ forcedColors: 'active' })
    d = new Designer(browser.page)
    await d.open(inject('baseUrl'))
    await scenario2(d)
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('shows a 2px focus outline on toolbar buttons, palette items, tabs and canvas nodes', async () => {
    const page = browser.page
    const targets = [
      d.button('New'),
      d.button('Add App Service'),
      page.getByRole('tab', { name: /^Problems/ }),
      // The node Tab enters the canvas on: the top left one.
      d.node('contoso-func'),
    ]
    for (const target of targets) {
      await tabTo(page, target)
      const ring = await focusRing(target)
      expect(ring.style, await target.innerText()).toBe('solid')
      expect(ring.width).toBeGreaterThanOrEqual(2)
    }
  })

  it('outlines the selected node and draws node borders in a system colour', async () => {
    await d.select('contoso-web-1')
    const box = d.node('contoso-web-1').locator('.dn')
    const css = await box.evaluate((el) => {
      const s = getComputedStyle(el)
      return { outline: s.outlineStyle, border: s.borderLeftStyle, width: s.borderLeftWidth }
    })
    expect(css).toEqual({ outline: 'solid', border: 'solid', width: '1px' })
    // Connections in the text colour, whatever their kind (attach dashed, access solid).
    const strokes = await browser.page.evaluate(() =>
      ['.react-flow__edge-path.edge-attach', '.react-flow__edge-path.edge-access', '.dn-name'].map(
        (selector) => {
          const el = document.querySelector(selector)
          if (!el) throw new Error(`${selector} is not on the page`)
          const css = getComputedStyle(el)
          return selector === '.dn-name' ? css.color : css.stroke
        },
      ),
    )
    expect(new Set(strokes).size).toBe(1)
  })

  it('outlines the focused and the selected row of the outline view', async () => {
    const page = browser.page
    await page.getByRole('tab', { name: 'Outline' }).click()
    const row = page.getByRole('treeitem', { name: /^App contoso-web-1,/ })
    await tabTo(page, row)
    expect(await row.getAttribute('aria-selected')).toBe('true')
    const ring = await focusRing(row)
    expect(ring.style).toBe('solid')
    expect(ring.width).toBeGreaterThanOrEqual(2)
    await page.keyboard.press('ArrowDown')
    // Selected, without the focus: still outlined (no background tint survives forced colours).
    await page.getByRole('tab', { name: 'Canvas' }).focus()
    await page.getByRole('tab', { name: 'Outline' }).focus()
    const selected = page.locator('[role="treeitem"][aria-selected="true"]')
    expect((await focusRing(selected)).style).toBe('solid')
    await page.getByRole('tab', { name: 'Canvas' }).click()
  })

  it('outlines the focused menu item', async () => {
    const page = browser.page
    await page.keyboard.press('Escape')
    await tabTo(page, page.getByRole('button', { name: 'Export diagram' }))
    await page.keyboard.press('Enter')
    const item = page.getByRole('menuitem', { name: 'Export plan' })
    await expect.poll(() => item.evaluate((el) => el === document.activeElement)).toBe(true)
    expect((await focusRing(item)).style).toBe('solid')
    await page.keyboard.press('Escape')
    expect(browser.errors).toEqual([])
  })
})

describe('prefers-reduced-motion: the view jumps, nothing glides', () => {
  let browser: Browser
  let d: Designer
  beforeAll(async () => {
    browser = await launch()
    await browser.page.emulateMedia({ reducedMotion: 'reduce' })
    d = new Designer(browser.page)
    await d.open(inject('baseUrl'))
    await scenario2(d)
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('shows a finding’s subject on the canvas without a viewport animation', async () => {
    const page = browser.page
    const viewport = page.locator('.react-flow__viewport')
    const before = await viewport.getAttribute('style')
    await d
      .problems()
      .getByRole('button', { name: /^Show .* on the canvas$/ })
      .first()
      .click()
    // One frame later the view is already where it ends: an animation would still be moving.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))))
    const first = await viewport.getAttribute('style')
    await page.waitForTimeout(500)
    expect(first).not.toBe(before)
    expect(await viewport.getAttribute('style')).toBe(first)
  })

  it('runs no CSS transitions or animations', async () => {
    const durations = await browser.page.evaluate(() =>
      ['.dn', '.tool', '.sa-toggle'].map((selector) => {
        const el = document.querySelector(selector)
        if (!el) throw new Error(`${selector} is not on the page`)
        const css = getComputedStyle(el)
        return [css.transitionDuration, css.animationDuration].map((t) => parseFloat(t))
      }),
    )
    for (const pair of durations) for (const seconds of pair) expect(seconds).toBeLessThan(0.001)
    expect(browser.errors).toEqual([])
  })
})

describe('text zoom 200% (1440 × 900 shown at 720 × 450 CSS pixels): nothing out of reach', () => {
  let browser: Browser
  let d: Designer
  const WIDTH = 720
  beforeAll(async () => {
    browser = await launch({ viewport: { width: WIDTH, height: 450 } })
    d = new Designer(browser.page)
    await d.open(inject('baseUrl'))
    await scenario2(d)
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('keeps every toolbar action on the page, without horizontal scrolling', async () => {
    for (const name of TOOLBAR_BUTTONS) {
      const button = d.button(name)
      await button.scrollIntoViewIfNeeded()
      const box = await button.boundingBox()
      expect(box, name).not.toBeNull()
      expect(box?.x ?? -1, name).toBeGreaterThanOrEqual(0)
      expect((box?.x ?? 0) + (box?.width ?? 0), name).toBeLessThanOrEqual(WIDTH)
    }
    const scrollWidth = await browser.page.evaluate(() => document.documentElement.scrollWidth)
    expect(scrollWidth).toBeLessThanOrEqual(WIDTH)
  })

  it('still optimizes, edits in the inspector and opens the Apply dialog', async () => {
    const page = browser.page
    await d.button('Optimize identities').click()
    const optimize = page.getByRole('dialog', { name: 'Optimize identities' })
    const close = optimize.getByRole('button', { name: /^(Cancel|Close)$/ }).last()
    await close.scrollIntoViewIfNeeded()
    await close.click()

    await d.select('contoso-web-1')
    const name = page.getByRole('textbox', { name: 'Name', exact: true })
    await name.scrollIntoViewIfNeeded()
    await name.fill('contoso-web-one')
    await name.press('Enter')
    await d.node('contoso-web-one').waitFor()

    await d.button('Apply').click()
    const bind = page
      .getByRole('dialog', { name: /^Apply to/ })
      .getByRole('button', { name: 'Bind resources' })
    await bind.scrollIntoViewIfNeeded()
    expect(await bind.isVisible()).toBe(true)
    expect(browser.errors).toEqual([])
  })
})
