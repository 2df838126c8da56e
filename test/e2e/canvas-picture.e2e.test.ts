import { describe, expect, inject, it } from 'vitest'
import { generateDesign } from '../../bench/generate.ts'
import { shareHash } from '@/store/persist/share-link.ts'
import { canvasBoxes, collisions } from './support/boxes.ts'
import { Designer } from './support/designer.ts'
import { designerSession } from './support/session.ts'

const TEMPLATES = [
  /One app, system-assigned identity/,
  /Apps sharing user-assigned identities/,
  /Shared identity plus system-assigned/,
]

describe('scenario 2 drawn through its identities', () => {
  const session = designerSession()

  it('draws 11 lines: 5 app → identity, 3 identity → service with the roles, 3 from the developers', async () => {
    const { d, browser } = session
    await d.openTemplate(/Apps sharing user-assigned identities/)
    await d.fitView()
    const page = browser.page
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(11)
    expect(await page.locator('.react-flow__edge-path').count()).toBe(11)
    const ids = await page
      .locator('.react-flow__edge')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')).sort())
    expect(ids).toEqual([
      'devs-blob',
      'devs-cosmos',
      'devs-db',
      'func-mi-storage',
      'via:mi-data>cosmos',
      'via:mi-data>db',
      'via:mi-storage>blob',
      'web1-mi-data',
      'web1-mi-storage',
      'web2-mi-data',
      'web2-mi-storage',
    ])
    // The databases identity's line to SQL carries both roles, the count never hidden.
    const sql = page.locator('.edge-label[data-segment="via:mi-data>db"]')
    await expect
      .poll(() => sql.locator('.role-chip').textContent())
      .toMatch(/^(db_datareader \+1|2 roles)$/)
  })

  it('selects the three access edges a bundled line stands for, and the inspector lists them', async () => {
    const page = session.browser.page
    await page.locator('.edge-label[data-segment="via:mi-storage>blob"]').click()
    const list = page
      .getByRole('complementary', { name: 'Inspector' })
      .getByRole('list', { name: 'Selected connections' })
    await expect
      .poll(() => list.getByRole('listitem').allTextContents())
      .toEqual([
        'contoso-web-1 → contosoassetsStorage Blob Data Contributor through mi-contoso-storage',
        'contoso-web-2 → contosoassetsStorage Blob Data Contributor through mi-contoso-storage',
        'contoso-func → contosoassetsStorage Blob Data Contributor through mi-contoso-storage',
      ])
    await list.getByRole('button').nth(2).click()
    await page
      .getByRole('complementary', { name: 'Inspector' })
      .getByRole('heading', { name: 'Connection' })
      .waitFor()
    await page.keyboard.press('Escape')
  })

  it("shows a line's roles over the canvas without taking the pointer from what lies under them", async () => {
    const page = session.browser.page
    const label = page.locator('.edge-label[data-segment="via:mi-storage>blob"]')
    await label.hover()
    const roles = label.locator('.edge-roles')
    await roles.waitFor()
    const box = await roles.boundingBox()
    if (!box) throw new Error('no roles box')
    const under = await page.evaluate(
      ([x, y]) =>
        document.elementFromPoint(x as number, y as number)?.closest('.edge-roles') ?? null,
      [box.x + box.width / 2, box.y + box.height / 2],
    )
    expect(under).toBeNull()
  })

  it('keeps a label on its line when a node at its end is dragged', async () => {
    const { d, browser } = session
    const page = browser.page
    await d.fitView()
    const segment = 'via:mi-storage>blob'
    /** How far the label's centre is from the nearest point of its line, on screen. */
    const offLine = () =>
      page.evaluate((id) => {
        const path = document.querySelector<SVGPathElement>(
          `.react-flow__edge[data-id="${CSS.escape(id)}"] .react-flow__edge-path`,
        )
        const label = document.querySelector(`.edge-label[data-segment="${CSS.escape(id)}"]`)
        const ctm = path?.getScreenCTM()
        if (!path || !label || !ctm) return Infinity
        const box = label.getBoundingClientRect()
        const cx = box.x + box.width / 2
        const cy = box.y + box.height / 2
        let best = Infinity
        const length = path.getTotalLength()
        for (let i = 0; i <= 100; i++) {
          const p = path.getPointAtLength((length * i) / 100).matrixTransform(ctm)
          best = Math.min(best, Math.hypot(p.x - cx, p.y - cy))
        }
        return best
      }, segment)
    expect(await offLine()).toBeLessThan(30)
    const blob = await d.node('contosoassets').boundingBox()
    if (!blob) throw new Error('blob is not drawn')
    await page.mouse.move(blob.x + blob.width / 2, blob.y + 8)
    await page.mouse.down()
    await page.mouse.move(blob.x + blob.width / 2, blob.y + 8 + 150, { steps: 8 })
    await page.mouse.up()
    await expect
      .poll(async () => (await d.node('contosoassets').boundingBox())?.y ?? 0)
      .toBeGreaterThan(blob.y + 100)
    await expect.poll(offLine).toBeLessThan(30)
    await page.keyboard.press('Control+z')
  })

  it('keeps the direct drawing at the flip of a toggle', async () => {
    const { d, browser } = session
    const page = browser.page
    await page
      .getByRole('group', { name: 'Draw access' })
      .getByRole('button', { name: 'Direct' })
      .click()
    await d.fitView()
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(15)
    await page
      .getByRole('group', { name: 'Draw access' })
      .getByRole('button', { name: 'Through identities' })
      .click()
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(11)
  })
})

