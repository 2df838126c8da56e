import { describe, expect, it } from 'vitest'
import type { Locator } from 'playwright-core'
import { serializeDesign } from '../../src/model/serialize.ts'
import { design } from '../support/builder.ts'
import { designerSession } from './support/session.ts'

/** How far an element's content reaches past its right edge (0: nothing to scroll sideways). */
const sideways = (el: Locator) => el.evaluate((e) => e.scrollWidth - e.clientWidth)

/** Whether an element's box ends inside another's. */
async function inside(el: Locator, box: Locator): Promise<boolean> {
  const [a, b] = await Promise.all([el.boundingBox(), box.boundingBox()])
  if (!a || !b) throw new Error('not drawn')
  return a.x + a.width <= b.x + b.width + 0.5
}

// A name may be 128 characters without a space (PRODUCT.md §4): the Problems panel and the
// inspector wrap it, in full, instead of scrolling sideways and cutting their messages off.
describe('128-character names in the Problems panel and the inspector', () => {
  const session = designerSession({ width: 1280, height: 800 })
  const storage = `st${'x'.repeat(126)}`
  const app = `app${'a'.repeat(125)}`

  it('wrap in the Problems panel: no sideways scrolling, the whole message in view', async () => {
    const long = design()
      .named('Long names')
      .app('web', { name: app, systemAssigned: true, position: { x: 0, y: 0 } })
      .service('st', 'storage', { name: storage, position: { x: 400, y: 0 } })
      .access('web', 'st', ['Storage Blob Data Reader'], { via: 'system' })
      .build()
    const { page } = session.d
    await session.d.openDesign('long-names.topology.json', serializeDesign(long))
    await page.getByRole('tab', { name: /^Problems/ }).click()
    const panel = page.getByRole('tabpanel', { name: /^Problems/ })
    const finding = panel.locator('.finding').filter({ hasText: 'developer-access-missing' })
    await finding.waitFor()
    expect(await sideways(panel)).toBe(0)
    const message = finding.locator('.finding-message')
    expect(await message.textContent()).toContain(storage)
    expect(await inside(message, panel)).toBe(true)
    const subject = finding.getByRole('button', { name: `Show ${storage} on the canvas` })
    expect(await inside(subject, panel)).toBe(true)
  })

  it('wrap in the inspector: its heading in full, its findings and connections inside it', async () => {
    const { page } = session.d
    await session.d.select(storage)
    const inspector = page.getByRole('complementary', { name: 'Inspector' })
    const heading = inspector.getByRole('heading', { level: 2, name: storage })
    // In full: wrapped, not cut off with an ellipsis.
    expect(await sideways(heading)).toBe(0)
    expect(await inside(heading, inspector)).toBe(true)
    expect(await sideways(inspector)).toBe(0)
    const message = inspector.locator('.finding-message').first()
    expect(await message.textContent()).toContain(storage)
    expect(await inside(message, inspector)).toBe(true)
    await inspector.getByRole('button', { name: `accessed by ${app}` }).click()
    await inspector.getByRole('heading', { level: 2, name: 'Connection' }).waitFor()
    const ends = inspector.getByRole('button', { name: app, exact: true })
    expect(await inside(ends, inspector)).toBe(true)
    expect(await sideways(inspector)).toBe(0)
    expect(session.browser.errors).toEqual([])
  })
})
