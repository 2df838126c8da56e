import { describe, expect, inject, it } from 'vitest'
import { derivePlan } from '@/plan/derive.ts'
import { parseDesignText } from '@/model/parse.ts'
import { semantic } from './support/compare.ts'
import { shareHash } from '@/store/persist/share-link.ts'
import { templateById } from '@/templates/index.ts'
import { designerSession } from './support/session.ts'

const scenario2 = () => {
  const t = templateById('scenario-2')
  if (!t) throw new Error('no scenario 2')
  return t.design
}

describe('files: open, save, export, share', () => {
  const session = designerSession()

  it('opens a template with New', async () => {
    await session.d.button('New').click()
    await session.browser.page
      .getByRole('dialog', { name: 'New design' })
      .getByRole('button', { name: /Apps sharing user-assigned identities/ })
      .click()
    await session.d.node('contoso-web-1').waitFor()
    await expect(session.browser.page.locator('.dn-name').count()).resolves.toBe(9)
  })

  it('shows the connection guide in its tab without pushing the inspector off screen', async () => {
    await session.browser.page.getByRole('tab', { name: /^Guide/ }).click()
    const guide = session.browser.page.getByRole('region', { name: 'Connection guide' })
    await guide.waitFor()
    await expect(guide.textContent()).resolves.toContain('contoso-web-1')
    const inspector = await session.browser.page
      .getByRole('complementary', { name: 'Inspector' })
      .boundingBox()
    expect(inspector && inspector.x + inspector.width).toBeLessThanOrEqual(1440)
    await session.browser.page.getByRole('tab', { name: /^Problems/ }).click()
  })

  it('refuses a malformed file with path-precise problems and keeps the design', async () => {
    const bad = JSON.stringify({
      format: 'identity-topology',
      version: 1,
      name: 'Broken',
      nodes: [
        { id: 'a', kind: 'app', name: 'a', hosting: 'mainframe' },
        { id: 'b', kind: 'service', name: 'b' },
      ],
      edges: [{ id: 'e', kind: 'access', source: 'a', target: 'ghost', roles: ['Reader'] }],
    })
    await session.d.openFile('broken.topology.json', bad)
    const alert = session.browser.page
      .getByRole('alert')
      .filter({ hasText: 'is not a valid design' })
    await alert.waitFor()
    const text = await alert.textContent()
    expect(text).toContain(
      '“broken.topology.json” is not a valid design (3 problems). Your design was not changed.',
    )
    expect(text).toContain('nodes[0].hosting: expected one of appService')
    expect(text).toContain('nodes[1].service')
    expect(text).toContain('edges[0].target: no node with id "ghost"')
    await expect(session.browser.page.locator('.dn-name').count()).resolves.toBe(9)
    await expect(session.browser.page.locator('.brand-design').textContent()).resolves.toBe(
      scenario2().name,
    )
    await alert.getByRole('button', { name: 'Dismiss' }).click()

    await session.d.openFile('not-json.topology.json', '{ "format": ')
    await session.browser.page.getByRole('alert').filter({ hasText: 'not valid JSON' }).waitFor()
    await expect(session.browser.page.locator('.dn-name').count()).resolves.toBe(9)
    await session.browser.page.getByRole('alert').getByRole('button', { name: 'Dismiss' }).click()
  })

  it('exports the plan and the downloaded JSON is the derived plan', async () => {
    await session.browser.page.getByRole('tab', { name: /^Plan/ }).click()
    const plan = derivePlan(scenario2())
    const rows = session.browser.page.getByRole('tabpanel').getByRole('row')
    await expect(rows.count()).resolves.toBe(plan.actions.length + 1)
    const file = await session.d.download(() => session.d.button('Export plan').click())
    expect(file.name).toBe('scenario-2-apps-sharing-user-assigned-identities.plan.json')
    expect(JSON.parse(file.text)).toEqual(plan)
  })

  it('saves the design it opened (laid out in layers)', async () => {
    const file = await session.d.download(() => session.d.button('Save design').click())
    const saved = parseDesignText(file.text)
    if (!saved.ok) throw new Error('saved an invalid design')
    expect(semantic(saved.value)).toEqual(semantic(scenario2()))
    const x = (id: string) => saved.value.nodes.find((n) => n.id === id)?.position?.x ?? NaN
    expect(x('web1')).toBeLessThan(x('mi-storage'))
    expect(x('mi-storage')).toBeLessThan(x('blob'))
  })

  it('renders names holding HTML or script as text', async () => {
    const evil = {
      format: 'identity-topology',
      version: 1,
      name: '<img src=x onerror="window.__pwned=1">',
      nodes: [
        {
          id: 'a',
          kind: 'app',
          name: '<script>window.__pwned=2</script>',
          hosting: 'appService',
          position: { x: 0, y: 0 },
        },
        {
          id: 's',
          kind: 'service',
          name: '<img src=x onerror="window.__pwned=3">',
          service: 'storage',
          position: { x: 400, y: 0 },
        },
      ],
      edges: [{ id: 'e', kind: 'access', source: 'a', target: 's', roles: ['<b>Owner</b>'] }],
    }
    await session.d.openDesign('evil.topology.json', JSON.stringify(evil))
    await session.d.node('<script>window.__pwned=2</script>').waitFor()
    await session.d.node('<img src=x onerror="window.__pwned=3">').waitFor()
    await expect(session.browser.page.locator('.brand-design').textContent()).resolves.toBe(
      evil.name,
    )
    await expect(
      session.browser.page
        .locator('.react-flow img, .react-flow script, .bottom-panel img, .bottom-panel b')
        .count(),
    ).resolves.toBe(0)
    await session.browser.page.getByRole('tab', { name: /^Problems/ }).click()
    await expect.poll(() => session.d.problems().textContent()).toContain('<b>Owner</b>')
    await expect(
      session.browser.page.evaluate(() => (window as { __pwned?: number }).__pwned),
    ).resolves.toBeUndefined()
  })

  it('exports the diagram as PNG and SVG', async () => {
    await session.d.button('Export diagram').click()
    const png = await session.d.download(() =>
      session.browser.page.getByRole('menuitem', { name: 'Diagram as PNG' }).click(),
    )
    expect(png.name).toMatch(/\.png$/)
    await session.d.button('Export diagram').click()
    const svg = await session.d.download(() =>
      session.browser.page.getByRole('menuitem', { name: 'Diagram as SVG' }).click(),
    )
    expect(svg.name).toMatch(/\.svg$/)
    expect(svg.text).toContain('<svg')
  })

  it('warns when a second tab edits the same design', async () => {
    // A new tab opens the design last saved: the one this tab opened must be saved first (in the
    // bundled-Chromium pass the new tab once came up before autosave and opened another).
    await session.browser.page
      .locator('.status-bar')
      .getByText(/^Saved \d/)
      .waitFor()
    const second = await session.browser.context.newPage()
    await second.goto(inject('baseUrl'))
    await second.getByRole('alert').filter({ hasText: 'also open in another tab' }).waitFor()
    await session.browser.page
      .getByRole('alert')
      .filter({ hasText: 'also open in another tab' })
      .waitFor()
    await second.close()
    expect(session.browser.errors).toEqual([])
  })
})

