import ELK from 'elkjs/lib/elk.bundled.js'
import { describe, expect, it } from 'vitest'
import { generateDesign } from '../../bench/generate.ts'
import { ModelIndex } from '@/model/queries.ts'
import type { Design, Position } from '@/model/types.ts'
import { templateById } from '@/templates/index.ts'
import { intersects, nodeRect } from '@/ui/canvas/drawing/geometry.ts'
import { arrange } from '@/layout/arrange.ts'
import { ELK_PART_EDGES_UP_TO, ELK_UP_TO, layOut, type ElkEngine } from '@/layout/lay-out.ts'
import { layoutParts } from '@/layout/parts.ts'
import { barycentreHeights } from '@/layout/barycentre.ts'
import { design } from '../support/builder.ts'

const scenario2 = (templateById('scenario-2') as { design: Design }).design

/** An engine that answers without ordering anything: arrange then keeps design order. */
const noElk: ElkEngine = { layout: (graph) => Promise.resolve(graph) }

function overlaps(positions: ReadonlyMap<string, Position>): string[] {
  const list = [...positions]
  const out: string[] = []
  for (let i = 0; i < list.length; i++)
    for (let j = i + 1; j < list.length; j++) {
      const [a, p] = list[i] as [string, Position]
      const [b, q] = list[j] as [string, Position]
      if (intersects(nodeRect(p), nodeRect(q))) out.push(`${a}/${b}`)
    }
  return out
}

function bounds(positions: ReadonlyMap<string, Position>) {
  const xs = [...positions.values()].map((p) => p.x)
  const ys = [...positions.values()].map((p) => p.y)
  return {
    width: Math.max(...xs) + 220 - Math.min(...xs),
    height: Math.max(...ys) + 80 - Math.min(...ys),
  }
}

describe('layoutParts', () => {
  it('cuts a design into connected parts as drawn: bundled access runs from the identity', () => {
    const d = design()
      .app('a')
      .identity('mi')
      .service('st', 'storage')
      .app('b', { systemAssigned: true })
      .service('kv', 'keyVault')
      .developer('lonely')
      .attach('a', 'mi')
      .access('a', 'st', ['Storage Blob Data Reader'], { via: 'mi' })
      .access('b', 'kv', ['Key Vault Secrets User'], { via: 'system' })
      .build()
    const { parts, loose } = layoutParts(d, new ModelIndex(d), 'bundled')
    expect(parts.map((p) => [p.nodes.map((n) => `${n.id}@${n.layer}`), p.edges])).toEqual([
      [
        ['a@0', 'mi@1', 'st@2'],
        [
          ['a', 'mi'],
          ['mi', 'st'],
        ],
      ],
      [['b@0', 'kv@2'], [['b', 'kv']]],
    ])
    expect(loose.map((n) => n.id)).toEqual(['lonely'])
    const direct = layoutParts(d, new ModelIndex(d), 'direct').parts[0]
    expect(direct?.edges).toEqual([
      ['a', 'mi'],
      ['a', 'st'],
    ])
  })
})

describe('Auto layout', () => {
  it('lays scenario 2 out in layers, apps → identities → services, with ELK, nothing overlapping', async () => {
    const positions = await layOut(scenario2, 'bundled', new ELK())
    expect(positions.size).toBe(scenario2.nodes.length)
    expect(overlaps(positions)).toEqual([])
    const x = (id: string) => positions.get(id)?.x ?? NaN
    for (const app of ['web1', 'web2', 'func', 'devs'])
      for (const identity of ['mi-storage', 'mi-data']) expect(x(app)).toBeLessThan(x(identity))
    for (const identity of ['mi-storage', 'mi-data'])
      for (const service of ['blob', 'cosmos', 'db']) expect(x(identity)).toBeLessThan(x(service))
    // Room for the access labels between identities and services.
    expect(x('blob') - x('mi-storage') - 220).toBeGreaterThanOrEqual(260)
  })

  it('wraps a layer too long for its part into staggered columns', async () => {
    let b = design().identity('mi').service('st', 'storage')
    for (let i = 0; i < 60; i++)
      b = b
        .app(`a${i}`)
        .attach(`a${i}`, 'mi')
        .access(`a${i}`, 'st', ['Storage Blob Data Reader'], { via: 'mi' })
    const positions = await layOut(b.build(), 'bundled', noElk)
    expect(overlaps(positions)).toEqual([])
    const appColumns = new Set(
      [...positions].filter(([id]) => id.startsWith('a')).map(([, p]) => p.x),
    )
    // A part of 62 nodes holds 12 rows (√(2·62) rounded up): 60 apps take 5 columns.
    expect(appColumns.size).toBe(5)
    const { width, height } = bounds(positions)
    expect(width / height).toBeGreaterThan(0.5)
  })

  it('sets the connected systems of a 300-node design side by side in about 16:10', async () => {
    const d = generateDesign(140)
    const positions = await layOut(d, 'bundled', noElk)
    expect(positions.size).toBe(d.nodes.length)
    expect(overlaps(positions)).toEqual([])
    const { width, height } = bounds(positions)
    expect(width / height).toBeGreaterThan(1.2)
    expect(width / height).toBeLessThan(2.2)
  })

  it('puts nodes with no line in a grid after the parts', () => {
    const positions = arrange(
      [],
      [
        { id: 'x', layer: 0 },
        { id: 'y', layer: 2 },
        { id: 'z', layer: 1 },
      ],
    )
    expect(overlaps(positions)).toEqual([])
    expect([...positions.keys()]).toEqual(['x', 'z', 'y'])
  })
})

