import type { Locator, Page } from 'playwright-core'

/**
 * A user with a keyboard only: every step is a key press. Locators only *check* where the focus
 * is; nothing is clicked, filled or focused programmatically.
 */
export class KeyboardUser {
  readonly page: Page

  constructor(page: Page) {
    this.page = page
  }

  async press(...keys: string[]): Promise<void> {
    for (const key of keys) await this.page.keyboard.press(key)
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text)
  }

  /** Whether `target` has the keyboard focus. */
  async has(target: Locator): Promise<boolean> {
    return target.evaluate((el) => el === document.activeElement).catch(() => false)
  }

  /** Tab (or Shift+Tab) until `target` has the focus. */
  async tabTo(target: Locator, options: { back?: boolean; limit?: number } = {}): Promise<void> {
    for (let i = 0; i < (options.limit ?? 250); i++) {
      if (await this.has(target)) return
      await this.page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab')
    }
    throw new Error(`the keyboard never reached ${target.toString()}`)
  }

  /** Presses `key` until `target` has the focus (arrow keys in a list, a tree, a palette). */
  async moveTo(target: Locator, key: string, limit = 250): Promise<void> {
    for (let i = 0; i < limit; i++) {
      if (await this.has(target)) return
      await this.page.keyboard.press(key)
    }
    throw new Error(`${key} never reached ${target.toString()}`)
  }
}
