import { describe, expect, it } from 'vitest'
import { analyze } from '@/store/derived.ts'
import type { Design } from '@/model/types.ts'
import { templateById } from '@/templates/index.ts'
import { intersects } from '@/ui/canvas/drawing/geometry.ts'
import { drawEdges } from '@/ui/canvas/drawing/segments.ts'
import { groupsOf } from '@/layout/groups.ts'
import { design as build } from '../../support/builder.ts'
import { svgOf } from './svg-of.ts'

const HOSTILE = `web "$(rm -rf ~)" '''\nline two \u001b[31mred</text><script>x</script>`

function parse(svg: string): Document {
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml')
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0)
  expect(doc.documentElement.tagName).toBe('svg')
  return doc
}

describe('diagramSvg', () => {
  it('draws scenario 2 as vectors: a path per drawn line, every name and label as text', () => {
    const d = (templateById('scenario-2') as { design: Design }).design
    const doc = parse(svgOf(d).svg)
    const lines = drawEdges(d, analyze(d).index, 'bundled').segments.map((s) => s.id)
    const paths = [...doc.querySelectorAll('path.edge')].map((p) => p.getAttribute('data-segment'))
    expect(paths.sort()).toEqual([...lines].sort())
    expect(lines).toHaveLength(11)
    const names = [...doc.querySelectorAll('text.name')].map((t) => t.textContent)
    expect(names).toEqual(d.nodes.map((n) => n.name))
    const sql = doc.querySelector('g.label[data-segment="via:mi-data>db"] text')
    expect(sql?.textContent).toBe('db_datareader, db_datawriter')
    expect(doc.querySelectorAll('foreignObject')).toHaveLength(0)
  })

  it('names every role of every line of scenario 2 as text, in both drawings (no hover in a picture)', () => {
    const d = (templateById('scenario-2') as { design: Design }).design
    for (const drawing of ['bundled', 'direct'] as const) {
      const doc = parse(svgOf(d, { drawing }).svg)
      const segments = drawEdges(d, analyze(d).index, drawing).segments.flatMap((s) =>
        s.kind === 'access' ? [s] : [],
      )
      expect(doc.querySelectorAll('g.label')).toHaveLength(segments.length)
      for (const s of segments) {
        const where = `${drawing} ${s.id}`
        const label = doc.querySelector(`g.label[data-segment="${s.id}"]`)
        // On its line, or (no room there) in the key under the drawing.
        const text = [
          label?.querySelector('text')?.textContent,
          doc.querySelector(`text.key-entry[data-segment="${s.id}"]`)?.textContent,
        ].join('\n')
        for (const { role } of s.roles) expect(text, where).toContain(role)
        // And in its tooltip, as hovering shows it on the canvas.
        expect(label?.querySelector('title')?.textContent, where).toContain(
          s.roles.map((r) => r.role).join(', '),
        )
      }
      // Every line into the SQL database carries both its roles, written out on the line.
      const sql = segments.filter((s) => s.target === 'db')
      expect(sql.length, drawing).toBeGreaterThanOrEqual(2)
      for (const s of sql) {
        const text = doc.querySelector(`g.label[data-segment="${s.id}"] text`)?.textContent
        expect(text, `${drawing} ${s.id}`).toMatch(/db_datareader,\s*db_datawriter/)
      }
      // Placed as on the canvas: no label covers another label or a node.
      const rect = (e: Element | null) => {
        const [x, y, width, height] = ['x', 'y', 'width', 'height'].map((a) =>
          Number(e?.getAttribute(a)),
        ) as [number, number, number, number]
        return { x, y, width, height }
      }
      const labels = [...doc.querySelectorAll('g.label > rect')].map(rect)
      const nodes = [...doc.querySelectorAll('svg.node')].map(rect)
      labels.forEach((a, i) => {
        for (const b of [...labels.slice(i + 1), ...nodes])
          expect(intersects(a, b), `${drawing} ${JSON.stringify([a, b])}`).toBe(false)
      })
    }
  })

  it('draws a label with no room for its roles as a number on its line, its roles in the key under the drawing', () => {
    const d = (templateById('scenario-2') as { design: Design }).design
    const { svg, height } = svgOf(d)
    const doc = parse(svg)
    // The short line from the storage identity to the storage account has no room for its role.
    const mark = doc.querySelector('g.label.key[data-segment="via:mi-storage>blob"]')
    expect(mark?.querySelector('text')?.textContent).toBe('1')
    expect(mark?.querySelector('title')?.textContent).toBe('Storage Blob Data Contributor')
    const entries = [...doc.querySelectorAll('text.key-entry')]
    expect(entries.map((e) => [e.getAttribute('data-segment'), e.textContent])).toEqual([
      [
        'via:mi-storage>blob',
        '1  mi-contoso-storage → contosoassets: Storage Blob Data Contributor',
      ],
      [
        'via:mi-data>cosmos',
        '2  mi-contoso-databases → contoso-cosmos: Cosmos DB Built-in Data Contributor',
      ],
    ])
    // Under every node, inside the picture.
    const bottom = Math.max(
      ...[...doc.querySelectorAll('svg.node')].map(
        (n) => Number(n.getAttribute('y')) + Number(n.getAttribute('height')),
      ),
    )
    const [, top] = (doc.documentElement.getAttribute('viewBox') ?? '').split(' ').map(Number)
    for (const e of entries) {
      expect(Number(e.getAttribute('y'))).toBeGreaterThan(bottom)
      expect(Number(e.getAttribute('y'))).toBeLessThan((top as number) + height)
    }
    // A view names in its key only the lines whose number it shows.
    const view = parse(svgOf(d, { view: { x: 300, y: 200, width: 700, height: 200 } }).svg)
    expect(
      [...view.querySelectorAll('text.key-entry')].map((e) => e.getAttribute('data-segment')),
    ).toEqual(['via:mi-data>cosmos'])
  })

  it('writes a line of many roles on rows, each role whole, and says each role’s scope where they differ', () => {
    const d = build()
      .app('web', { name: 'web', systemAssigned: true, position: { x: 0, y: 0 } })
      .service('st', 'storage', { name: 'st', position: { x: 1000, y: 0 } })
      .access(
        'web',
        'st',
        [
          'Storage Blob Data Contributor',
          'Storage Queue Data Contributor',
          'Storage Table Data Reader',
        ],
        { via: 'system' },
      )
      .build()
    const doc = parse(svgOf(d).svg)
    const rows = [...doc.querySelectorAll('g.label text > tspan')].map((t) => t.textContent)
    expect(rows).toEqual([
      'Storage Blob Data Contributor,',
      'Storage Queue Data Contributor,',
      'Storage Table Data Reader own identity',
    ])
    const rect = doc.querySelector('g.label rect')
    expect(Number(rect?.getAttribute('height'))).toBe(22 + 2 * 14)

    const mixed = build()
      .app('a', { position: { x: 0, y: 0 } })
      .app('b', { position: { x: 0, y: 300 } })
      .identity('mi', { position: { x: 400, y: 150 } })
      .service('st', 'storage', { position: { x: 1000, y: 150 } })
      .attach('a', 'mi')
      .attach('b', 'mi')
      .access('a', 'st', ['Storage Blob Data Reader'], { via: 'mi' })
      .access('b', 'st', ['Reader'], { via: 'mi', scope: 'resourceGroup' })
      .build()
    const label = parse(svgOf(mixed).svg).querySelector('g.label[data-segment="via:mi>st"]')
    // Each role says its own scope, where the canvas's label says "mixed".
    expect(label?.querySelector('text')?.textContent).toMatch(
      /^Storage Blob Data Reader,\s*Reader \(RG\)$/,
    )
    expect(label?.querySelector('title')?.textContent).toBe('Storage Blob Data Reader, Reader (RG)')
  })

  it('keeps hostile names as text, control characters replaced, in a file that parses', () => {
    const d = build()
      .named(HOSTILE)
      .app('web', { name: HOSTILE, systemAssigned: true, position: { x: 0, y: 0 } })
      .service('kv', 'keyVault', { name: '<kv & "co">', position: { x: 1000, y: 0 } })
      .access('web', 'kv', [HOSTILE], { via: 'system' })
      .build()
    const { svg } = svgOf(d)
    const doc = parse(svg)
    const clean = HOSTILE.replace('\u001b', '\uFFFD')
    // Too long for its card: cut with an ellipsis there, whole in the card's title.
    expect([...doc.querySelectorAll('text.name')].map((t) => t.textContent)).toEqual([
      `web "$(rm -rf ~)" '''…`,
      '<kv & "co">',
    ])
    expect([...doc.querySelectorAll('svg.node > title')].map((t) => t.textContent)).toEqual([
      clean,
      '<kv & "co">',
    ])
    expect(doc.querySelector('title')?.textContent).toBe(clean)
    expect(doc.querySelectorAll('script')).toHaveLength(0)
    expect(doc.querySelector('g.label text')?.textContent).toMatch(/^web "\$\(rm -rf ~\)" '''/)
  })

  it('cuts a name that does not fit its card where the measure says, and keeps one that fits', () => {
    const long = 'st'.padEnd(40, 'x')
    const d = build()
      .app('web', { name: 'web-api', position: { x: 0, y: 0 } })
      .service('st', 'storage', { name: long, position: { x: 400, y: 0 } })
      .build()
    // Every character 5 px at 11 px, so 5.9 px at a name's 13 px: the card's 194 px of room take
    // 31 characters and the ellipsis.
    const { svg } = svgOf(d, { measure: (text) => [...text].length * 5 })
    const names = [...parse(svg).querySelectorAll('text.name')].map((t) => t.textContent)
    expect(names).toEqual(['web-api', `${long.slice(0, 31)}…`])
  })

  it('exports only what a view shows, framed by it', () => {
    const d = build()
      .app('a', { position: { x: 0, y: 0 } })
      .app('b', { position: { x: 2000, y: 0 } })
      .build()
    const { svg, width, height } = svgOf(d, { view: { x: -50, y: -50, width: 400, height: 300 } })
    const doc = parse(svg)
    expect([...doc.querySelectorAll('text.name')].map((t) => t.textContent)).toEqual(['a'])
    expect([width, height]).toEqual([448, 348])
    expect(doc.documentElement.getAttribute('viewBox')).toBe('-74 -74 448 348')
  })

  it('draws each group as a box around its members, titled as text, behind the nodes', () => {
    const d = build()
      .app('web', { name: 'web', position: { x: 0, y: 0 }, extras: { group: HOSTILE } })
      .identity('mi', { name: 'mi', position: { x: 300, y: 200 }, extras: { group: HOSTILE } })
      .service('st', 'storage', {
        name: 'st',
        position: { x: 700, y: 0 },
        extras: { group: 'data' },
      })
      .service('kv', 'keyVault', { name: 'kv', position: { x: 700, y: 300 } })
      .build()
    const groups = groupsOf(d, 'tag')
    const doc = parse(svgOf(d, { groups }).svg)
    const boxes = [...doc.querySelectorAll('g.group')]
    expect(boxes.map((g) => g.querySelector('text.group-title')?.textContent)).toEqual([
      `${HOSTILE.replace('\u001b', '\uFFFD')} · 2 nodes`,
      'data · 1 node',
    ])
    const rect = (g: Element | undefined) =>
      ['x', 'y', 'width', 'height'].map((a) => Number(g?.querySelector('rect')?.getAttribute(a)))
    // Around web (0,0) and mi (300,200), padded, with the title band.
    expect(rect(boxes[0])).toEqual([-20, -50, 560, 350])
    // Behind everything: before the first line or node.
    const all = [...doc.documentElement.children]
    expect(all.indexOf(boxes[1] as Element)).toBeLessThan(
      all.findIndex((e) => e.classList.contains('node')),
    )
    expect(parse(svgOf(d).svg).querySelectorAll('g.group')).toHaveLength(0)
  })

  it('draws a collapsed group as one card, its lines to it once per other end with their count', () => {
    const d = build()
      .app('web', { name: 'web', position: { x: 0, y: 0 }, extras: { group: 'web' } })
      .identity('mi', { name: 'mi', position: { x: 300, y: 0 }, extras: { group: 'web' } })
      .service('st', 'storage', {
        name: 'st',
        position: { x: 700, y: 0 },
        extras: { group: HOSTILE },
      })
      .service('kv', 'keyVault', {
        name: 'kv',
        position: { x: 700, y: 200 },
        extras: { group: HOSTILE },
      })
      .attach('web', 'mi', 'a1')
      .access('web', 'st', ['Storage Blob Data Reader'], { id: 'e1', via: 'mi' })
      .access('web', 'kv', ['Key Vault Secrets User'], { id: 'e2', via: 'mi' })
      .build()
    const doc = parse(
      svgOf(d, { groups: groupsOf(d, 'tag'), collapsed: new Set([`tag:${HOSTILE}`]) }).svg,
    )
    expect([...doc.querySelectorAll('text.name')].map((t) => t.textContent)).toEqual(['web', 'mi'])
    expect(doc.querySelector('g.group-card text')?.textContent).toBe(
      `${HOSTILE.replace('\u001b', '\uFFFD')} · 2 nodes`,
    )
    expect(
      [...doc.querySelectorAll('path.edge')].map(
        (p) => p.getAttribute('data-segment') ?? p.getAttribute('data-link'),
      ),
    ).toEqual([
      // An attribute's newline reads as a space (XML attribute-value normalisation).
      `group-link:mi>group-card:tag:${HOSTILE.replace('\u001b', '\uFFFD').replace('\n', ' ')}`,
      'a1',
    ])
    expect(doc.querySelector('text.link-count')?.textContent).toBe('2 connections')
    expect(doc.querySelectorAll('g.label')).toHaveLength(0)
  })
})
