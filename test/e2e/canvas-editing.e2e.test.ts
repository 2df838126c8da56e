import { describe, expect, inject, it } from 'vitest'
import { design } from '../support/builder.ts'
import { SERVICES } from '@/catalog/services.ts'
import { planConnection } from '@/model/connect.ts'
import type { Design } from '@/model/types.ts'
import { shareHash } from '@/store/persist/share-link.ts'
import { canvasBoxes, collisions, overlap, type Box } from './support/boxes.ts'
import { designerSession } from './support/session.ts'

/** Names as hostile as a user may type them. */
const WEB = `web "$(rm -rf /)" '''`
const VAULT = 'kv\u001b[31m-red'

const loose = design()
  .named('Loose ends')
  .app('web', { name: WEB, systemAssigned: true, position: { x: 0, y: 0 } })
  .service('kv', 'keyVault', { name: VAULT, position: { x: 520, y: 0 } })
  .app('api', { name: 'api\nline two', hosting: 'functionApp', position: { x: 520, y: 240 } })
  .build()

/** Two apps with the same needs on their own identities: the quick fix shares a new one. */
const twins = design()
  .named('Twins')
  .app('a', { name: 'orders-a', systemAssigned: true, position: { x: 0, y: 0 } })
  .app('b', { name: 'orders-b', systemAssigned: true, position: { x: 0, y: 160 } })
  // Where an identity beside both apps would go (and where one with no position is drawn).
  .service('st', 'storage', { name: 'ordersstore', position: { x: 340, y: 40 } })
  .service('kv', 'keyVault', { name: 'kv-orders', position: { x: 700, y: 160 } })
  .access('a', 'st', ['Storage Blob Data Contributor'], { via: 'system' })
  .access('b', 'st', ['Storage Blob Data Contributor'], { via: 'system' })
  .access('a', 'kv', ['Key Vault Secrets User'], { via: 'system' })
  .access('b', 'kv', ['Key Vault Secrets User'], { via: 'system' })
  .build()

/** Two systems and an identity no app uses (unused-identity). */
const estate = design()
  .named('Estate')
  .app('web', { name: WEB, systemAssigned: true, position: { x: 0, y: 0 } })
  .service('kv', 'keyVault', { name: VAULT, position: { x: 600, y: 0 } })
  .app('api', { name: 'orders-api', position: { x: 0, y: 200 } })
  .identity('mi', { name: 'mi-orders', position: { x: 300, y: 200 } })
  .service('st', 'storage', { name: 'ordersstore', position: { x: 600, y: 200 } })
  .identity('orphan', { name: 'mi-forgotten', position: { x: 300, y: 400 } })
  .access('web', 'kv', ['Key Vault Secrets User'], { via: 'system' })
  .attach('api', 'mi')
  .access('api', 'st', ['Storage Blob Data Reader'], { via: 'mi' })
  .build()