for (const viewport of [
  { width: 1024, height: 768 },
  { width: 1440, height: 900 },
])
  describe(`labels at ${viewport.width}×${viewport.height}`, () => {
    const session = designerSession(viewport)

    for (const title of TEMPLATES)
      it(`${title.source}: after Auto layout no label covers a node or another label, and its text reads at 9 px or more`, async () => {
        const { d, browser } = session
        await d.openTemplate(title)
        await d.autoLayout()
        const { nodes, labels } = await canvasBoxes(browser.page)
        const accessLines = await browser.page.locator('.react-flow__edge-access').count()
        expect(labels.length).toBe(accessLines)
        expect(collisions(labels, nodes)).toEqual([])
        expect(collisions(labels)).toEqual([])
        // A label is 22 px tall at its natural size, its text 11 px: 18 px tall on screen is 9 px text.
        for (const label of labels) expect(label.height).toBeGreaterThanOrEqual(18)
      })
  })

describe('a label with no room on its line', () => {
  const session = designerSession()

  it('is a pin that covers neither card and shows its roles on hover', async () => {
    const { d, browser } = session
    const page = browser.page
    // Two cards 40 px apart, the line between them: no room even for "1 role".
    const design = {
      format: 'identity-topology',
      version: 1,
      name: 'Tight',
      nodes: [
        {
          id: 'web',
          kind: 'app',
          name: 'web',
          hosting: 'appService',
          systemAssigned: true,
          position: { x: 0, y: 0 },
        },
        { id: 'st', kind: 'service', name: 'st', service: 'storage', position: { x: 260, y: 0 } },
      ],
      edges: [
        {
          id: 'e1',
          kind: 'access',
          source: 'web',
          target: 'st',
          roles: ['Storage Blob Data Reader'],
        },
      ],
    }
    await d.openDesign('tight.json', JSON.stringify(design))
    await d.fitView()
    const pin = page.locator('.edge-label.is-pin')
    await pin.waitFor()
    expect(await page.locator('.edge-label').count()).toBe(1)
    const { nodes, labels } = await canvasBoxes(page)
    expect(collisions(labels, nodes)).toEqual([])
    const box = (await pin.boundingBox())!
    const zoom = await page
      .locator('.react-flow__viewport')
      .evaluate((e) => new DOMMatrix(getComputedStyle(e).transform).a)
    expect(box.width).toBeLessThanOrEqual(12 * zoom + 1)
    await pin.hover()
    await expect
      .poll(() => pin.locator('.edge-roles').innerText())
      .toContain('Storage Blob Data Reader')
  })
})

