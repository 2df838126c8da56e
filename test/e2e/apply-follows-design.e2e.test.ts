import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launch, type Browser } from './support/browser.ts'
import { Designer } from './support/designer.ts'

// A newcomer's first day: the Apply dialog follows the open design, and binds row by row.
describe('Apply follows the open design', () => {
  let browser: Browser
  let d: Designer
  beforeAll(async () => {
    browser = await launch()
    d = new Designer(browser.page)
    await d.open(inject('baseUrl'))
  })
  afterAll(async () => {
    await browser?.close()
  })

  const openTemplate = async (title: RegExp): Promise<void> => {
    await d.button('New').click()
    await browser.page.getByRole('button', { name: title }).click()
  }
  const dialog = () => browser.page.getByRole('dialog', { name: 'Apply to the sandbox' })

  it('applies design A, then New → scenario 2 → Apply opens fresh: no report of A, no binding of A', async () => {
    await openTemplate(/One app, system-assigned identity/)
    await d.node('contoso-web').waitFor()
    await d.button('Apply').click()
    await dialog().getByRole('button', { name: 'Bind resources' }).click()
    await dialog().getByRole('button', { name: 'Preview changes' }).click()
    await dialog()
      .getByRole('button', { name: /^Apply \d+ changes?$/ })
      .click()
    await dialog().getByRole('list', { name: 'Report counts' }).waitFor({ timeout: 30_000 })
    await dialog().getByRole('button', { name: 'Done' }).click()

    await openTemplate(/Apps sharing user-assigned identities/)
    await d.node('contoso-web-1').waitFor()
    await d.button('Apply').click()
    // The first step of a new flow, not A's report or its "Apply again".
    await dialog().getByRole('button', { name: 'Bind resources' }).waitFor()
    expect(await dialog().getByRole('list', { name: 'Report counts' }).count()).toBe(0)
    expect(await dialog().getByRole('button', { name: 'Apply again' }).count()).toBe(0)

    await dialog().getByRole('button', { name: 'Bind resources' }).click()
    await expect
      .poll(() =>
        dialog().getByRole('combobox', { name: 'Resource for contoso-web-1' }).inputValue(),
      )
      .toMatch(/\/Microsoft.Web\/sites\/contoso-web-1$/)
    await dialog().getByRole('button', { name: 'Preview changes' }).click()
    const counts = dialog().getByRole('list', { name: 'Preview counts' })
    // Scenario 2 was never applied: its identities and grants are all to create.
    await expect.poll(() => counts.innerText()).toMatch(/1[0-9] to create/)
    await expect
      .poll(() =>
        dialog()
          .getByRole('row', { name: /^mi-contoso-storage/ })
          .innerText(),
      )
      .toMatch(/mi-contoso-storage\s+\(to create\)\s+sandbox-rg/)
    await dialog().getByRole('button', { name: 'Close' }).click()
    expect(browser.errors).toEqual([])
  }, 120_000)

  it('binds row by row: one node without a match is marked, the others stay bound, a pick enables Preview', async () => {
    await openTemplate(/Shared identity plus system-assigned/)
    await d.select('contosoorders')
    await d.rename('orders-renamed')
    await d.button('Apply').click()
    await dialog().getByRole('button', { name: 'Bind resources' }).click()

    await dialog().getByText('Needs a choice', { exact: true }).waitFor()
    expect(await dialog().getByText('Needs a choice', { exact: true }).count()).toBe(1)
    await expect
      .poll(() => dialog().getByRole('status').filter({ hasText: /need/ }).innerText())
      .toBe('1 of 7 nodes needs a choice: marked below.')
    // The other rows show their own binding, not "— not bound —".
    expect(
      await dialog()
        .getByRole('combobox', { name: 'Resource for contoso-orders-api' })
        .inputValue(),
    ).toMatch(/\/Microsoft.App\/containerApps\/contoso-orders-api$/)
    expect(
      await dialog().getByRole('combobox', { name: 'Resource for kv-contoso-orders' }).inputValue(),
    ).toMatch(/\/Microsoft.KeyVault\/vaults\/kv-contoso-orders$/)
    const preview = dialog().getByRole('button', { name: 'Preview changes' })
    expect(await preview.isDisabled()).toBe(true)

    const picker = dialog().getByRole('combobox', { name: 'Resource for orders-renamed' })
    await picker.selectOption({ label: 'contosoorders' })
    await expect.poll(() => preview.isDisabled()).toBe(false)
    expect(await dialog().getByText('Needs a choice', { exact: true }).count()).toBe(0)
    await dialog().getByRole('button', { name: 'Close' }).click()
    expect(browser.errors).toEqual([])
  }, 120_000)
})
