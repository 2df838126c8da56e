import type { Locator, Page, Request } from 'playwright-core'
import type { SandboxServer } from '@/sandbox/server/https-server.ts'
import type { Browser } from './browser.ts'
import type { Designer } from './designer.ts'

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
  const [popup] = await Promise.all([popupOrWhyNot(browser), open()])
  await popup.getByRole('textbox', { name: 'Username' }).fill(username)
  await popup.getByRole('textbox', { name: 'Password' }).fill(PASSWORD)
  await Promise.all([
    popup.waitForEvent('close', { timeout: 20_000 }),
    popup.getByRole('button', { name: 'Sign in' }).click(),
  ])
}

/** The next page the browser opens; when none opens, an error quoting what the app says. */
async function popupOrWhyNot(browser: Browser): Promise<Page> {
  try {
    return await browser.context.waitForEvent('page', { timeout: 30_000 })
  } catch (e) {
    const said = await browser.page
      .getByRole('alert')
      .allInnerTexts()
      .catch(() => [])
    throw new Error(
      `no sign-in popup opened; the page says: ${said.join(' | ') || 'nothing'} (${String(e)})`,
      { cause: e },
    )
  }
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

/**
 * Bearer tokens the page sent to the sandbox's ARM paths, the token grants it made, every token
 * the provider handed out (access, refresh and ID tokens), and every console line of any page.
 */
export function watchTokens(browser: Browser, server: SandboxServer) {
  const bearers = new Set<string>()
  const issued = new Set<string>()
  const grants: string[] = []
  const consoleLines: string[] = []
  const listen = (page: Page): void => void page.on('console', (m) => consoleLines.push(m.text()))
  listen(browser.page)
  browser.context.on('page', listen)
  browser.context.on('response', (response) => {
    if (
      !new URL(response.url()).pathname.endsWith('/oauth2/v2.0/token') ||
      response.status() !== 200
    )
      return
    void response
      .json()
      .then((body: Record<string, unknown>) => {
        for (const key of ['access_token', 'refresh_token', 'id_token'])
          if (typeof body[key] === 'string') issued.add(body[key])
      })
      .catch(() => {})
  })
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
  return { bearers, issued, grants, consoleLines }
}

/** Everything the page keeps: localStorage, sessionStorage and every IndexedDB record. */
export async function pageStorage(page: Page): Promise<{
  local: Record<string, string>
  session: Record<string, string>
  indexedDb: string
}> {
  return page.evaluate(async () => {
    const dump = (s: Storage): Record<string, string> =>
      Object.fromEntries(
        Array.from({ length: s.length }, (_, i) => s.key(i) ?? '').map((k) => [
          k,
          s.getItem(k) ?? '',
        ]),
      )
    const records: unknown[] = []
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name ?? '')
        open.onsuccess = () => resolve(open.result)
        open.onerror = () => reject(open.error)
      })
      for (const store of Array.from(db.objectStoreNames)) {
        const all = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll()
          request.onsuccess = () => resolve(request.result)
          request.onerror = () => reject(request.error)
        })
        records.push({ db: info.name, store, all })
      }
      db.close()
    }
    return {
      local: dump(localStorage),
      session: dump(sessionStorage),
      indexedDb: JSON.stringify(records),
    }
  })
}

/** New → the tutorial's scenario 2 (apps sharing user-assigned identities). */
export async function openScenario2(d: Designer): Promise<void> {
  await d.button('New').click()
  await d.page.getByRole('button', { name: /Apps sharing user-assigned identities/ }).click()
  await d.node('contoso-web-1').waitFor()
}

/** Binds scenario 2 (its developer group to an object id) and reads the preview. */
export async function bindAndPreview(dialog: Locator, developers: string): Promise<void> {
  await dialog.getByRole('button', { name: 'Bind resources' }).click()
  const id = dialog.getByRole('textbox', { name: 'Object id of Contoso developers' })
  await id.fill(developers)
  await id.press('Tab')
  await dialog.getByRole('button', { name: 'Preview changes' }).click()
}