describe('the diagram export', () => {
  const session = designerSession()

  for (const title of TEMPLATES)
    it(`${title.source}: SVG has one path per drawn line and every name as text; PNG is it at 2×`, async () => {
      const { d, browser } = session
      const page = browser.page
      await d.openTemplate(title)
      await d.fitView()
      const lines = await page
        .locator('.react-flow__edge')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? '').sort())
      const names = await page.locator('.react-flow__node .dn-name').allTextContents()
      const svg = await d.download(() => d.exportMenu('Diagram as SVG'))
      expect(svg.name).toMatch(/\.svg$/)
      // Parsed by the browser as an SVG document: what any viewer would read.
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml')
        return {
          errors: doc.getElementsByTagName('parsererror').length,
          root: doc.documentElement.tagName,
          paths: [...doc.querySelectorAll('path.edge')].map(
            (p) => p.getAttribute('data-segment') ?? '',
          ),
          names: [...doc.querySelectorAll('svg.node > title')].map((t) => t.textContent ?? ''),
          shown: [...doc.querySelectorAll('text.name')].map((t) => t.textContent ?? ''),
          foreign: doc.getElementsByTagName('foreignObject').length,
          width: Number(doc.documentElement.getAttribute('width')),
          height: Number(doc.documentElement.getAttribute('height')),
        }
      }, svg.text)
      expect(parsed.errors).toBe(0)
      expect(parsed.root).toBe('svg')
      expect(parsed.foreign).toBe(0)
      expect(parsed.paths.sort()).toEqual(lines)
      // Each card has its whole name as its title, and shows it, or as much as fits with "…".
      expect(parsed.names.sort()).toEqual([...names].sort())
      expect(
        parsed.shown.filter(
          (shown) =>
            !names.includes(shown) &&
            !names.some((name) => name.startsWith(shown.slice(0, -1)) && shown.endsWith('…')),
        ),
      ).toEqual([])
      expect(parsed.shown).toHaveLength(names.length)
      const png = await d.downloadBytes(() => d.exportMenu('Diagram as PNG'))
      expect(png.name).toMatch(/\.png$/)
      // IHDR: width and height, big-endian, at bytes 16 and 20.
      expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual([
        parsed.width * 2,
        parsed.height * 2,
      ])
    })
})

describe('a generated 300-node design', () => {
  const session = designerSession()

  it('after Auto layout fits the view, at about 16:10, with no node on another', async () => {
    const { browser } = session
    const big = generateDesign(140)
    expect(big.nodes.length).toBeGreaterThanOrEqual(300)
    const page = await browser.context.newPage()
    await page.goto(`${inject('baseUrl')}${shareHash(big)}`)
    const designer = new Designer(page)
    await page.locator('.react-flow__node').first().waitFor()
    await designer.autoLayout()
    const zoom = await page.evaluate<number>(
      `new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')).transform).a`,
    )
    // Before: one 172-node column that Fit view could not fit (zoom stuck at its 0.1 minimum).
    expect(zoom).toBeGreaterThan(0.11)
    const nodes = await page.locator('.react-flow__node').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect()
        return {
          id: el.getAttribute('data-id') ?? '',
          x: r.x,
          y: r.y,
          width: r.width,
          height: r.height,
        }
      }),
    )
    expect(nodes).toHaveLength(big.nodes.length)
    const pane = await page.locator('.react-flow__pane').boundingBox()
    if (!pane) throw new Error('no pane')
    for (const n of nodes) {
      expect(n.x).toBeGreaterThanOrEqual(pane.x)
      expect(n.y).toBeGreaterThanOrEqual(pane.y)
      expect(n.x + n.width).toBeLessThanOrEqual(pane.x + pane.width)
      expect(n.y + n.height).toBeLessThanOrEqual(pane.y + pane.height)
    }
    const x0 = Math.min(...nodes.map((n) => n.x))
    const x1 = Math.max(...nodes.map((n) => n.x + n.width))
    const y0 = Math.min(...nodes.map((n) => n.y))
    const y1 = Math.max(...nodes.map((n) => n.y + n.height))
    const aspect = (x1 - x0) / (y1 - y0)
    expect(aspect).toBeGreaterThan(0.5)
    expect(aspect).toBeLessThan(3)
    expect(collisions(nodes)).toEqual([])
    await page.close()
  })
})
