import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launch, type Browser } from './support/browser.ts'
import { Designer } from './support/designer.ts'

// Issue 14 through the web app: a messy group imported from the in-page sandbox, its problems
// and health at a glance, then compared with Azure and its orphans removed.
describe('Import from Azure and Compare with Azure', () => {
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
  const page = () => browser.page
  const azure = async (item: string): Promise<void> => {
    await d.button('Azure').click()
    await page().getByRole('menuitem', { name: item }).click()
  }

  it('imports the demo group as a new design with its findings and a health summary', async () => {
    await azure('Import from Azure')
    const dialog = page().getByRole('dialog', { name: 'Import from Azure' })
    await dialog.getByRole('button', { name: 'Add the demo estate' }).click()
    await expect
      .poll(() => dialog.getByRole('combobox', { name: 'Resource group' }).inputValue())
      .toBe('contoso-prod')
    await dialog.getByRole('button', { name: 'Import contoso-prod' }).click()
    await dialog.waitFor({ state: 'detached', timeout: 30_000 })

    for (const name of ['app-orders', 'func-billing', 'mi-contoso-shared', 'kv-contoso-prod'])
      await d.node(name).waitFor()
    const notice = page().getByRole('status').filter({ hasText: 'Imported contoso-prod' })
    await expect
      .poll(() => notice.innerText())
      .toMatch(/Imported contoso-prod: 5 apps, 2 identities, 4 services, 2 developers/)
    // One line over the canvas; its health lines and notes behind Details.
    const noticeBox = await notice.boundingBox()
    const canvas = await page().getByRole('application', { name: 'Design canvas' }).boundingBox()
    expect(noticeBox?.height ?? Infinity).toBeLessThan((canvas?.height ?? 0) / 4)
    expect(await notice.innerText()).not.toContain('(privileged-role)')
    await notice.getByRole('button', { name: /^Details \(\d+\)$/ }).click()
    const text = await notice.innerText()
    expect(text).toContain('(privileged-role)')
    expect(text).toContain('2 orphaned role assignments')
    expect(text).toContain('mi-legacy, which no longer exists')
    expect(await d.ruleIds()).toEqual(
      expect.arrayContaining(['privileged-role', 'key-exposing-role', 'unused-identity']),
    )
  })

  it('compares the imported design with the group: two orphans, removed after confirming', async () => {
    await azure('Compare with Azure')
    const dialog = page().getByRole('dialog', { name: 'Compare with Azure' })
    await dialog.getByRole('button', { name: 'Compare with contoso-prod' }).click()
    await expect
      .poll(() => dialog.getByRole('status').first().innerText(), { timeout: 30_000 })
      .toBe('2 differences with contoso-prod.')
    const orphaned = dialog.getByRole('region', { name: 'Orphaned' })
    await expect
      .poll(() => orphaned.getByRole('listitem').allInnerTexts())
      .toEqual([
        'Key Vault Secrets Officer for mi-legacy (deleted) on kv-contoso-prod Show',
        'Storage Queue Data Contributor for mi-legacy (deleted) on stcontosoprod Show',
      ])
    // Select them on the canvas: the dialog closes on the services they are on; reopened on the
    // same design, the lists are still there.
    await orphaned.getByRole('button', { name: 'Select them on the canvas' }).click()
    await dialog.waitFor({ state: 'detached' })
    await expect
      .poll(() => page().locator('.react-flow__node.selected').allInnerTexts())
      .toEqual([
        expect.stringContaining('kv-contoso-prod'),
        expect.stringContaining('stcontosoprod'),
      ])
    await azure('Compare with Azure')
    await orphaned.getByRole('button', { name: 'Remove them from Azure…' }).click()
    const confirm = dialog.getByRole('group', { name: 'Confirm removal' })
    await confirm.getByRole('button', { name: 'Remove 2 assignments' }).click()
    await expect
      .poll(() => dialog.getByText('The design and contoso-prod agree.').count(), {
        timeout: 30_000,
      })
      .toBe(1)
    expect(await dialog.getByText('Removed 2 role assignments.').count()).toBe(1)
  })
})
