import { readFileSync } from 'node:fs'
import type { Locator, Page } from 'playwright-core'

/** Every button of the toolbar, by the name tests and screen readers find it by. */
export const TOOLBAR_BUTTONS = [
  'New',
  'Open design',
  'Save design',
  'Recent designs',
  'Undo',
  'Redo',
  'Auto layout',
  'Optimize identities',
  'Share link',
  'Export diagram',
  'Azure',
  'Apply',
] as const

/** Steps a user takes in the designer, by role and accessible name (PRODUCT.md §10). */
export class Designer {
  readonly page: Page

  constructor(page: Page) {
    this.page = page
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url)
    await this.page.getByRole('toolbar', { name: 'Designer toolbar' }).waitFor()
  }

  button(name: string | RegExp): Locator {
    return this.page.getByRole('button', { name, exact: typeof name === 'string' })
  }

  /** A node on the canvas by its exact name. */
  node(name: string): Locator {
    return this.page.locator('.react-flow__node').filter({
      has: this.page.locator('.dn-name').getByText(name, { exact: true }),
    })
  }

  problems(): Locator {
    return this.page.locator('#tabpanel-problems')
  }

  /** Adds a node from the palette by click and names it in the inspector. */
  async add(palette: string, name: string): Promise<void> {
    await this.button(`Add ${palette}`).click()
    await this.rename(name)
  }

  async rename(name: string): Promise<void> {
    const field = this.page.getByRole('textbox', { name: 'Name', exact: true })
    await field.fill(name)
    await field.press('Enter')
    await this.page
      .getByRole('complementary', { name: 'Inspector' })
      .getByRole('heading', { name })
      .waitFor()
  }

  /** Selects a node through the inspector of the selected connection or with a click on the canvas. */
  async select(name: string): Promise<void> {
    await this.fitView()
    await this.node(name).locator('.dn-name').click()
    await this.page
      .getByRole('complementary', { name: 'Inspector' })
      .getByRole('heading', { name })
      .waitFor()
  }

  /**
   * Opens a built-in template with New (templates open laid out, which takes a moment): waits for
   * the design's name to change, so it must differ from the open design's.
   */
  async openTemplate(title: RegExp): Promise<void> {
    const name = this.page.locator('.brand-design')
    const before = await name.textContent()
    await this.button('New').click()
    await this.page
      .getByRole('dialog', { name: 'New design' })
      .getByRole('button', { name: title })
      .click()
    await this.page.waitForFunction(
      (old) => document.querySelector('.brand-design')?.textContent !== old,
      before,
    )
    await this.page.locator('.react-flow__node').first().waitFor()
  }

  /** Runs Auto layout and waits for it to finish (it runs in a worker) and the view to settle. */
  async autoLayout(): Promise<void> {
    const button = this.button('Auto layout')
    await button.click()
    await this.page.waitForFunction(
      () => !document.querySelector('[aria-label="Auto layout"][aria-busy="true"]'),
      null,
      { timeout: 60_000 },
    )
    await this.page.waitForTimeout(400)
  }

  async fitView(): Promise<void> {
    await this.page.getByRole('button', { name: 'Fit View' }).click()
    await this.page.waitForTimeout(250)
  }

  /** Connects the selected node to another with the inspector's Connect form (keyboard path). */
  async connectTo(target: string): Promise<void> {
    const select = this.page.getByRole('combobox', { name: 'Connect to' })
    const option = select
      .locator('option')
      .filter({ hasText: new RegExp(`^${escape(target)} \\(`) })
    await select.selectOption({ value: (await option.getAttribute('value')) ?? '' })
    await this.button('Connect').click()
  }

  /** On the selected access edge: sets the roles (typed in the role picker), replacing the default. */
  async setRoles(roles: readonly string[]): Promise<void> {
    const input = this.page.getByRole('combobox', { name: 'Add role' })
    const chips = this.page.getByRole('list', { name: 'Roles' })
    const before = await chips.getByRole('listitem').allTextContents()
    for (const role of roles) {
      if (before.includes(role)) continue
      await input.fill(role)
      await this.page
        .getByRole('option', { name: new RegExp(`^${escape(role)}`) })
        .first()
        .waitFor()
      await input.press('Enter')
      await chips.getByRole('listitem').filter({ hasText: role }).waitFor()
    }
    for (const old of before) {
      if (roles.includes(old)) continue
      await this.button(`Remove role ${old}`).click()
    }
  }

  async setVia(label: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Identity used (via)' }).selectOption({ label })
  }

  /** Drags from one node's handle to another node's handle with the mouse. */
  async dragConnect(from: string, to: string): Promise<void> {
    const source = this.node(from).locator('.react-flow__handle').first()
    const target = this.node(to).locator('.react-flow__handle').first()
    const a = await source.boundingBox()
    const b = await target.boundingBox()
    if (!a || !b) throw new Error(`handles of ${from} or ${to} are not on screen`)
    await this.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2)
    await this.page.mouse.down()
    await this.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 })
    await this.page.mouse.up()
  }

  /** Rule ids currently listed in the problems panel. */
  async ruleIds(): Promise<string[]> {
    await this.page.getByRole('tab', { name: /^Problems/ }).click()
    return this.problems().locator('.rule-id').allTextContents()
  }

  /** Runs an action that downloads a file; returns the file's text. */
  async download(action: () => Promise<void>): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), action()])
    const path = await download.path()
    return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') }
  }

  /** Runs an action that downloads a file; returns the file's bytes. */
  async downloadBytes(action: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), action()])
    return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) }
  }

  /** Picks an entry of the Export menu. */
  async exportMenu(item: string): Promise<void> {
    await this.button('Export diagram').click()
    await this.page.getByRole('menuitem', { name: item }).click()
  }

  /** Opens a design file through the Open design file picker. */
  async openFile(name: string, text: string): Promise<void> {
    const [chooser] = await Promise.all([
      this.page.waitForEvent('filechooser'),
      this.button('Open design').click(),
    ])
    await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) })
  }

  /**
   * Opens a valid design file and waits until it is the open design: a file without positions is
   * laid out first, and until then the canvas still shows the design open before.
   */
  async openDesign(name: string, text: string): Promise<void> {
    const { name: title } = JSON.parse(text) as { name: string }
    await this.openFile(name, text)
    await this.page
      .getByRole('status')
      .filter({ hasText: `Opened “${title}”` })
      .waitFor()
  }

  /** Waits out the autosave delay (and any view animation), then for the save to finish. */
  async waitSaved(): Promise<void> {
    await this.page.waitForTimeout(700)
    await this.page.locator('.status-save[data-save-state="saved"]').waitFor()
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
