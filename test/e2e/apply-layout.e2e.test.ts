import type { Locator } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { Design } from '@/model/types.ts'
import { serializeDesign } from '@/model/serialize.ts'
import { templateById } from '@/templates/index.ts'
import { designerSession } from './support/session.ts'

const SUB = '11111111-1111-1111-1111-111111111111'

/**
 * Scenario 2 with what real estates carry: a long app name, an identity placed in a long-named
 * group, and a service bound to a resource in another group (a message with ARM ids).
 */
function longNames(): Design {
  const base = templateById('scenario-2')!.design
  const change: Record<string, Partial<Design['nodes'][number]>> = {
    func: { name: 'contosoordersprocessingfunctionsproductionwesteurope01' },
    'mi-data': {
      azure: {
        subscriptionId: SUB,
        resourceGroup: 'rg-contoso-shared-identities-production-westeurope-001',
        location: 'westeurope',
      },
    },
    cosmos: {
      azure: {
        resourceId: `/subscriptions/${SUB}/resourceGroups/rg-contoso-data-production/providers/Microsoft.DocumentDB/databaseAccounts/contoso-cosmos`,
      },
    },
  }
  return {
    ...base,
    name: 'Long names',
    nodes: base.nodes.map((n) => ({ ...n, ...change[n.id] }) as Design['nodes'][number]),
  }
}

/**
 * How many pixels of a drop-down's chosen text its box cuts off: the text measured in the
 * select's own font, against its width less padding, border and the arrow (about 20 px).
 */
const cutOff = (select: Locator): Promise<number> =>
  select.evaluate((el: HTMLSelectElement) => {
    const style = getComputedStyle(el)
    const context = document.createElement('canvas').getContext('2d')!
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`
    const text = el.selectedOptions[0]?.text ?? ''
    const room =
      el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20
    return Math.max(0, Math.ceil(context.measureText(text).width - room))
  })

// The Apply dialog in the app as it ships (its own stylesheets, laid out by Chromium).
for (const viewport of [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
])
  describe(`the Apply dialog at ${viewport.width}×${viewport.height}`, () => {
    const session = designerSession(viewport)

    it('fits the dialog: Status in view without scrolling sideways, every choice usable', async () => {
      const { d, browser } = session
      const page = browser.page
      await d.openDesign('long-names.topology.json', serializeDesign(longNames()))
      await d.button('Apply').click()
      const dialog = page.getByRole('dialog', { name: 'Apply to the sandbox' })
      await dialog.getByRole('button', { name: 'Bind resources' }).click()
      await expect
        .poll(() =>
          dialog
            .getByRole('status')
            .filter({ hasText: /nodes? need/ })
            .innerText(),
        )
        .toBe('1 of 9 nodes needs a choice: marked below.')
      await expect
        .poll(() => dialog.locator('.field-error').allInnerTexts())
        .toEqual([
          'no Microsoft.Web/sites named "contosoordersprocessingfunctionsproductionwesteurope01" in resource group sandbox-rg (found: contoso-func, contoso-orders-worker)',
        ])
      const box = (await dialog.boundingBox())!
      const table = dialog.getByRole('table')
      const status = (await table.getByRole('columnheader', { name: 'Status' }).boundingBox())!
      expect(status.x + status.width).toBeLessThanOrEqual(box.x + box.width)
      const sideways = await dialog
        .locator('.bind-step .table-scroll')
        .evaluate((el) => el.scrollWidth - el.clientWidth)
      expect(sideways).toBe(0)
      for (const cell of await table
        .getByRole('cell', { name: /Bound|To create in|Exists in|Needs a choice/ })
        .all()) {
        const cellBox = (await cell.boundingBox())!
        expect(cellBox.x + cellBox.width).toBeLessThanOrEqual(box.x + box.width)
      }
      for (const choice of await table.getByRole('combobox').all())
        expect((await choice.boundingBox())!.width).toBeGreaterThanOrEqual(120)
      expect(browser.errors).toEqual([])
    })

    it('shows the whole subscription and group in the Target step, and SQL scripts unclipped in the report', async () => {
      const { d, browser } = session
      const page = browser.page
      await page.keyboard.press('Escape') // the Bind test's dialog
      await page.getByRole('dialog').waitFor({ state: 'hidden' })
      await d.button('New').click()
      await page.getByRole('button', { name: /Apps sharing user-assigned identities/ }).click()
      await d.node('contoso-web-1').waitFor()
      await d.button('Apply').click()
      const dialog = page.getByRole('dialog', { name: 'Apply to the sandbox' })
      const subscription = dialog.getByRole('combobox', { name: 'Subscription' })
      const group = dialog.getByRole('combobox', { name: 'Resource group' })
      await expect.poll(() => group.inputValue()).toBe('sandbox-rg')
      expect(
        await subscription.evaluate((el: HTMLSelectElement) => el.selectedOptions[0]?.text),
      ).toBe('Sandbox subscription (11111111-1111-1111-1111-111111111111)')
      expect(await cutOff(subscription)).toBe(0)
      expect(await cutOff(group)).toBe(0)

      await dialog.getByRole('button', { name: 'Bind resources' }).click()
      await dialog.getByRole('button', { name: 'Preview changes' }).click()
      await dialog.getByRole('button', { name: /^Apply \d+ changes$/ }).click()
      await dialog
        .getByRole('status')
        .filter({ hasText: /Applied\./ })
        .waitFor({ timeout: 30_000 })
      const scripts = dialog.getByRole('region', { name: /Manual steps/ }).locator('pre')
      await expect.poll(() => scripts.count()).toBe(2)
      // Nothing hidden to either side: a long line wraps inside the box.
      for (const script of await scripts.all())
        expect(await script.evaluate((el) => el.scrollWidth - el.clientWidth)).toBe(0)
      expect(browser.errors).toEqual([])
    })
  })
