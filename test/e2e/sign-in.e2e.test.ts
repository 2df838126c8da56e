import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { startSandboxServer, type SandboxServer } from '@/sandbox/server/https-server.ts'
import { launch, type Browser } from './support/browser.ts'
import { Designer } from './support/designer.ts'
import {
  backToTarget,
  bindAndPreview,
  openScenario2,
  pointAppAtSandbox,
  signInThroughPopup,
  signOut,
  pageStorage,
  watchTokens,
} from './support/sign-in.ts'

const DEVELOPERS = 'dddddddd-0000-4000-8000-000000000001'
const SUB = '11111111-1111-1111-1111-111111111111'
const TEAM = 'dddddddd-0000-4000-8000-000000000002'

/** Developers granted on a storage account of the group, and on the whole subscription. */
const TEAM_ACCESS = {
  format: 'identity-topology',
  version: 1,
  name: 'Team access',
  nodes: [
    {
      id: 'devs',
      kind: 'developer',
      name: 'Team developers',
      principal: 'group',
      azure: { principalId: TEAM },
    },
    { id: 'blob', kind: 'service', name: 'contosoassets', service: 'storage' },
  ],
  edges: [
    {
      id: 'in-group',
      kind: 'access',
      source: 'devs',
      target: 'blob',
      roles: ['Storage Blob Data Reader'],
    },
    {
      id: 'whole-subscription',
      kind: 'access',
      source: 'devs',
      target: 'blob',
      roles: ['Storage Blob Data Contributor'],
      scope: 'subscription',
    },
  ],
}

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
    await openScenario2(d)

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
    await bindAndPreview(dialog, DEVELOPERS)
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
    await bindAndPreview(dialog, DEVELOPERS)
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

  it('switches account to the RBAC administrator of one group: it applies inside the group and is refused outside it', async () => {
    const page = browser.page
    const dialog = page.getByRole('dialog', { name: 'Apply to Azure' })
    await backToTarget(dialog)
    await signInThroughPopup(
      browser,
      () => dialog.getByRole('button', { name: 'Switch account' }).click(),
      'rbac-admin@sandbox.example',
    )
    await expect
      .poll(() => dialog.getByText('Signed in as').innerText())
      .toContain('Ada Access-Admin')
    // It holds a role on sandbox-rg only: that is the one group it sees.
    const groups = await dialog
      .getByRole('combobox', { name: 'Resource group' })
      .locator('option')
      .allInnerTexts()
    expect(groups).toEqual(['sandbox-rg (westeurope)'])
    await dialog.getByRole('button', { name: 'Close' }).click()

    await d.openDesign('team-access.topology.json', JSON.stringify(TEAM_ACCESS))
    await d.node('contosoassets').waitFor()
    await d.button('Apply').click()
    await dialog.getByRole('button', { name: 'Bind resources' }).click()
    await dialog.getByRole('button', { name: 'Preview changes' }).click()
    const create = dialog.getByRole('region', { name: /to create$/ })
    const cannot = dialog.getByRole('region', { name: /cannot be applied$/ })
    await create.waitFor()
    expect(await create.locator('.step-title').allInnerTexts()).toEqual([
      'Grant Storage Blob Data Reader on contosoassets to Team developers',
    ])
    expect(await cannot.locator('li').allInnerTexts()).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Grant Storage Blob Data Contributor on contosoassets to Team developers \\(subscription\\)\\s+you lack Microsoft\\.Authorization/roleAssignments/write on /subscriptions/${SUB}$`,
        ),
      ),
    ])
    await dialog.getByRole('checkbox', { name: /you lack permission for anyway/ }).check()
    await dialog.getByRole('button', { name: 'Apply 2 changes' }).click()
    await dialog
      .getByRole('status')
      .filter({ hasText: /1 step failed\./ })
      .waitFor({ timeout: 60_000 })
    expect(await dialog.getByRole('list', { name: 'Report counts' }).innerText()).toMatch(
      /1\s*created[\s\S]*1\s*failed/,
    )
    expect(await dialog.getByRole('region', { name: /^Failed/ }).innerText()).toContain(
      `AuthorizationFailed (403) The client 'rbac-admin@sandbox.example' with object id '44444444-0000-4000-8000-000000000003' does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/write' over scope '/subscriptions/${SUB}/providers/Microsoft.Authorization/roleAssignments/`,
    )
    const inGroup = Object.values(server.sandbox.snapshot().roleAssignments).filter(
      (a) => a.principalId === TEAM,
    )
    expect(inGroup.map((a) => a.scope)).toEqual([
      `/subscriptions/${SUB}/resourceGroups/sandbox-rg/providers/Microsoft.Storage/storageAccounts/contosoassets`,
    ])
    expect(pageErrors(browser)).toEqual([])
  }, 120_000)

  it('keeps tokens in MSAL’s session cache only: not in other storage, IndexedDB, designs, plans, reports or logs', async () => {
    const page = browser.page
    const dialog = page.getByRole('dialog', { name: 'Apply to Azure' })
    const secrets = [...tokens.issued, ...tokens.bearers]
    expect(tokens.issued.size).toBeGreaterThanOrEqual(9) // three sign-ins × access, refresh and ID token
    expect(tokens.bearers.size).toBeGreaterThanOrEqual(3)
    const report = await d.download(() =>
      dialog.getByRole('button', { name: 'Download report' }).click(),
    )
    await dialog.getByRole('button', { name: 'Done' }).click()
    const design = await d.download(() => d.button('Save design').click())
    await page.getByRole('tab', { name: /^Plan/ }).click()
    const plan = await d.download(() => d.button('Export plan').click())
    await d.waitSaved()
    const stored = await pageStorage(page)

    const holding = (text: string): string[] =>
      secrets.filter((t) => text.includes(t) || text.includes(t.split('.')[2] ?? t))
    for (const [what, text] of [
      ['the report', report.text],
      ['the design', design.text],
      ['the plan', plan.text],
      ['IndexedDB', stored.indexedDb],
      ['localStorage', JSON.stringify(stored.local)],
      ['the console', tokens.consoleLines.join('\n')],
    ] as const)
      expect(holding(text), what).toEqual([])
    // sessionStorage: tokens only under the keys MSAL's own index lists as its credentials.
    const index = JSON.parse(
      stored.session[`msal.3.token.keys.${server.signIn?.spaClientId}`] ?? '{}',
    ) as Record<string, string[]>
    const msalKeys = new Set(Object.values(index).flat())
    const withTokens = Object.entries(stored.session).filter(
      ([, value]) => holding(value).length > 0,
    )
    expect(withTokens.length).toBeGreaterThan(0)
    expect(withTokens.map(([key]) => key).filter((key) => !msalKeys.has(key))).toEqual([])
  }, 60_000)
})

describe('an access token that expires in the middle of an apply is renewed silently, and the run goes on', () => {
  let server: SandboxServer
  let browser: Browser
  let d: Designer
  beforeAll(async () => {
    // Five-second tokens judged with no leeway, and slow answers: the run outlives several tokens.
    server = await startSandboxServer({
      login: { accessTokenTtlSeconds: 5, clockToleranceSeconds: 0 },
      allowOrigins: [new URL(inject('baseUrl')).origin],
    })
    server.sandbox.setFaults({ latency: { fixedMs: 1200, jitterMs: 0 } })
    browser = await launch({ ignoreHTTPSErrors: true })
    d = new Designer(browser.page)
    await d.open(inject('baseUrl'))
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('applies scenario 2 with tokens renewed by refresh token mid-run, no sign-in prompt, nothing failed', async () => {
    const page = browser.page
    await openScenario2(d)
    const dialog = await pointAppAtSandbox(page, server)
    await signInThroughPopup(
      browser,
      () => dialog.getByRole('button', { name: 'Sign in to Azure' }).click(),
      'owner@sandbox.example',
    )
    await expect
      .poll(() => dialog.getByRole('combobox', { name: 'Resource group' }).inputValue(), {
        timeout: 30_000,
      })
      .toBe('sandbox-rg')
    await bindAndPreview(dialog, DEVELOPERS)
    await dialog.getByRole('button', { name: /^Apply \d+ changes$/ }).click({ timeout: 60_000 })

    const run = watchTokens(browser, server)
    const pages = browser.context.pages().length
    const started = Math.floor(Date.now() / 1000)
    await dialog
      .getByRole('status')
      .filter({ hasText: /Applied\./ })
      .waitFor({ timeout: 120_000 })
    expect(await dialog.getByRole('list', { name: 'Report counts' }).innerText()).toMatch(
      /0\s*failed/,
    )
    // Several tokens carried the run, some issued after it started, got with the refresh token.
    expect(run.bearers.size).toBeGreaterThanOrEqual(2)
    const issuedAt = [...run.bearers].map((t) =>
      Number(JSON.parse(atob(t.split('.')[1] ?? '')).iat),
    )
    expect(issuedAt.filter((iat) => iat >= started).length).toBeGreaterThanOrEqual(2)
    expect(run.grants.filter((g) => g === 'refresh_token').length).toBeGreaterThanOrEqual(2)
    expect(run.grants).not.toContain('authorization_code')
    expect(browser.context.pages().length).toBe(pages)
    expect(pageErrors(browser)).toEqual([])
  }, 240_000)
})

describe('with popups blocked, sign-in goes by redirect and Apply reopens on the way back', () => {
  let server: SandboxServer
  let browser: Browser
  let d: Designer
  beforeAll(async () => {
    server = await startSandboxServer({
      login: true,
      allowOrigins: [new URL(inject('baseUrl')).origin],
    })
    browser = await launch({ ignoreHTTPSErrors: true })
    // What a popup blocker does: window.open gives nothing back.
    await browser.context.addInitScript(() => {
      window.open = () => null
    })
    d = new Designer(browser.page)
    await d.open(inject('baseUrl'))
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('leaves for the login page, comes back signed in, and lists the subscription', async () => {
    const page = browser.page
    await openScenario2(d)
    const dialog = await pointAppAtSandbox(page, server)
    await dialog.getByRole('button', { name: 'Sign in to Azure' }).click()
    await page.waitForURL(`${server.url}/**`)
    await page.getByRole('textbox', { name: 'Username' }).fill('reader@sandbox.example')
    await page.getByRole('textbox', { name: 'Password' }).fill('sandbox-password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(`${inject('baseUrl')}**`)
    const back = page.getByRole('dialog', { name: 'Apply to Azure' })
    await expect
      .poll(() => back.getByText('Signed in as').innerText(), { timeout: 30_000 })
      .toContain('Rafael Reader')
    await expect
      .poll(() => back.getByRole('combobox', { name: 'Subscription' }).inputValue())
      .toBe(SUB)
    // The design survived the round trip (autosaved before leaving).
    await d.node('contoso-web-1').waitFor()
    expect(pageErrors(browser)).toEqual([])
  }, 120_000)
})
