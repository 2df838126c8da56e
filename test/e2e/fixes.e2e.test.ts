import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { design } from '../support/builder.ts'
import { serializeDesign } from '@/model/serialize.ts'
import { launch, type Browser } from './support/browser.ts'
import { Designer } from './support/designer.ts'

/** Two apps with identical needs on their own system-assigned identities: optimize shares one. */
const twins = () =>
  design()
    .named('Twins')
    .app('a', { name: 'orders-a', systemAssigned: true, position: { x: 0, y: 0 } })
    .app('b', { name: 'orders-b', systemAssigned: true, position: { x: 0, y: 160 } })
    .service('st', 'storage', { name: 'ordersstore', position: { x: 700, y: 0 } })
    .service('kv', 'keyVault', { name: 'kv-orders', position: { x: 700, y: 160 } })
    .developer('devs', 'group', { name: 'Orders developers', position: { x: 0, y: 320 } })
    .access('a', 'st', ['Storage Blob Data Contributor'], { via: 'system' })
    .access('b', 'st', ['Storage Blob Data Contributor'], { via: 'system' })
    .access('a', 'kv', ['Key Vault Secrets User'], { via: 'system' })
    .access('b', 'kv', ['Key Vault Secrets User'], { via: 'system' })
    .access('devs', 'st', ['Storage Blob Data Contributor'])
    .access('devs', 'kv', ['Key Vault Secrets User'])
    .build()

describe('quick fixes, undo/redo and optimize', () => {
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

  it('applies a quick fix as one step, undoes and redoes it', async () => {
    await d.add('Container App', 'billing')
    await d.add('Key Vault', 'kv-billing')
    await d.select('billing')
    await d.connectTo('kv-billing')
    await expect.poll(() => d.ruleIds()).toContain('missing-identity')
    const finding = d.problems().getByRole('listitem').filter({ hasText: 'missing-identity' })
    await finding
      .getByRole('button', { name: /system-assigned/i })
      .first()
      .click()
    await expect.poll(() => d.ruleIds()).not.toContain('missing-identity')
    await expect
      .poll(() => d.button('System-assigned identity of billing').getAttribute('aria-pressed'))
      .toBe('true')

    await browser.page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } })
    await browser.page.keyboard.press('Control+z')
    await expect.poll(() => d.ruleIds()).toContain('missing-identity')
    await expect
      .poll(() => d.button('System-assigned identity of billing').getAttribute('aria-pressed'))
      .toBe('false')

    await browser.page.keyboard.press('Control+Shift+z')
    await expect.poll(() => d.ruleIds()).not.toContain('missing-identity')

    await d.button('Undo').click()
    await expect.poll(() => d.ruleIds()).toContain('missing-identity')
    await d.button('Redo').click()
    await expect.poll(() => d.ruleIds()).not.toContain('missing-identity')
  })

  it('deletes with the keyboard and a drag of a node is one undo step', async () => {
    const node = d.node('kv-billing')
    const box = await node.boundingBox()
    if (!box) throw new Error('kv-billing not on screen')
    const at = async (): Promise<string | undefined> =>
      /translate\([^)]*\)/.exec((await node.getAttribute('style')) ?? '')?.[0]
    const before = await at()
    await browser.page.mouse.move(box.x + 40, box.y + 20)
    await browser.page.mouse.down()
    await browser.page.mouse.move(box.x + 140, box.y + 60, { steps: 8 })
    await browser.page.mouse.move(box.x + 240, box.y + 100, { steps: 8 })
    await browser.page.mouse.up()
    await expect.poll(at).not.toBe(before)
    await browser.page.keyboard.press('Control+z')
    await expect.poll(at).toBe(before)

    await d.select('kv-billing')
    await browser.page.locator('.react-flow__pane').focus()
    await browser.page.keyboard.press('Delete')
    await expect.poll(() => node.count()).toBe(0)
    await browser.page.keyboard.press('Control+z')
    await expect.poll(() => node.count()).toBe(1)
  })

  it('optimizes identities after a before → after preview, as one undo step', async () => {
    await d.openFile('twins.topology.json', serializeDesign(twins()))
    await d.node('orders-a').waitFor()
    await expect.poll(() => d.ruleIds()).toContain('identical-access-share-identity')

    await d.button('Optimize identities').click()
    const dialog = browser.page.getByRole('dialog', { name: 'Optimize identities' })
    const assignments = dialog.locator('.metric').filter({ hasText: 'Role assignments' })
    await expect(assignments.getByLabel('before').textContent()).resolves.toBe('6')
    await expect(assignments.getByLabel('after').textContent()).resolves.toBe('4')
    await expect(dialog.textContent()).resolves.toContain('Identities created')
    await dialog.getByRole('button', { name: 'Apply optimization' }).click()

    await expect.poll(() => d.ruleIds()).not.toContain('identical-access-share-identity')
    await expect.poll(() => browser.page.locator('.dn-identity').count()).toBe(1)
    await expect
      .poll(() => d.button('System-assigned identity of orders-a').getAttribute('aria-pressed'))
      .toBe('false')

    await browser.page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } })
    await browser.page.keyboard.press('Control+z')
    await expect.poll(() => browser.page.locator('.dn-identity').count()).toBe(0)
    await expect.poll(() => d.ruleIds()).toContain('identical-access-share-identity')

    await d.button('Optimize identities').click()
    await dialog.getByRole('button', { name: 'Apply optimization' }).click()
    await d.button('Optimize identities').click()
    await expect.poll(() => dialog.textContent()).toContain('already optimal')
    await dialog.getByRole('button', { name: 'Close', exact: true }).first().click()
    expect(browser.errors).toEqual([])
  })
})