describe('editing on the canvas', () => {
  const session = designerSession()

  /** Opens a design through its share link, pasted into the open tab (a hash change). */
  const openDesign = async (d: Design): Promise<void> => {
    const { page } = session.browser
    await page.goto(`${inject('baseUrl')}${shareHash(d)}`)
    await expect.poll(() => page.locator('.brand-design').textContent()).toBe(d.name)
    await session.d.node(d.nodes[0]?.name ?? '').waitFor()
    await session.d.fitView()
  }

  /** Drags a line from a node's right-hand handle and lets go over the middle of another node. */
  const dropOnBody = async (from: string, to: string): Promise<void> => {
    const { page } = session.browser
    const handle = session.d.node(from).locator('.react-flow__handle-right')
    const a = await handle.boundingBox()
    const b = await session.d.node(to).boundingBox()
    if (!a || !b) throw new Error(`${from} or ${to} is not on screen`)
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2)
    await page.mouse.down()
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2 + 10, { steps: 12 })
    // The target is lit while the line is over it.
    await expect.poll(() => page.locator('.canvas[data-connecting]').count()).toBe(1)
    await page.mouse.up()
  }

  it('shows each node added from the palette: the view follows one put in free space beyond it', async () => {
    const { page } = session.browser
    await session.d.button('New').click()
    await page.getByRole('button', { name: /^Empty design/ }).click()
    const pane = (await page.locator('.react-flow').boundingBox())!
    for (const item of ['App Service', 'User-assigned identity', 'Storage account', 'Key Vault']) {
      await session.d.button(`Add ${item}`).click()
      // The added node is the selection; it is drawn wholly inside the canvas once the view moved.
      const added = page.locator('.react-flow__node.selected')
      await expect
        .poll(async () => {
          const box = await added.boundingBox()
          return (
            box !== null &&
            box.x >= pane.x &&
            box.y >= pane.y &&
            box.x + box.width <= pane.x + pane.width &&
            box.y + box.height <= pane.y + pane.height
          )
        })
        .toBe(true)
    }
    expect(await page.locator('.react-flow__node').count()).toBe(4)
  })

  it('connects a line dropped anywhere on a node, not only on its handle', async () => {
    await openDesign(loose)
    const { page } = session.browser
    await dropOnBody(WEB, VAULT)
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(1)
    await page
      .getByRole('complementary', { name: 'Inspector' })
      .getByRole('heading', { name: 'Connection' })
      .waitFor()
    expect(await page.locator('.canvas[data-connecting]').count()).toBe(0)
  })

  it('says why a line dropped on a node cannot connect', async () => {
    const { page } = session.browser
    await dropOnBody(WEB, 'api\nline two')
    const why = planConnection(loose, 'web', 'api', {
      defaultRole: (s) => SERVICES[s].defaultRole,
    })
    if (why.ok) throw new Error('an app to an app should be refused')
    await expect.poll(() => page.locator('.notice-title').textContent()).toBe(why.error)
    expect(await page.locator('.react-flow__edge').count()).toBe(1)
  })

  it('puts the identity a quick fix adds in free space, on no other node', async () => {
    await openDesign(twins)
    const { page } = session.browser
    const finding = session.d
      .problems()
      .getByRole('listitem')
      .filter({ has: page.getByRole('button', { name: /Share one new user-assigned identity/ }) })
      .first()
    await session.d.ruleIds()
    await finding.getByRole('button', { name: /Share one new user-assigned identity/ }).click()
    await expect.poll(() => page.locator('.react-flow__node').count()).toBe(5)
    await session.d.fitView()
    const { nodes } = await canvasBoxes(page)
    expect(collisions(nodes)).toEqual([])
  })

  const find = async (query: string, option: RegExp): Promise<void> => {
    const { page } = session.browser
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 300 } })
    await page.keyboard.press('Control+k')
    const box = page.getByRole('combobox', { name: 'Find in design' })
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true)
    await box.fill(query)
    await page
      .getByRole('listbox', { name: 'Found' })
      .getByRole('option', { name: option })
      .waitFor()
    await box.press('Enter')
  }
  const inspected = () =>
    session.browser.page
      .getByRole('complementary', { name: 'Inspector' })
      .getByRole('heading', { level: 2 })
      .first()
      .textContent()

  it('finds a node by its name and by the id of a rule that reports on it', async () => {
    await openDesign(estate)
    await find('ORDERS-a', /orders-api/)
    await expect.poll(inspected).toBe('orders-api')
    await find('unused-identity', /mi-forgotten/)
    await expect.poll(inspected).toBe('mi-forgotten')
    await find('$(rm', /Key Vault|App Service/)
    await expect.poll(inspected).toBe(WEB)
  })

  it('focus on a node hides the rest, and the breadcrumb brings it back', async () => {
    const { page } = session.browser
    await page.getByRole('button', { name: `Focus on ${WEB}` }).click()
    const shown = () =>
      page
        .locator('.react-flow__node')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')).sort())
    await expect.poll(shown).toEqual(['kv', 'web'])
    await expect
      .poll(() => page.getByRole('navigation', { name: 'View' }).textContent())
      .toBe(`Whole design›${WEB}`)
    await page
      .getByRole('navigation', { name: 'View' })
      .getByRole('button', { name: 'Whole design' })
      .click()
    await expect.poll(shown).toEqual(['api', 'kv', 'mi', 'orphan', 'st', 'web'])
  })

  it('resizes and collapses the inspector and the bottom panel, and keeps their sizes on reload', async () => {
    const { page } = session.browser
    const inspector = page.getByRole('complementary', { name: 'Inspector' })
    const width = async () => (await inspector.boundingBox())?.width ?? 0
    const bar = page.getByRole('separator', { name: 'Resize inspector' })
    const box = await bar.boundingBox()
    if (!box) throw new Error('no inspector splitter')
    const before = await width()
    await page.mouse.move(box.x + box.width / 2, box.y + 100)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width / 2 - 120, box.y + 100, { steps: 6 })
    await page.mouse.up()
    await expect.poll(width).toBe(before + 120)
    const bottom = page.getByRole('separator', { name: 'Resize bottom panel' })
    await bottom.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.bottom-panel').count()).toBe(1)
    await expect.poll(() => page.locator('.bottom-panel').isVisible()).toBe(false)
    await page.waitForTimeout(300)
    await page.reload()
    await page.getByRole('toolbar', { name: 'Designer toolbar' }).waitFor()
    await expect.poll(width).toBe(before + 120)
    await expect.poll(() => page.locator('.bottom-panel').isVisible()).toBe(false)
    await page.getByRole('button', { name: 'Expand bottom panel' }).click()
    await expect.poll(() => page.locator('.bottom-panel').isVisible()).toBe(true)
  })
})

