import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launch, type Browser } from './support/browser.ts'
import { Designer } from './support/designer.ts'

describe('designer smoke', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launch()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('opens on an empty design with every key action named', async () => {
    const d = new Designer(browser.page)
    await d.open(inject('baseUrl'))
    await expect(browser.page.getByText('Start your identity topology').isVisible()).resolves.toBe(
      true,
    )
    for (const name of [
      'Open design',
      'Save design',
      'Undo',
      'Redo',
      'Auto layout',
      'Optimize identities',
    ])
      expect(await d.button(name).count()).toBe(1)
    expect(browser.errors).toEqual([])
  })
})
