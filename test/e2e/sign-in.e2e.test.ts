import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { startSandboxServer, type SandboxServer } from '@/sandbox/server/https-server.ts'
import { launch, type Browser } from './support/browser.ts'
import { Designer } from './support/designer.ts'
import {
  backToTarget,
  pointAppAtSandbox,
  signInThroughPopup,
  signOut,
  watchTokens,
} from './support/sign-in.ts'

const DEVELOPERS = 'dddddddd-0000-4000-8000-000000000001'
const SUB = '11111111-1111-1111-1111-111111111111'

/**
 * Chromium logs every 4xx answer to a fetch on the console; those are ARM's answers (404 for an
 * identity not made yet, 403 for a Reader), which the app handles, not page errors.
 */
const pageErrors = (browser: Browser): string[] =>
  browser.errors.filter(
    (e) => !/^Failed to load resource: the server responded with a status of 4\d\d /.test(e),
  )

describe('real sign-in: MSAL against the sandbox’s OpenID Connect provider, ARM’s RBAC on the signed-in user', () => {
  let server: SandboxServer
  let browser: Browser
  let d: Designer
  let tokens: ReturnType<typeof watchTokens>
  beforeAll(async () => {
    // The built app is served on a free port: allow its origin (the sandbox answers CORS only to
    // the origins it is told about).
    server = await startSandboxServer({
      login: true,
      allowOrigins: [new URL(inject('baseUrl')).origin],
    })
    browser = await launch({ ignoreHTTPSErrors: true })
    tokens = watchTokens(browser, server)
    d = new Designer(browser.page)
    await d.open(inject('baseUrl'))
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('signs in through the popup as the Owner and applies scenario 2: everything created', async () => {
    const page = browser.page
    await d.button('New').click()
    await page.getByRole('button', { name: /Apps sharing user-assigned identities/ }).click()
    await d.node('contoso-web-1').waitFor()

    const dialog = await pointAppAtSandbox(page, server)
    await signInThroughPopup(
      browser,
      () => dialog.getByRole('button', { name: 'Sign in to Azure' }).click(),
      'owner@sandbox.example',
    )
    await expect.poll(() => dialog.getByText('Signed in as').innerText()).toContain('Olivia Owner')
    await expect
      .poll(() => dialog.getByRole('combobox', { name: 'Resource group' }).inputValue())
      .toBe('sandbox-rg')
    await dialog.getByRole('button', { name: 'Bind resources' }).click()
    await dialog.getByRole('textbox', { name: 'Object id of Contoso developers' }).fill(DEVELOPERS)
    await dialog.getByRole('textbox', { name: 'Object id of Contoso developers' }).press('Tab')
    await dialog.getByRole('button', { name: 'Preview changes' }).click()
    const counts = dialog.getByRole('list', { name: 'Preview counts' })
    await expect.poll(() => counts.innerText()).toMatch(/1[0-9] to create/)
    expect(await counts.innerText()).toMatch(/0 cannot be applied/)
    await dialog.getByRole('button', { name: /^Apply \d+ changes$/ }).click()
    await dialog
      .getByRole('status')
      .filter({ hasText: /Applied\./ })
      .waitFor({ timeout: 60_000 })
    const report = await dialog.getByRole('list', { name: 'Report counts' }).innerText()
    expect(report).toMatch(/0\s*failed/)
    expect(report).toMatch(/1[0-9]\s*created/)
    // The sandbox recorded the signed-in user as the author of every assignment made.
    const made = Object.values(server.sandbox.snapshot().roleAssignments).filter(
      (a) => a.createdBy === '44444444-0000-4000-8000-000000000001',
    )
    expect(made.length).toBeGreaterThanOrEqual(3)
    expect(tokens.grants).toContain('authorization_code')
    expect(pageErrors(browser)).toEqual([])
  }, 120_000)

  it('signs out and in as the Reader: the preview marks every write "cannot", and applying anyway is refused with ARM’s 403', async () => {
    server.sandbox.reset() // a fresh world: nothing of the Owner's apply is in place
    const page = browser.page
    const dialog = page.getByRole('dialog', { name: 'Apply to Azure' })
    await backToTarget(dialog)
    await signOut(browser, dialog)
    await signInThroughPopup(
      browser,
      () => dialog.getByRole('button', { name: 'Sign in to Azure' }).click(),
      'reader@sandbox.example',
    )
    await expect.poll(() => dialog.getByText('Signed in as').innerText()).toContain('Rafael Reader')
    await dialog.getByRole('button', { name: 'Bind resources' }).click()
    await dialog.getByRole('textbox', { name: 'Object id of Contoso developers' }).fill(DEVELOPERS)
    await dialog.getByRole('textbox', { name: 'Object id of Contoso developers' }).press('Tab')
    await dialog.getByRole('button', { name: 'Preview changes' }).click()
    const counts = dialog.getByRole('list', { name: 'Preview counts' })
    await expect.poll(() => counts.innerText()).toMatch(/0 to create/)
    const cannot = dialog.getByRole('region', { name: /cannot be applied$/ })
    const reasons = await cannot.locator('.step-reason').allInnerTexts()
    expect(reasons.length).toBeGreaterThanOrEqual(12)
    for (const reason of reasons)
      expect(reason).toMatch(/^you lack Microsoft\.[A-Za-z]+\/\S+ on \/subscriptions\//)
    expect(reasons).toContain(
      `you lack Microsoft.Authorization/roleAssignments/write on /subscriptions/${SUB}/resourceGroups/sandbox-rg/providers/Microsoft.Storage/storageAccounts/contosoassets`,
    )
    expect(await dialog.getByRole('button', { name: 'Nothing to apply' }).isDisabled()).toBe(true)

    await dialog.getByRole('checkbox', { name: /you lack permission for anyway/ }).check()
    await dialog.getByRole('button', { name: /^Apply \d+ changes$/ }).click()
    await dialog
      .getByRole('status')
      .filter({ hasText: /steps? failed\./ })
      .waitFor({ timeout: 60_000 })
    const failed = dialog.getByRole('region', { name: /^Failed/ })
    expect(await failed.innerText()).toContain(
      "AuthorizationFailed (403) The client 'reader@sandbox.example' with object id '44444444-0000-4000-8000-000000000002' does not have authorization to perform action 'Microsoft.ManagedIdentity/userAssignedIdentities/write'",
    )
    expect(await dialog.getByRole('list', { name: 'Report counts' }).innerText()).toMatch(
      /0\s*created/,
    )
    expect(pageErrors(browser)).toEqual([])
  }, 120_000)
})