describe('a node added from the palette in a small window (1024 × 700)', () => {
  const session = designerSession({ width: 1024, height: 700 })

  /** What the canvas shows now: its pane, what is drawn over it, its nodes and its view. */
  const canvas = async () =>
    session.browser.page.evaluate(`(() => {
      const box = (el, id) => {
        const r = el.getBoundingClientRect()
        return { id, x: r.x, y: r.y, width: r.width, height: r.height }
      }
      const all = (s) => [...document.querySelectorAll(s)]
      return {
        pane: box(document.querySelector('.react-flow'), 'pane'),
        overlays: all('.view-bar, .react-flow__panel').map((el) => box(el, el.className)),
        nodes: all('.react-flow__node').map((el) => box(el, el.getAttribute('data-id'))),
        selected: document.querySelector('.react-flow__node.selected')?.getAttribute('data-id'),
        view: document.querySelector('.react-flow__viewport').style.transform,
      }
    })()`) as Promise<{
      pane: Box
      overlays: Box[]
      nodes: Box[]
      selected: string | undefined
      view: string
    }>

  /** The node just added: whole in the pane, under no bar or panel, on no other node. */
  const expectClear = async (): Promise<string> => {
    const now = await canvas()
    const added = now.nodes.find((n) => n.id === now.selected)
    if (!added) throw new Error('the added node is not drawn')
    const { pane } = now
    expect(added.x).toBeGreaterThanOrEqual(pane.x)
    expect(added.y).toBeGreaterThanOrEqual(pane.y)
    expect(added.x + added.width).toBeLessThanOrEqual(pane.x + pane.width)
    expect(added.y + added.height).toBeLessThanOrEqual(pane.y + pane.height)
    expect(now.overlays.filter((o) => overlap(added, o)).map((o) => o.id)).toEqual([])
    expect(
      collisions(
        [added],
        now.nodes.filter((n) => n !== added),
      ),
    ).toEqual([])
    return now.view
  }

  /** A new empty design with one node, in the middle of the view; the view at rest. */
  const oneNode = async (): Promise<string> => {
    const { page } = session.browser
    await session.d.button('New').click()
    await page.getByRole('button', { name: /^Empty design/ }).click()
    await expect.poll(async () => (await canvas()).nodes.length).toBe(0)
    await session.d.button('Add Key Vault').click()
    // The view bar comes with the first node; two rows in a canvas this narrow.
    await page.locator('.view-bar').waitFor()
    let view = ''
    await expect
      .poll(async () => {
        const [before, after] = [view, (await canvas()).view]
        view = after
        await page.waitForTimeout(100)
        return before === after
      })
      .toBe(true)
    expect(await expectClear()).toBe(view)
    return view
  }

  it('lands in view, clear of the view bar, the zoom controls and the other nodes, the view kept', async () => {
    const view = await oneNode()
    await session.d.button('Add Key Vault').click()
    await expect.poll(async () => (await canvas()).nodes.length).toBe(2)
    // Below the first, not above it under the view bar: the first stays where it was seen.
    expect(await expectClear()).toBe(view)
    // No room left in view: the view moves to show the third whole, below the bar.
    await session.d.button('Add Key Vault').click()
    await expect.poll(async () => (await canvas()).nodes.length).toBe(3)
    await expect
      .poll(() =>
        expectClear().then(
          () => true,
          () => false,
        ),
      )
      .toBe(true)
  })

  it('dropped on the view bar, lands below it, in view', async () => {
    const { page } = session.browser
    const view = await oneNode()
    // The palette's drag, dropped on the breadcrumb at the bar's top left (a synthetic drop: the
    // headless browser starts no drag of its own).
    const crumb = await page.locator('.crumbs').boundingBox()
    if (!crumb) throw new Error('no breadcrumb')
    await page.evaluate(
      ({ x, y }) => {
        const dataTransfer = new DataTransfer()
        const spec = JSON.stringify({ kind: 'service', service: 'storage' })
        dataTransfer.setData('application/x-idtopo-node', spec)
        const on = document.elementFromPoint(x, y)
        for (const type of ['dragover', 'drop'])
          on?.dispatchEvent(
            new DragEvent(type, {
              bubbles: true,
              cancelable: true,
              dataTransfer,
              clientX: x,
              clientY: y,
            }),
          )
      },
      { x: crumb.x + crumb.width / 2, y: crumb.y + crumb.height / 2 },
    )
    await expect.poll(async () => (await canvas()).nodes.length).toBe(2)
    expect(await expectClear()).toBe(view)
    expect(session.browser.errors).toEqual([])
  })
})
