import { describe, expect, it } from 'vitest'
import { analyze } from '@/store/derived.ts'
import type { Design } from '@/model/types.ts'
import { templateById } from '@/templates/index.ts'
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
    expect(sql?.textContent).toBe('db_datareader +1')
    expect(doc.querySelectorAll('foreignObject')).toHaveLength(0)
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
