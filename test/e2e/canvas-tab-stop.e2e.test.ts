import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { KeyboardUser } from './support/keyboard.ts'
import { designerSession } from './support/session.ts'

/** What has the keyboard focus: a canvas node or line (by its accessible name), or something else. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    const kind = el?.classList.contains('react-flow__node')
      ? 'node'
      : el?.classList.contains('react-flow__edge')
        ? 'line'
        : 'other'
    return { kind, name: el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '' }
  })

/**
 * The canvas is one stop of the Tab order, as a composite widget is (WAI-ARIA): Tab enters it on
 * a node — the selected one, else the first in reading order — and the next Tab leaves it. Inside,
 * arrow keys go from node to node. Scenario 2 draws 11 lines, which React Flow puts before the
 * nodes in the page: Tab once visited every one of them before the first node.
 */
describe('the canvas is one Tab stop', () => {
  const session = designerSession()
  const page = () => session.browser.page
  const k = () => new KeyboardUser(page())
  const node = (name: RegExp) => page().getByRole('group', { name })
  const canvasTab = () => page().getByRole('tab', { name: 'Canvas' })

  it('Tab from the toolbar enters on the first node in reading order, past no line, and the next Tab leaves', async () => {
    await session.d.openTemplate(/Apps sharing user-assigned identities/)
    await session.d.fitView()
    await page().keyboard.press('Escape')
    expect(await page().locator('.react-flow__edge').count()).toBe(11)
    await session.d.button('Apply').focus()
    const path: string[] = []
    for (let i = 0; i < 40 && (await focused(page())).kind === 'other'; i++) {
      await page().keyboard.press('Tab')
      const at = await focused(page())
      path.push(`${at.kind}: ${at.name}`)
    }
    // The palette's item, the Canvas tab, then the node at the top left: contoso-func.
    expect(path.at(-1)).toMatch(/^node: App contoso-func,/)
    expect(path.filter((p) => p.startsWith('line: '))).toEqual([])
    expect(path.length).toBeLessThanOrEqual(4)
    await page().keyboard.press('Tab')
    expect((await focused(page())).kind).toBe('other')
    await page().keyboard.press('Shift+Tab')
    expect(await focused(page())).toEqual({
      kind: 'node',
      name: expect.stringMatching(/^App contoso-func,/),
    })
    await page().keyboard.press('Shift+Tab')
    expect(await k().has(canvasTab())).toBe(true)
  })

  it('arrow keys go from node to node; leaving and coming back returns to the last one', async () => {
    const u = k()
    await u.press('Tab')
    expect(await u.has(node(/^App contoso-func,/))).toBe(true)
    await u.press('ArrowDown')
    expect(await u.has(node(/^App contoso-web-1,/))).toBe(true)
    await u.press('ArrowDown')
    expect(await u.has(node(/^App contoso-web-2,/))).toBe(true)
    await u.press('ArrowRight')
    const identity = node(/^User-assigned identity mi-contoso-databases,/)
    expect(await u.has(identity)).toBe(true)
    // Moving the focus selects nothing, and moves no node.
    expect(await page().locator('.react-flow__node.selected').count()).toBe(0)
    await u.press('Tab')
    expect((await focused(page())).kind).toBe('other')
    await u.press('Shift+Tab')
    expect(await u.has(identity)).toBe(true)
  })

  it('enters on the selected node, whichever was focused before', async () => {
    await page()
      .getByRole('button', { name: 'Show contoso-web-2 → contoso-cosmos on the canvas' })
      .click()
    await page().getByRole('complementary', { name: 'Inspector' }).getByText('Access').waitFor()
    await session.d.select('contosoassets')
    const u = k()
    await canvasTab().focus()
    await u.press('Tab')
    expect(await u.has(node(/^Service contosoassets,/))).toBe(true)
  })

  it('reaches a node’s connection from it through the inspector, and Escape takes the keyboard to its line, where Delete removes it', async () => {
    const u = k()
    const inspector = page().getByRole('complementary', { name: 'Inspector' })
    await session.d.select('contoso-web-1')
    await canvasTab().focus()
    await u.press('Tab')
    expect(await u.has(node(/^App contoso-web-1,/))).toBe(true)
    await u.press('Enter')
    await inspector.getByRole('heading', { name: 'contoso-web-1' }).waitFor()
    await u.tabTo(inspector.getByRole('button', { name: 'uses mi-contoso-storage' }), { limit: 40 })
    await u.press('Enter')
    await inspector.getByRole('heading', { name: 'Connection' }).waitFor()
    const line = page().getByRole('group', {
      name: 'contoso-web-1 uses identity mi-contoso-storage',
    })
    await expect
      .poll(() => inspector.evaluate((el) => el.contains(document.activeElement)))
      .toBe(true)
    await u.press('Escape')
    await expect.poll(() => u.has(line)).toBe(true)
    // It is the canvas's Tab stop now: out and back lands on it.
    await u.press('Tab')
    await u.press('Shift+Tab')
    expect(await u.has(line)).toBe(true)
    await u.press('Delete')
    await expect.poll(() => line.count()).toBe(0)
    // The keyboard stays on the canvas.
    expect((await focused(page())).kind).not.toBe('other')
    expect(session.browser.errors).toEqual([])
  })
})