describe('large designs', () => {
  it('orders layers by barycentres: each identity level with the app that uses it', () => {
    const heights = barycentreHeights({
      nodes: [
        { id: 'a0', layer: 0 },
        { id: 'a1', layer: 0 },
        { id: 'm1', layer: 1 },
        { id: 'm0', layer: 1 },
        { id: 's1', layer: 2 },
        { id: 's0', layer: 2 },
      ],
      edges: [
        ['a0', 'm0'],
        ['a1', 'm1'],
        ['m0', 's0'],
        ['m1', 's1'],
      ],
    })
    expect(Object.fromEntries(heights)).toEqual({ a0: 0, a1: 110, m0: 0, m1: 110, s0: 0, s1: 110 })
  })

  it('orders a dense part by barycentres, not ELK: 60 apps each using 10 shared identities', async () => {
    // An imported group looks like this: ELK took 16 s on 280 nodes and 1,900 lines in one part.
    const apps = Array.from({ length: 60 }, (_, i) => `a${i}`)
    const identities = Array.from({ length: 10 }, (_, i) => `m${i}`)
    const d: Design = {
      name: 'dense',
      nodes: [
        ...apps.map((id) => ({
          id,
          kind: 'app' as const,
          name: id,
          hosting: 'appService' as const,
        })),
        ...identities.map((id) => ({ id, kind: 'identity' as const, name: id })),
        { id: 's', kind: 'service', name: 's', service: 'storage' },
      ],
      edges: [
        ...apps.flatMap((a) =>
          identities.map((m) => ({
            id: `${a}-${m}`,
            kind: 'attach' as const,
            source: a,
            target: m,
          })),
        ),
        {
          id: 'a0-s',
          kind: 'access',
          source: 'a0',
          target: 's',
          via: 'm0',
          roles: ['Storage Blob Data Reader'],
        },
      ],
    }
    expect(layoutParts(d, new ModelIndex(d), 'bundled').parts[0]?.edges.length).toBeGreaterThan(
      ELK_PART_EDGES_UP_TO,
    )
    const noCall: ElkEngine = { layout: () => Promise.reject(new Error('ELK was asked')) }
    const positions = await layOut(d, 'bundled', noCall)
    expect(positions.size).toBe(d.nodes.length)
    expect(overlaps(positions)).toEqual([])
  })

  it('lays out 10,000 nodes without ELK, nothing overlapping, in about 16:10', async () => {
    const d = generateDesign(4700)
    expect(d.nodes.length).toBeGreaterThan(ELK_UP_TO)
    const noCall: ElkEngine = { layout: () => Promise.reject(new Error('ELK was asked')) }
    const positions = await layOut(d, 'bundled', noCall)
    expect(positions.size).toBe(d.nodes.length)
    // Sorted by x, only neighbours within a node's width can overlap: no quadratic check.
    const list = [...positions].sort((p, q) => p[1].x - q[1].x)
    const clashes: string[] = []
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const [a, p] = list[i] as [string, Position]
        const [b, q] = list[j] as [string, Position]
        if (q.x - p.x >= 220) break
        if (intersects(nodeRect(p), nodeRect(q))) clashes.push(`${a}/${b}`)
      }
    expect(clashes).toEqual([])
    const { width, height } = bounds(positions)
    expect(width / height).toBeGreaterThan(1.2)
    expect(width / height).toBeLessThan(2.2)
  })
})
