import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launch, type Browser } from './support/browser.ts'
import { Designer } from './support/designer.ts'

describe('apply to the sandbox from the designer', () => {
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

  it('applies scenario 2: preview, confirm, progress, report; applying again finds everything in place', async () => {
    const page = browser.page
    await d.button('New').click()
    await page.getByRole('button', { name: /Apps sharing user-assigned identities/ }).click()
    await d.node('contoso-web-1').waitFor()

    await d.button('Apply').click()
    const dialog = page.getByRole('dialog', { name: 'Apply to the sandbox' })
    await dialog.getByRole('radio', { name: /Sandbox/ }).waitFor()
    expect(await dialog.getByRole('radio', { name: /Sandbox/ }).isChecked()).toBe(true)
    await dialog.getByRole('button', { name: 'Bind resources' }).click()
    await expect
      .poll(() => dialog.getByRole('combobox', { name: 'Resource for contoso-web-1' }).inputValue())
      .toMatch(/Microsoft.Web\/sites\/contoso-web-1$/)

    await dialog.getByRole('button', { name: 'Preview changes' }).click()
    const counts = dialog.getByRole('list', { name: 'Preview counts' })
    await counts.waitFor()
    expect(await counts.innerText()).toMatch(/1[0-9] to create/)
    expect(await counts.innerText()).toMatch(/0 already in place/)
    expect(await counts.innerText()).toMatch(/2 manual/)

    await dialog.getByRole('button', { name: /^Apply \d+ changes$/ }).click()
    await dialog
      .getByRole('status')
      .filter({ hasText: /Applied\./ })
      .waitFor({ timeout: 30_000 })
    const report = await dialog.getByRole('list', { name: 'Report counts' }).innerText()
    expect(report).toMatch(/0\s*failed/)
    expect(report).toMatch(/[1-9]\d*\s*created/)
    await expect
      .poll(() => dialog.getByRole('region', { name: /Manual steps/ }).innerText())
      .toContain('CREATE USER [mi-contoso-databases] FROM EXTERNAL PROVIDER')

    const saved = await d.download(() =>
      dialog.getByRole('button', { name: 'Download report' }).click(),
    )
    const json = JSON.parse(saved.text)
    expect(json.format).toBe('identity-apply-report')
    expect(json.counts.failed).toBe(0)
    expect(saved.text).not.toMatch(/Bearer|access_token/i)

    await dialog.getByRole('button', { name: 'Apply again' }).click()
    await counts.waitFor()
    await expect.poll(() => counts.innerText()).toMatch(/0 to create/)
    expect(await counts.innerText()).toMatch(/1[0-9] already in place/)
    expect(await dialog.getByRole('button', { name: 'Nothing to apply' }).isDisabled()).toBe(true)
    expect(browser.errors).toEqual([])
  }, 90_000)

  it('keeps the sandbox across a reload: what was applied is still in place', async () => {
    const page = browser.page
    await page.waitForTimeout(500) // the sandbox persists its state shortly after each change
    await page.reload()
    await d.node('contoso-web-1').waitFor()
    await d.button('Apply').click()
    const dialog = page.getByRole('dialog', { name: 'Apply to the sandbox' })
    await dialog.getByRole('button', { name: 'Bind resources' }).click()
    await dialog.getByRole('button', { name: 'Preview changes' }).click()
    const counts = dialog.getByRole('list', { name: 'Preview counts' })
    await expect.poll(() => counts.innerText()).toMatch(/0 to create/)
    expect(await counts.innerText()).toMatch(/1[0-9] already in place/)
    expect(browser.errors).toEqual([])
  }, 60_000)
})
