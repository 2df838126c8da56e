import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { launch, type Browser } from './support/browser.ts'
import { Designer } from './support/designer.ts'

/** What has the keyboard focus: its tag, accessible text and the landmark it is in. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      text: (el?.textContent ?? '').trim().slice(0, 80),
      inInspector: !!el?.closest('[aria-label="Inspector"]'),
      inProblems: !!el?.closest('#tabpanel-problems'),
      inDialog: !!el?.closest('[role="dialog"]'),
    }
  })

// Keyboard users never lose their place: the focus stays where the work goes on.

/**
 * From the Canvas tab, Tab enters the canvas on the selected vault and ] goes on to app-1,
 * connected to it: the focus is on app-1 and the selection stays on the vault.
 */
async function toAppFromVault(page: Page): Promise<Locator> {
  await page.getByRole('tab', { name: 'Canvas' }).focus()
  await page.keyboard.press('Tab')
  const vault = page.locator('.react-flow__node[data-id="kv-1"]')
  expect(await vault.evaluate((el) => el === document.activeElement)).toBe(true)
  await page.keyboard.press(']')
  const app = page.locator('.react-flow__node[data-id="app-1"]')
  await expect.poll(() => app.evaluate((el) => el === document.activeElement)).toBe(true)
  return app
}

