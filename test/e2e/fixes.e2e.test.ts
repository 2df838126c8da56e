import { describe, expect, it } from 'vitest'
import { design } from '../support/builder.ts'
import { serializeDesign } from '@/model/serialize.ts'
import { designerSession } from './support/session.ts'

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
  const session = designerSession()

  it('applies a quick fix as one step, undoes and redoes it', async () => {
    await session.d.add('Container App', 'billing')
    await session.d.add('Key Vault', 'kv-billing')
    await session.d.select('billing')
    await session.d.connectTo('kv-billing')
    await expect.poll(() => session.d.ruleIds()).toContain('missing-identity')
    const finding = session.d
      .problems()
      .getByRole('listitem')
      .filter({ hasText: 'missing-identity' })
    await finding
      .getByRole('button', { name: /system-assigned/i })
      .first()
      .click()
    await expect.poll(() => session.d.ruleIds()).not.toContain('missing-identity')
    await expect
      .poll(() =>
        session.d.button('System-assigned identity of billing').getAttribute('aria-pressed'),
      )
      .toBe('true')

    await session.browser.page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } })
    await session.browser.page.keyboard.press('Control+z')
    await expect.poll(() => session.d.ruleIds()).toContain('missing-identity')
    await expect
      .poll(() =>
        session.d.button('System-assigned identity of billing').getAttribute('aria-pressed'),
      )
      .toBe('false')

    await session.browser.page.keyboard.press('Control+Shift+z')
    await expect.poll(() => session.d.ruleIds()).not.toContain('missing-identity')

    await session.d.button('Undo').click()
    await expect.poll(() => session.d.ruleIds()).toContain('missing-identity')
    await session.d.button('Redo').click()
    await expect.poll(() => session.d.ruleIds()).not.toContain('missing-identity')
  })

  it('deletes with the keyboard and a drag of a node is one undo step', async () => {
    const node = session.d.node('kv-billing')
    const box = await node.boundingBox()
    if (!box) throw new Error('kv-billing not on screen')
    const at = async (): Promise<string | undefined> =>
      /translate\([^)]*\)/.exec((await node.getAttribute('style')) ?? '')?.[0]
    const before = await at()
    await session.browser.page.mouse.move(box.x + 40, box.y + 20)
    await session.browser.page.mouse.down()
    await session.browser.page.mouse.move(box.x + 140, box.y + 60, { steps: 8 })
    await session.browser.page.mouse.move(box.x + 240, box.y + 100, { steps: 8 })
    await session.browser.page.mouse.up()
    await expect.poll(at).not.toBe(before)
    await session.browser.page.keyboard.press('Control+z')
    await expect.poll(at).toBe(before)

    await session.d.select('kv-billing')
    await session.browser.page.locator('.react-flow__pane').focus()
    await session.browser.page.keyboard.press('Delete')
    await expect.poll(() => node.count()).toBe(0)
    await session.browser.page.keyboard.press('Control+z')
    await expect.poll(() => node.count()).toBe(1)
  })

  it('optimizes identities after a before → after preview, as one undo step', async () => {
    await session.d.openDesign('twins.topology.json', serializeDesign(twins()))
    await session.d.node('orders-a').waitFor()
    await expect.poll(() => session.d.ruleIds()).toContain('identical-access-share-identity')

    await session.d.button('Optimize identities').click()
    const dialog = session.browser.page.getByRole('dialog', { name: 'Optimize identities' })
    const assignments = dialog.locator('.metric').filter({ hasText: 'Azure role assignments' })
    await expect(assignments.getByLabel('before').textContent()).resolves.toBe('6')
    await expect(assignments.getByLabel('after').textContent()).resolves.toBe('4')
    await expect(dialog.textContent()).resolves.toContain('Identities created')
    await dialog.getByRole('button', { name: 'Apply optimization' }).click()

    await expect.poll(() => session.d.ruleIds()).not.toContain('identical-access-share-identity')
    await expect.poll(() => session.browser.page.locator('.dn-identity').count()).toBe(1)
    await expect
      .poll(() =>
        session.d.button('System-assigned identity of orders-a').getAttribute('aria-pressed'),
      )
      .toBe('false')
    // Laid out afterwards (the dialog's default): the new identity in its layer, apps left of
    // it, the services right of it.
    const xs = await session.browser.page.evaluate(() =>
      [...document.querySelectorAll('.react-flow__node')].map((n) => ({
        kind: n.querySelector('.dn-identity')
          ? 'identity'
          : n.className.match(/react-flow__node-(\w+)/)?.[1],
        x: n.getBoundingClientRect().x,
      })),
    )
    const of = (kind: string) => xs.filter((n) => n.kind === kind).map((n) => n.x)
    const identityX = of('identity')[0] ?? NaN
    expect(Math.max(...of('app'))).toBeLessThan(identityX)
    expect(Math.min(...of('service'))).toBeGreaterThan(identityX)

    await session.browser.page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } })
    await session.browser.page.keyboard.press('Control+z')
    await expect.poll(() => session.browser.page.locator('.dn-identity').count()).toBe(0)
    await expect.poll(() => session.d.ruleIds()).toContain('identical-access-share-identity')

    await session.d.button('Optimize identities').click()
    await dialog.getByRole('button', { name: 'Apply optimization' }).click()
    await session.d.button('Optimize identities').click()
    await expect.poll(() => dialog.textContent()).toContain('already optimal')
    await dialog.getByRole('button', { name: 'Close', exact: true }).first().click()
    expect(session.browser.errors).toEqual([])
  })
})
