import { describe, expect, it } from 'vitest'
import { parseDesignText } from '@/model/parse.ts'
import { serializeDesign } from '@/model/serialize.ts'
import { checkDesign } from '@/rules/engine.ts'
import { templateById } from '@/templates/index.ts'
import { generateDesign } from '../../bench/generate.ts'
import { semantic } from './support/compare.ts'
import { KeyboardUser } from './support/keyboard.ts'
import { designerSession } from './support/session.ts'

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The tutorial's scenario 2 built from an empty design in the outline view with the keyboard
 * alone — palette, outline, inspector (F2, Enter, Escape), Connect to, the role picker, the
 * identity used — then applied to the in-page sandbox through the Apply dialog, still by keyboard.
 * The saved design must be the template, semantically.
 */
describe('keyboard only: scenario 2 built in the outline view and applied to the sandbox', () => {
  const session = designerSession()
  const page = () => session.browser.page
  const k = () => new KeyboardUser(page())
  const tree = () => page().getByRole('tree', { name: 'Design outline' })
  const activeRow = () => tree().locator('[role="treeitem"][tabindex="0"]')
  const inspector = () => page().getByRole('complementary', { name: 'Inspector' })
  const field = (name: string) => inspector().getByRole('combobox', { name, exact: true })

  /**
   * Adds a node from the palette (Enter: the keyboard goes to its Name field), names it, comes
   * back to the palette item (Escape), and finds the node's row in the outline.
   */
  async function add(palette: string, kindLabel: string, name: string): Promise<void> {
    const u = k()
    await u.tabTo(page().getByRole('navigation', { name: 'Palette' }).locator('[tabindex="0"]'), {
      back: true,
    })
    const item = page().getByRole('button', { name: `Add ${palette}`, exact: true })
    await u.moveTo(item, 'ArrowDown')
    await u.press('Enter')
    const input = inspector().getByRole('textbox', { name: 'Name', exact: true })
    await expect.poll(() => u.has(input)).toBe(true)
    // Its default name selected: typing replaces it.
    expect(
      await input.evaluate(
        (el: HTMLInputElement) => el.selectionEnd! - el.selectionStart! === el.value.length,
      ),
    ).toBe(true)
    await u.type(name)
    await u.press('Enter', 'Escape')
    await expect.poll(() => u.has(item)).toBe(true)
    await u.tabTo(activeRow())
    expect(await activeRow().innerText()).toMatch(
      new RegExp(`^${escape(kindLabel)} ${escape(name)}\\b`),
    )
  }

  /** From the outline row of `from`: Enter, Connect to `to`, Connect. Ends in the new connection's inspector. */
  async function connect(from: RegExp, to: string): Promise<void> {
    const u = k()
    await u.press('Home')
    await u.moveTo(tree().getByRole('treeitem', { name: from }), 'ArrowDown')
    await u.press('Enter')
    await expect
      .poll(() => u.has(inspector().getByRole('textbox', { name: 'Name', exact: true })))
      .toBe(true)
    const select = field('Connect to')
    await u.tabTo(select)
    await u.type(to)
    expect(await select.locator('option:checked').innerText()).toMatch(
      new RegExp(`^${escape(to)} \\(`),
    )
    await u.tabTo(inspector().getByRole('button', { name: 'Connect', exact: true }))
    await u.press('Enter')
    await expect
      .poll(() => u.has(inspector().getByRole('heading', { name: 'Connection' })))
      .toBe(true)
  }

  /** On the connection in the inspector: the role picker ends with exactly `roles`. */
  async function roles(wanted: readonly string[]): Promise<void> {
    const u = k()
    const chips = inspector().getByRole('list', { name: 'Roles' })
    const before = await chips.getByRole('listitem').allInnerTexts()
    const picker = inspector().getByRole('combobox', { name: 'Add role' })
    for (const role of wanted) {
      if (before.includes(role)) continue
      await u.tabTo(picker)
      await u.type(role)
      await u.press('Enter')
      await chips
        .getByRole('listitem')
        .filter({ hasText: new RegExp(`^${escape(role)}$`) })
        .waitFor()
    }
    for (const old of before) {
      if (wanted.includes(old)) continue
      await u.tabTo(inspector().getByRole('button', { name: `Remove role ${old}`, exact: true }), {
        back: true,
      })
      await u.press('Enter')
      await expect.poll(() => chips.getByRole('listitem').allInnerTexts()).not.toContain(old)
    }
    expect((await chips.getByRole('listitem').allInnerTexts()).sort()).toEqual([...wanted].sort())
  }

  async function via(identity: string): Promise<void> {
    const u = k()
    const select = field('Identity used (via)')
    await u.tabTo(select)
    await u.type(identity)
    await expect.poll(() => select.locator('option:checked').innerText()).toBe(identity)
  }

  /** Escape until the keyboard is back on the outline. */
  async function back(): Promise<void> {
    const u = k()
    for (let i = 0; i < 3 && !(await u.has(activeRow())); i++) await u.press('Escape')
    expect(await u.has(activeRow())).toBe(true)
  }

  async function app(
    name: string,
    hosting: string,
    links: readonly (readonly [string, string[]?, string?])[],
  ) {
    await add(hosting, 'App', name)
    for (const [to, wanted, through] of links) {
      await connect(new RegExp(`^App ${escape(name)},`), to)
      if (wanted) await roles(wanted)
      if (through) await via(through)
      await back()
    }
  }

  it('switches to the outline and names the design', async () => {
    const u = k()
    await u.tabTo(page().getByRole('tab', { name: 'Canvas' }))
    await u.press('ArrowRight')
    expect(await page().getByRole('tab', { name: 'Outline' }).getAttribute('aria-selected')).toBe(
      'true',
    )
    const name = inspector().getByRole('textbox', { name: 'Design name' })
    await u.tabTo(name)
    await u.press('Control+a')
    await u.type('Scenario 2: apps sharing user-assigned identities')
    await u.press('Enter')
    await expect
      .poll(() => page().locator('.brand-design').innerText())
      .toBe('Scenario 2: apps sharing user-assigned identities')
  })

  it('adds the services, the identities and the developer group, naming each as it is added', async () => {
    await add('Storage account', 'Service', 'contosoassets')
    await add('Cosmos DB', 'Service', 'contoso-cosmos')
    await add('Azure SQL database', 'Service', 'contoso-sql/orders')
    await add('User-assigned identity', 'User-assigned identity', 'mi-contoso-storage')
    await add('User-assigned identity', 'User-assigned identity', 'mi-contoso-databases')
    await add('Developer group', 'Developer group', 'Contoso developers')
  })

  it('gives the developers their access to the three services', async () => {
    const devs = /^Developer group Contoso developers/
    for (const [to, wanted] of [
      ['contosoassets', ['Storage Blob Data Contributor']],
      ['contoso-cosmos', ['Cosmos DB Built-in Data Contributor']],
      ['contoso-sql/orders', ['db_datareader', 'db_datawriter']],
    ] as const) {
      await connect(devs, to)
      await roles(wanted)
      await back()
    }
  })

  it('builds the three apps: identities, accesses, roles and the identity each goes through', async () => {
    for (const name of ['contoso-web-1', 'contoso-web-2'])
      await app(name, 'App Service', [
        ['mi-contoso-storage'],
        ['contosoassets', ['Storage Blob Data Contributor']],
        ['mi-contoso-databases'],
        ['contoso-cosmos', ['Cosmos DB Built-in Data Contributor'], 'mi-contoso-databases'],
        ['contoso-sql/orders', ['db_datareader', 'db_datawriter'], 'mi-contoso-databases'],
      ])
    await app('contoso-func', 'Function App', [
      ['mi-contoso-storage'],
      ['contosoassets', ['Storage Blob Data Contributor']],
    ])
  })

  it('ends with the template’s design and findings', async () => {
    const saved = await session.d.download(() => page().keyboard.press('Control+s'))
    const built = parseDesignText(saved.text)
    if (!built.ok) throw new Error(built.error.map((p) => p.message).join('\n'))
    const template = templateById('scenario-2')?.design
    if (!template) throw new Error('no template')
    expect(semantic(built.value)).toEqual(semantic(template))
    expect(
      checkDesign(built.value)
        .map((f) => f.rule)
        .sort(),
    ).toEqual(
      checkDesign(template)
        .map((f) => f.rule)
        .sort(),
    )
  })

  it('applies it to the sandbox through the Apply dialog', async () => {
    const u = k()
    await u.tabTo(page().getByRole('button', { name: 'Apply', exact: true }), { back: true })
    await u.press('Enter')
    const dialog = page().getByRole('dialog', { name: 'Apply to the sandbox' })
    await dialog.waitFor()
    for (const step of ['Bind resources', 'Preview changes']) {
      const button = dialog.getByRole('button', { name: step })
      await button.waitFor()
      await u.tabTo(button)
      await u.press('Enter')
    }
    const apply = dialog.getByRole('button', { name: /^Apply \d+ changes$/ })
    await apply.waitFor()
    await u.tabTo(apply)
    await u.press('Enter')
    await dialog
      .getByRole('status')
      .filter({ hasText: /Applied\./ })
      .waitFor({ timeout: 30_000 })
    const report = await dialog.getByRole('list', { name: 'Report counts' }).innerText()
    expect(report).toMatch(/\b0\s*failed/)
    expect(report).toMatch(/[1-9]\d*\s*created/)
    expect(session.browser.errors).toEqual([])
  }, 90_000)
})