// A design opened from a link is saved at once and becomes the session a new tab opens: links
// are opened in a browser of their own, away from the tests of the main one.
describe('share links in a browser of their own', () => {
  const session = designerSession()

  it('opens a share link with its design, and drops the link from the address once it is saved', async () => {
    const url = `${inject('baseUrl')}${shareHash(scenario2())}`
    const page = await session.browser.context.newPage()
    await page.goto(url)
    await page.locator('.dn-name').getByText('contoso-func', { exact: true }).waitFor()
    await expect(page.locator('.brand-design').textContent()).resolves.toBe(scenario2().name)
    await expect.poll(() => new URL(page.url()).hash).toBe('')
    await page.close()
  })

  it('saves a design opened from a link without an edit, so a reload keeps it', async () => {
    const { page } = session.browser
    await page.goto(`${inject('baseUrl')}${shareHash(scenario2())}`)
    await page.locator('.dn-name').getByText('contoso-func', { exact: true }).waitFor()
    await page
      .locator('.status-bar')
      .getByText(/^Saved /)
      .waitFor()
    await page.reload()
    await page.locator('.dn-name').getByText('contoso-func', { exact: true }).waitFor()
    await expect(page.locator('.brand-design').textContent()).resolves.toBe(scenario2().name)
  })

  it('opens a link pasted into the address bar of the open tab, and drops it from there once saved', async () => {
    const { page } = session.browser
    const scenario1 = templateById('scenario-1')!.design
    await page.evaluate((hash) => {
      window.location.hash = hash
    }, shareHash(scenario1))
    await expect.poll(() => page.locator('.brand-design').textContent()).toBe(scenario1.name)
    await expect.poll(() => new URL(page.url()).hash).toBe('')
    // Gone from the address only once saved: a reload at once opens it.
    await page.reload()
    await expect.poll(() => page.locator('.brand-design').textContent()).toBe(scenario1.name)
    // The design shown before it is kept: it is one of the recent designs.
    await session.d.button('Recent designs').click()
    await page
      .getByRole('dialog', { name: 'Recent designs' })
      .getByRole('button', { name: new RegExp(`^${scenario2().name}`) })
      .waitFor()
    await page.keyboard.press('Escape')
    expect(session.browser.errors).toEqual([])
  })
})
