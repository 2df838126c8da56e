import type { Locator, Page, Request } from 'playwright-core'
import type { SandboxServer } from '@/sandbox/server/https-server.ts'
import type { Browser } from './browser.ts'

export const PASSWORD = 'sandbox-password'

/** The Apply dialog on the Azure target. */
export function azureDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Apply to Azure' })
}

/** Opens Apply, picks Azure and fills the settings form as a user would for the sandbox. */
export async function pointAppAtSandbox(page: Page, server: SandboxServer): Promise<Locator> {
  const signIn = server.signIn
  if (!signIn) throw new Error('the sandbox runs without sign-in')
  await page.getByRole('button', { name: 'Apply', exact: true }).click()
  await page
    .getByRole('dialog', { name: /^Apply to/ })
    .getByRole('radio', { name: /^Azure/ })
    .check()
  const dialog = azureDialog(page)
  await dialog.getByRole('textbox', { name: 'Application (client) ID' }).fill(signIn.spaClientId)
  // The issuer, as printed by the sandbox: the form takes it for the authority.
  await dialog.getByRole('textbox', { name: 'Authority' }).fill(signIn.issuer)
  await dialog.getByRole('textbox', { name: 'ARM endpoint' }).fill(server.url)
  await dialog.getByRole('button', { name: 'Save settings' }).click()
  return dialog
}

/** Clicks a button that opens the sign-in popup, and signs in there with the login form. */
export async function signInThroughPopup(
  browser: Browser,
  open: () => Promise<void>,
  username: string,
): Promise<void> {
  const [popup] = await Promise.all([browser.context.waitForEvent('page'), open()])
  await popup.getByRole('textbox', { name: 'Username' }).fill(username)
  await popup.getByRole('textbox', { name: 'Password' }).fill(PASSWORD)
  await Promise.all([
    popup.waitForEvent('close', { timeout: 20_000 }),
    popup.getByRole('button', { name: 'Sign in' }).click(),
  ])
}

/** Signs out: the popup goes to the provider's sign-out and closes itself. */
export async function signOut(browser: Browser, dialog: Locator): Promise<void> {
  const [popup] = await Promise.all([
    browser.context.waitForEvent('page'),
    dialog.getByRole('button', { name: 'Sign out' }).click(),
  ])
  await popup.waitForEvent('close', { timeout: 20_000 })
  await dialog.getByRole('button', { name: 'Sign in to Azure' }).waitFor()
}

/** From a report (or any later step) back to the target step, with the Back buttons. */
export async function backToTarget(dialog: Locator): Promise<void> {
  const again = dialog.getByRole('button', { name: 'Apply again' })
  if (await again.isVisible()) await again.click()
  for (let i = 0; i < 3; i++) {
    if (await dialog.getByRole('radio', { name: /^Azure/ }).isVisible()) return
    await dialog.getByRole('button', { name: 'Back' }).click()
  }
}

/** Bearer tokens the page sent to the sandbox's ARM paths, and the token grants it made. */
export function watchTokens(browser: Browser, server: SandboxServer) {
  const bearers = new Set<string>()
  const grants: string[] = []
  const seen = (request: Request): void => {
    if (!request.url().startsWith(server.url)) return
    const auth = request.headers().authorization
    if (auth?.startsWith('Bearer ')) bearers.add(auth.slice(7))
    if (
      new URL(request.url()).pathname.endsWith('/oauth2/v2.0/token') &&
      request.method() === 'POST'
    )
      grants.push(new URLSearchParams(request.postData() ?? '').get('grant_type') ?? '')
  }
  browser.context.on('request', seen)
  return { bearers, grants }
}