describe('the canvas for screen readers: names by role, ] and [ between connected nodes, announcements', () => {
  const session = designerSession()
  const page = () => session.browser.page

  it('names every node and connection by what it is', async () => {
    await session.d.button('New').click()
    await page()
      .getByRole('button', { name: /Apps sharing user-assigned identities/ })
      .click()
    await session.d.node('contoso-web-1').waitFor()
    await session.d.fitView()
    const canvas = page().getByRole('application', { name: 'Design canvas' })
    await canvas
      .getByRole('group', { name: 'App contoso-web-1, App Service, system-assigned off' })
      .waitFor()
    await canvas
      .getByRole('group', { name: 'User-assigned identity mi-contoso-storage, used by 3 apps' })
      .waitFor()
    await canvas
      .getByRole('group', {
        name: 'Access through mi-contoso-databases to contoso-cosmos for contoso-web-1, contoso-web-2: Cosmos DB Built-in Data Contributor, 2 suggestions',
      })
      .waitFor()
    await canvas
      .getByRole('group', {
        name: 'Access through mi-contoso-storage to contosoassets for contoso-web-1, contoso-web-2, contoso-func: Storage Blob Data Contributor',
      })
      .waitFor()
    await canvas
      .getByRole('group', { name: 'contoso-func uses identity mi-contoso-storage' })
      .waitFor()
  })

  it('walks from a node to its connected nodes with ] and [, and says where it is', async () => {
    const u = new KeyboardUser(page())
    const web = page().getByRole('group', { name: /^App contoso-web-1,/ })
    // Tab enters the canvas on its top node, contoso-func; contoso-web-1 is below it.
    await u.tabTo(page().getByRole('group', { name: /^App contoso-func,/ }))
    await u.press('ArrowDown')
    expect(await u.has(web)).toBe(true)
    await u.press(']')
    await expect
      .poll(() =>
        u.has(page().getByRole('group', { name: /^User-assigned identity mi-contoso-storage,/ })),
      )
      .toBe(true)
    const live = page().locator('.announcer[role="status"]')
    await expect
      .poll(() => live.innerText())
      .toBe(
        'User-assigned identity mi-contoso-storage, used by 3 apps. 1 of 5 connected to contoso-web-1',
      )
    // Back past the first neighbour: the last one, contoso-web-1's database.
    await u.press('[')
    await expect
      .poll(() => u.has(page().getByRole('group', { name: /^Service contoso-sql\/orders,/ })))
      .toBe(true)
  })

  it('announces what an edit changed in the live region', async () => {
    const u = new KeyboardUser(page())
    await u.press('Control+k')
    await u.type('contoso-func')
    await u.press('Enter')
    const inspector = page().getByRole('complementary', { name: 'Inspector' })
    await inspector.getByRole('heading', { name: 'contoso-func' }).waitFor()
    await u.tabTo(inspector.getByRole('checkbox', { name: 'System-assigned identity' }))
    await u.press('Space')
    const live = page().locator('.announcer[role="status"]')
    await expect
      .poll(() => live.innerText())
      .toContain('System-assigned identity of contoso-func on')
    expect(session.browser.errors).toEqual([])
  })
})

