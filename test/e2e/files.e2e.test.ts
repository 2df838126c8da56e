import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { derivePlan } from '@/plan/derive.ts'
import { serializeDesign } from '@/model/serialize.ts'
import { shareHash } from '@/store/persist/share-link.ts'
import { templateById } from '@/templates/index.ts'
import { launch, type Browser } from './support/browser.ts'
import { Designer } from './support/designer.ts'

const scenario2 = () => {
  const t = templateById('scenario-2')
  if (!t) throw new Error('no scenario 2')
  return t.design
}

describe('files: open, save, export, share', () => {
  let browser: Browser
  let d: Designer
  beforeAll(async () => {
    browser = await launch()
    d = new Designer(browser.page)
    await d.open(inject('baseUrl'))
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('opens a template with New', async () => {
    await d.button('New').click()
    await browser.page
      .getByRole('dialog', { name: 'New design' })
      .getByRole('button', { name: /Apps sharing user-assigned identities/ })
      .click()
    await d.node('contoso-web-1').waitFor()
    await expect(browser.page.locator('.dn-name').count()).resolves.toBe(9)
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
    await d.openFile('broken.topology.json', bad)
    const alert = browser.page.getByRole('alert').filter({ hasText: 'is not a valid design' })
    await alert.waitFor()
    const text = await alert.textContent()
    expect(text).toContain(
      '“broken.topology.json” is not a valid design (3 problems). Your design was not changed.',
    )
    expect(text).toContain('nodes[0].hosting: expected one of appService')
    expect(text).toContain('nodes[1].service')
    expect(text).toContain('edges[0].target: no node with id "ghost"')
    await expect(browser.page.locator('.dn-name').count()).resolves.toBe(9)
    await expect(browser.page.locator('.brand-design').textContent()).resolves.toBe(
      scenario2().name,
    )
    await alert.getByRole('button', { name: 'Dismiss' }).click()

    await d.openFile('not-json.topology.json', '{ "format": ')
    await browser.page.getByRole('alert').filter({ hasText: 'not valid JSON' }).waitFor()
    await expect(browser.page.locator('.dn-name').count()).resolves.toBe(9)
    await browser.page.getByRole('alert').getByRole('button', { name: 'Dismiss' }).click()
  })

  it('exports the plan and the downloaded JSON is the derived plan', async () => {
    await browser.page.getByRole('tab', { name: /^Plan/ }).click()
    const plan = derivePlan(scenario2())
    const rows = browser.page.getByRole('tabpanel').getByRole('row')
    await expect(rows.count()).resolves.toBe(plan.actions.length + 1)
    const file = await d.download(() => d.button('Export plan').click())
    expect(file.name).toBe('scenario-2-apps-sharing-user-assigned-identities.plan.json')
    expect(JSON.parse(file.text)).toEqual(plan)
  })

  it('saves the design as the same file it opened', async () => {
    const file = await d.download(() => d.button('Save design').click())
    expect(file.text).toBe(serializeDesign(scenario2()))
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
    await d.openFile('evil.topology.json', JSON.stringify(evil))
    await d.node('<script>window.__pwned=2</script>').waitFor()
    await d.node('<img src=x onerror="window.__pwned=3">').waitFor()
    await expect(browser.page.locator('.brand-design').textContent()).resolves.toBe(evil.name)
    await expect(
      browser.page
        .locator('.react-flow img, .react-flow script, .bottom-panel img, .bottom-panel b')
        .count(),
    ).resolves.toBe(0)
    await browser.page.getByRole('tab', { name: /^Problems/ }).click()
    await expect(d.problems().textContent()).resolves.toContain('<b>Owner</b>')
    await expect(
      browser.page.evaluate(() => (window as { __pwned?: number }).__pwned),
    ).resolves.toBeUndefined()
  })

  it('exports the diagram as PNG and SVG', async () => {
    await d.button('Export diagram').click()
    const png = await d.download(() =>
      browser.page.getByRole('menuitem', { name: 'Diagram as PNG' }).click(),
    )
    expect(png.name).toMatch(/\.png$/)
    await d.button('Export diagram').click()
    const svg = await d.download(() =>
      browser.page.getByRole('menuitem', { name: 'Diagram as SVG' }).click(),
    )
    expect(svg.name).toMatch(/\.svg$/)
    expect(svg.text).toContain('<svg')
  })

  it('opens a share link with its design, then drops the link from the address', async () => {
    const url = `${inject('baseUrl')}${shareHash(scenario2())}`
    const page = await browser.context.newPage()
    await page.goto(url)
    await page.locator('.dn-name').getByText('contoso-func', { exact: true }).waitFor()
    await expect(page.locator('.brand-design').textContent()).resolves.toBe(scenario2().name)
    expect(new URL(page.url()).hash).toBe('')
    await page.close()
  })

  it('warns when a second tab edits the same design', async () => {
    const second = await browser.context.newPage()
    await second.goto(inject('baseUrl'))
    await second.getByRole('alert').filter({ hasText: 'also open in another tab' }).waitFor()
    await browser.page.getByRole('alert').filter({ hasText: 'also open in another tab' }).waitFor()
    await second.close()
    expect(browser.errors).toEqual([])
  })
})
