import { describe, expect, it } from 'vitest'
import { designToJson } from '@/model/serialize.ts'
import type { Design } from '@/model/types.ts'
import { design } from '../support/builder.ts'
import type { Box } from './support/boxes.ts'
import { designerSession } from './support/session.ts'

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000001'
const site = (rg: string, name: string) =>
  `${SUB}/resourceGroups/${rg}/providers/Microsoft.Web/sites/${name}`

/** Two resource groups: the apps, their identity and a queue in rg-web, the data in rg-data. */
const estate: Design = design()
  .named('Two groups')
  .app('orders', {
    name: 'web-orders',
    azure: { resourceId: site('rg-web', 'web-orders') },
    position: { x: 0, y: 0 },
  })
  .app('billing', {
    name: 'web-billing',
    azure: { resourceId: site('RG-WEB', 'web-billing') },
    position: { x: 0, y: 160 },
  })
  .identity('mi', {
    name: 'mi-web',
    azure: { resourceGroup: 'rg-web' },
    position: { x: 340, y: 80 },
  })
  .service('sb', 'serviceBus', {
    name: 'sb-web',
    azure: { resourceGroup: 'rg-web' },
    position: { x: 340, y: 260 },
  })
  .service('st', 'storage', {
    name: 'stdata',
    azure: {
      resourceId: `${SUB}/resourcegroups/rg-data/providers/Microsoft.Storage/storageAccounts/stdata`,
    },
    position: { x: 800, y: 0 },
  })
  .service('kv', 'keyVault', {
    name: 'kv-data',
    azure: {
      resourceId: `${SUB}/resourceGroups/rg-data/providers/Microsoft.KeyVault/vaults/kv-data`,
    },
    position: { x: 800, y: 180 },
  })
  .attach('orders', 'mi', 'a1')
  .attach('billing', 'mi', 'a2')
  .access('orders', 'st', ['Storage Blob Data Reader'], { id: 'e1', via: 'mi' })
  .access('billing', 'st', ['Storage Blob Data Reader'], { id: 'e2', via: 'mi' })
  .access('orders', 'kv', ['Key Vault Secrets User'], { id: 'e3', via: 'mi' })
  .access('billing', 'sb', ['Azure Service Bus Data Sender'], { id: 'e4', via: 'mi' })
  .build()

const inside = (inner: Box, outer: Box): boolean =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height