describe('a 300-node design in the outline view', () => {
  const session = designerSession()
  const page = () => session.browser.page

  it('brings a selection made in Problems into view, and moves with the keyboard from there', async () => {
    const large = generateDesign(150)
    await session.d.openDesign('large.topology.json', serializeDesign(large))
    await page().locator('.brand-design').getByText(large.name, { exact: true }).waitFor()
    await page().getByRole('tab', { name: 'Outline' }).click()
    const tree = page().getByRole('tree', { name: 'Design outline' })
    await tree.getByRole('treeitem').first().waitFor()
    // Nothing of the canvas underneath shows through (its view bar once did): the outline's top
    // looks the same with the canvas panel hidden.
    const top = await page().locator('.view-outline').boundingBox()
    if (!top) throw new Error('no outline')
    const clip = { x: top.x, y: top.y, width: top.width, height: 80 }
    const shown = await page().screenshot({ clip, animations: 'disabled' })
    await page().evaluate(() => {
      const canvas = document.getElementById('view-canvas')
      if (canvas) canvas.style.visibility = 'hidden'
    })
    const alone = await page().screenshot({ clip, animations: 'disabled' })
    await page().evaluate(() =>
      document.getElementById('view-canvas')?.style.removeProperty('visibility'),
    )
    expect(shown.equals(alone)).toBe(true)
    // The last warning's subject: far down the outline, below what its box shows.
    const warnings = session.d.problems().getByRole('list', { name: 'Warnings' })
    const subject = warnings.getByRole('button', { name: /^Show .* on the canvas$/ }).last()
    await subject.click()
    const row = tree.locator('[role="treeitem"][tabindex="0"]')
    await expect.poll(() => row.getAttribute('aria-selected')).toBe('true')
    const box = await page().locator('.view-outline').boundingBox()
    const at = await row.boundingBox()
    if (!box || !at) throw new Error('the outline or its row is not on screen')
    expect(at.y).toBeGreaterThanOrEqual(box.y)
    expect(at.y + at.height).toBeLessThanOrEqual(box.y + box.height)
    const u = new KeyboardUser(page())
    await u.tabTo(row)
    await u.press('ArrowDown')
    expect(await u.has(tree.locator('[role="treeitem"][tabindex="0"]'))).toBe(true)
    expect(session.browser.errors).toEqual([])
  })
})

