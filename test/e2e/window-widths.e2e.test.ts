import { describe, expect, it } from 'vitest'
import { designerSession } from './support/session.ts'

/** Every button of the toolbar, by the name tests and screen readers find it by. */
const TOOLBAR_BUTTONS = [
  'New',
  'Open design',
  'Save design',
  'Recent designs',
  'Undo',
  'Redo',
  'Auto layout',
  'Optimize identities',
  'Share link',
  'Export diagram',
  'Azure',
  'Apply',
]

/** A template for each width (openTemplate needs a name other than the open one's): long names. */
const TEMPLATES: Record<number, RegExp> = {
  1024: /One app, system-assigned identity/,
  1280: /Apps sharing user-assigned identities/,
  1366: /Shared identity plus system-assigned/,
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
      expect(session.browser.errors).toEqual([])
    })
  }
})