describe('focus after keyboard actions', () => {
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

  it('Connect in the inspector leaves the focus on the new connection’s inspector, not the page', async () => {
    const page = browser.page
    await d.button('New').click()
    await page.getByRole('button', { name: /Shared identity plus system-assigned/ }).click()
    await d.select('contoso-orders-worker')
    const inspector = page.getByRole('complementary', { name: 'Inspector' })
    await inspector.getByRole('combobox', { name: 'Connect to' }).selectOption({ index: 0 })
    await inspector.getByRole('button', { name: 'Connect' }).focus()
    await page.keyboard.press('Enter')
    await inspector.getByRole('heading', { name: 'Connection' }).waitFor()
    expect(await focused(page)).toMatchObject({ tag: 'h2', text: 'Connection', inInspector: true })
    // The next Tab goes on inside the connection's fields.
    await page.keyboard.press('Tab')
    expect((await focused(page)).inInspector).toBe(true)
  })

  it('a quick fix applied with the keyboard leaves the focus in the Problems list', async () => {
    const page = browser.page
    await d.button('New').click()
    await page.getByRole('button', { name: /One app, system-assigned identity/ }).click()
    await d.node('contoso-web').waitFor()
    await d.button('System-assigned identity of contoso-web').click()
    const fix = d
      .problems()
      .getByRole('button', { name: /^Enable the system-assigned identity of "contoso-web"/ })
      .first()
    await fix.focus()
    await page.keyboard.press('Enter')
    await expect.poll(async () => (await focused(page)).inProblems).toBe(true)
    expect((await focused(page)).tag).not.toBe('body')
  })

  it('Tab from the role search, its list open, goes on to Scope, not to the page', async () => {
    const page = browser.page
    await d.openTemplate(/Apps sharing user-assigned identities/)
    await d.select('contosoassets')
    const inspector = page.getByRole('complementary', { name: 'Inspector' })
    await inspector.getByRole('button', { name: 'accessed by Contoso developers' }).click()
    await inspector.getByRole('heading', { name: 'Connection' }).waitFor()
    const search = inspector.getByRole('combobox', { name: 'Add role' })
    await search.focus()
    // The open list scrolls: Chromium would take a scrolling list into the tab order.
    await page.getByRole('listbox', { name: 'Roles for this service' }).waitFor()
    await page.keyboard.press('Tab')
    expect(await focused(page)).toMatchObject({ tag: 'select', inInspector: true })
    expect(
      await inspector
        .getByRole('combobox', { name: 'Scope' })
        .evaluate((el) => el === document.activeElement),
    ).toBe(true)
  })

  it('Delete on a node reached with the keyboard deletes that node, not the one selected before, and the focus stays on the canvas', async () => {
    const page = browser.page
    await d.button('New').click()
    await page.getByRole('button', { name: /^Empty design/ }).click()
    await d.button('Add App Service').click()
    await d.button('Add Key Vault').click()
    await d.select('app-1')
    await d.connectTo('kv-1')
    // The vault is the selection; ] goes from it to the app without selecting it.
    await d.select('kv-1')
    const app = await toAppFromVault(page)
    expect(await app.evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.press('Delete')
    await expect.poll(() => page.locator('.react-flow__node[data-id="app-1"]').count()).toBe(0)
    expect(await page.locator('.react-flow__node[data-id="kv-1"]').count()).toBe(1)
    // The focus goes to the node now in the deleted one's place, not to the page.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-id') ?? ''))
      .toBe('kv-1')
    await page.keyboard.press('Control+z')
    await d.node('app-1').waitFor()
  })

  it('Ctrl+C on a node reached with the keyboard copies that node, not the one selected before', async () => {
    const page = browser.page
    const inspector = page.getByRole('complementary', { name: 'Inspector' })
    await d.select('kv-1')
    await toAppFromVault(page)
    await page.keyboard.press('Control+c')
    await page.keyboard.press('Control+v')
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(3)
    expect(await inspector.getByRole('heading', { level: 2 }).first().innerText()).toMatch(/^app-/)
  })

  it('Enter on a node reached with the keyboard selects it and takes the focus to its first field in the inspector; Escape comes back', async () => {
    const page = browser.page
    const inspector = page.getByRole('complementary', { name: 'Inspector' })
    await d.select('kv-1')
    const app = await toAppFromVault(page)
    expect(await app.evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.press('Enter')
    await inspector.getByRole('heading', { name: 'app-1' }).waitFor()
    const name = inspector.getByRole('textbox', { name: 'Name', exact: true })
    await expect.poll(() => name.evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.press('Escape')
    await expect.poll(() => app.evaluate((el) => el === document.activeElement)).toBe(true)
    // Still selected: Escape took the keyboard back, it did not clear the selection.
    await inspector.getByRole('heading', { name: 'app-1' }).waitFor()
  })

  it('Delete connection in the inspector leaves the focus on the connection’s source, not the design', async () => {
    const page = browser.page
    const inspector = page.getByRole('complementary', { name: 'Inspector' })
    // Ctrl+V above pasted a second node named app-1: this one by its id.
    await d.fitView()
    await page.locator('.react-flow__node[data-id="app-1"] .dn-name').click()
    await inspector.getByRole('heading', { name: 'app-1' }).waitFor()
    await inspector.getByRole('button', { name: 'accesses kv-1' }).click()
    await inspector.getByRole('heading', { name: 'Connection' }).waitFor()
    await inspector.getByRole('button', { name: 'Delete connection' }).focus()
    await page.keyboard.press('Enter')
    await inspector.getByRole('heading', { name: 'app-1' }).waitFor()
    await expect.poll(async () => (await focused(page)).text).toBe('app-1')
    expect(await focused(page)).toMatchObject({ tag: 'h2', inInspector: true })
    // The canvas drops the line once it has drawn the edit (a frame after the inspector).
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(0)
  })

  it('Bind in the Apply dialog leaves the focus in the dialog, on the step it moved to', async () => {
    const page = browser.page
    await d.button('Apply').click()
    const dialog = page.getByRole('dialog', { name: 'Apply to the sandbox' })
    const bind = dialog.getByRole('button', { name: 'Bind resources' })
    await bind.focus()
    await page.keyboard.press('Enter')
    await dialog.getByRole('button', { name: 'Preview changes' }).waitFor()
    await expect.poll(async () => (await focused(page)).text).toBe('Bind')
    expect((await focused(page)).inDialog).toBe(true)
    await dialog.getByRole('button', { name: 'Close' }).click()
    expect(browser.errors).toEqual([])
  })
})