describe('skip links: the first Tab stops lead past the toolbar and the palette', () => {
  const session = designerSession()
  const page = () => session.browser.page
  const skip = (name: string) =>
    page().getByRole('navigation', { name: 'Skip links' }).getByRole('button', { name })

  /** A fresh page: the next Tab starts from its top (a page keeps where the focus last was). */
  async function fromTop(): Promise<void> {
    await session.d.waitSaved()
    await page().reload()
    await page().getByRole('toolbar', { name: 'Designer toolbar' }).waitFor()
    await page().locator('.react-flow__node').first().waitFor()
  }

  /** From the top of the page: Tab `times`, then Enter; what has the focus then. */
  async function follow(times: number): Promise<string> {
    await fromTop()
    for (let i = 0; i < times; i++) await page().keyboard.press('Tab')
    await page().keyboard.press('Enter')
    return page().evaluate(() => {
      const el = document.activeElement
      const where = el?.closest('.inspector, .bottom-panel, .react-flow, [role="tree"]')
      const label = (el as HTMLInputElement | null)?.labels?.[0]?.textContent
      const name = label ?? el?.getAttribute('aria-label') ?? el?.textContent?.trim().slice(0, 30)
      return `${where?.className.split(' ')[0] ?? 'page'}: ${name ?? ''}`
    })
  }

  it('shows the first link when Tab reaches it, and none before', async () => {
    await session.d.openTemplate(/Apps sharing user-assigned identities/)
    await fromTop()
    const first = skip('Skip to the design')
    expect((await first.boundingBox())?.width).toBeLessThanOrEqual(1)
    await page().keyboard.press('Tab')
    expect(await first.evaluate((el) => el === document.activeElement)).toBe(true)
    expect((await first.boundingBox())?.width ?? 0).toBeGreaterThan(40)
  })

  it('takes the focus to a node of the canvas, the inspector or the problems in two key presses', async () => {
    expect(await follow(1)).toMatch(/^react-flow: /)
    expect(await follow(2)).toBe('inspector: Design name')
    expect(await follow(3)).toMatch(/^bottom-panel: Problems/)
  })
})