describe('Groups on the canvas', () => {
  const session = designerSession()
  const page = () => session.browser.page
  const boxes = () => page().locator('.react-flow__node-group-box')
  const box = async (id: string): Promise<Box> => {
    const r = await page().locator(`.react-flow__node[data-id="${id}"]`).boundingBox()
    if (!r) throw new Error(`${id} is not drawn`)
    return { id, ...r }
  }

  it('boxes the nodes of each resource group, every member inside its box', async () => {
    const { d } = session
    await d.openDesign('two-groups.topology.json', JSON.stringify(designToJson(estate)))
    await d.node('kv-data').waitFor()
    await expect(boxes().count()).resolves.toBe(0)
    await page().getByRole('combobox', { name: 'Groups' }).selectOption('Resource group')
    await d.fitView()
    await expect
      .poll(() => boxes().locator('.group-title').allTextContents())
      .toEqual(['rg-web · 4 nodes', 'rg-data · 2 nodes'])
    const groups: Record<string, string[]> = {
      'group-box:rg:rg-web': ['orders', 'billing', 'mi', 'sb'],
      'group-box:rg:rg-data': ['st', 'kv'],
    }
    for (const [group, members] of Object.entries(groups)) {
      const outer = await box(group)
      for (const id of members) expect(inside(await box(id), outer), `${id} in ${group}`).toBe(true)
    }
    // A box is not a design node: a click on it selects nothing.
    const web = await box('group-box:rg:rg-web')
    await page().mouse.click(web.x + web.width - 8, web.y + web.height - 8)
    await expect(page().locator('.react-flow__node.selected').count()).resolves.toBe(0)
  })

  it('collapses a group to one card with one line per other end, and expands it back', async () => {
    const { d } = session
    await d.button('Collapse group rg-data').click()
    await expect.poll(() => d.node('stdata').count()).toBe(0)
    await expect(d.node('kv-data').count()).resolves.toBe(0)
    const card = page().locator('.react-flow__node-group-card')
    await expect(card.innerText()).resolves.toContain('rg-data · 2 nodes')
    await expect(d.button('Expand group rg-data').getAttribute('aria-expanded')).resolves.toBe(
      'false',
    )
    // mi-web's two lines (to stdata and to kv-data, three access edges) become one to the card.
    const links = page().locator('.react-flow__edge[data-id^="group-link:"]')
    await expect.poll(() => links.count()).toBe(1)
    await expect(links.first().getAttribute('aria-label')).resolves.toBe(
      '3 connections between mi-web and rg-data · 2 nodes',
    )
    await expect(page().locator('.group-link-count').innerText()).resolves.toBe('3 connections')
    // The two attach lines, the line to the card, and mi-web's line to sb-web.
    await expect(page().locator('.react-flow__edge-path').count()).resolves.toBe(4)

    // The card's line selects the three access edges it stands for, as a bundled line does.
    await links.first().locator('.react-flow__edge-interaction').click({ force: true })
    const list = page()
      .getByRole('complementary', { name: 'Inspector' })
      .getByRole('list', { name: 'Selected connections' })
    await expect
      .poll(() => list.getByRole('listitem').allTextContents())
      .toEqual([
        'web-orders → stdataStorage Blob Data Reader through mi-web',
        'web-billing → stdataStorage Blob Data Reader through mi-web',
        'web-orders → kv-dataKey Vault Secrets User through mi-web',
      ])
    await expect(
      links.first().locator('.edge-group-link').getAttribute('class'),
    ).resolves.toContain('is-selected')
    await page().keyboard.press('Escape')

    await d.button('Expand group rg-data').click()
    await d.node('stdata').waitFor()
    await expect(card.count()).resolves.toBe(0)
    await expect(links.count()).resolves.toBe(0)
    await expect(d.button('Collapse group rg-data').getAttribute('aria-expanded')).resolves.toBe(
      'true',
    )
  })

  it('collapses and expands a group with the keyboard, the focus staying on its toggle', async () => {
    const { d } = session
    const has = (name: string) =>
      d
        .button(name)
        .evaluate((el) => el === document.activeElement)
        .catch(() => false)
    await d.button('Collapse group rg-data').focus()
    await page().keyboard.press('Enter')
    await expect.poll(() => has('Expand group rg-data')).toBe(true)
    await page().keyboard.press('Enter')
    await d.node('stdata').waitFor()
    await expect.poll(() => has('Collapse group rg-data')).toBe(true)
  })

  it('opens the group of a node found with Ctrl+K', async () => {
    const { d } = session
    await d.button('Collapse group rg-data').click()
    await expect.poll(() => d.node('kv-data').count()).toBe(0)
    await page()
      .locator('.react-flow__pane')
      .click({ position: { x: 5, y: 300 } })
    await page().keyboard.press('Control+k')
    const find = page().getByRole('combobox', { name: 'Find in design' })
    await find.fill('kv-data')
    await page().getByRole('listbox', { name: 'Found' }).getByRole('option').first().waitFor()
    await find.press('Enter')
    await d.node('kv-data').waitFor()
    await expect(d.button('Collapse group rg-data').count()).resolves.toBe(1)
  })

  it('moves a box with its member while it is dragged', async () => {
    await session.d.fitView()
    const before = await box('group-box:rg:rg-data')
    const kv = await box('kv')
    await page().mouse.move(kv.x + 60, kv.y + 20)
    await page().mouse.down()
    await page().mouse.move(kv.x + 60, kv.y + 140, { steps: 8 })
    const during = await box('group-box:rg:rg-data')
    await page().mouse.up()
    expect(during.height).toBeGreaterThan(before.height + 60)
    expect(inside(await box('kv'), await box('group-box:rg:rg-data'))).toBe(true)
  })

  it('keeps each group together on Auto layout', async () => {
    const { d } = session
    // Plain Auto layout would put sb-web in the services' column, in rg-data's box.
    const overlaps = async () => {
      const web = await box('group-box:rg:rg-web')
      const data = await box('group-box:rg:rg-data')
      return !(
        web.x + web.width <= data.x ||
        data.x + data.width <= web.x ||
        web.y + web.height <= data.y ||
        data.y + data.height <= web.y
      )
    }
    await d.autoLayout()
    await d.fitView()
    await expect.poll(overlaps).toBe(false)
  })

  it('exports the boxes to SVG, their titles as text', async () => {
    const { d } = session
    const svg = await d.download(() => d.exportMenu('Diagram as SVG'))
    const titles = await page().evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml')
      return [...doc.querySelectorAll('g.group text')].map((t) => t.textContent)
    }, svg.text)
    expect(titles).toEqual(['rg-web · 4 nodes', 'rg-data · 2 nodes'])
  })
})
