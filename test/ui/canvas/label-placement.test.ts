import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { generateDesign } from '../../../bench/generate.ts'
import { DesignIndex } from '@/analysis/design-index.ts'
import {
  centredRect,
  curve,
  intersects,
  nodeRect,
  type Rect,
} from '@/ui/canvas/drawing/geometry.ts'
import { placeLabels, type LabelAsk } from '@/ui/canvas/drawing/label-placement.ts'
import {
  compactSize,
  countText,
  fullSize,
  labelText,
  moreText,
  roughMeasure,
} from '@/ui/canvas/drawing/label-text.ts'
import { placeSceneLabels, sceneOf } from '@/ui/canvas/drawing/scene.ts'
import type { AccessSegment } from '@/ui/canvas/drawing/segments.ts'
import { fallbackPositions } from '@/ui/canvas/flow-elements.ts'

const line = (x0: number, y0: number, x1: number, y1: number) =>
  curve({ x: x0, y: y0 }, { x: x1, y: y1 })

const ask = (id: string, c: LabelAsk['curve'], w = 120): LabelAsk => ({
  id,
  curve: c,
  full: { width: w, height: 22 },
  compact: { width: 50, height: 22 },
  pin: { width: 12, height: 12 },
})

function boxes(asks: readonly LabelAsk[], spots: ReturnType<typeof placeLabels>): Rect[] {
  return asks.map((a) => {
    const s = spots.get(a.id)
    if (!s) throw new Error(`no spot for ${a.id}`)
    return centredRect(s, s.crowded ? a.pin : s.compact || !a.full ? a.compact : a.full)
  })
}

describe('placeLabels', () => {
  it('puts a label in the middle of its line when there is room', () => {
    const spots = placeLabels([], [ask('a', line(0, 0, 400, 0))])
    expect(spots.get('a')).toEqual({ x: 200, y: 0, compact: false, crowded: false })
  })

  it('moves a label along its line off a node that sits on the middle', () => {
    const node = nodeRect({ x: 150, y: -40 })
    const [spot] = [...placeLabels([node], [ask('a', line(0, 0, 800, 0))]).values()]
    expect(spot?.compact).toBe(false)
    expect(
      intersects(centredRect(spot as { x: number; y: number }, { width: 120, height: 22 }), node),
    ).toBe(false)
  })

  it('keeps labels of lines that cross clear of each other and of every node', () => {
    const nodes = [nodeRect({ x: -240, y: -40 }), nodeRect({ x: 420, y: 160 })]
    const asks = [
      ask('a', line(0, 0, 400, 200)),
      ask('b', line(0, 200, 400, 0)),
      ask('c', line(0, 100, 400, 100)),
    ]
    const placed = boxes(asks, placeLabels(nodes, asks))
    for (const [i, a] of placed.entries()) {
      for (const n of nodes) expect(intersects(a, n)).toBe(false)
      for (const b of placed.slice(i + 1)) expect(intersects(a, b)).toBe(false)
    }
  })

  it('falls back to the compact label, never dropping one', () => {
    const short = line(0, 0, 130, 0)
    const asks = [ask('a', short, 125), ask('b', short, 125), ask('c', short, 125)]
    const spots = placeLabels([], asks)
    expect([...spots.keys()].sort()).toEqual(['a', 'b', 'c'])
    expect(spots.get('a')).toMatchObject({ compact: false, crowded: false })
    expect([...spots.values()].filter((s) => s.compact).length).toBe(2)
  })

  it('shrinks a label with no room for its compact form to a pin at a free spot', () => {
    // Two cards 60 px apart, the line between them: no room for a 70 px compact label (a compact
    // label there covered both cards' names), room for three pins side by side.
    const nodes = [nodeRect({ x: -240, y: -40 }), nodeRect({ x: 40, y: -40 })]
    const gap = line(-20, 0, 40, 0)
    const asks = ['a', 'b', 'c'].map((id) => ({
      ...ask(id, gap),
      compact: { width: 70, height: 22 },
    }))
    const spots = placeLabels(nodes, asks)
    expect([...spots.values()].map((s) => [s.compact, s.crowded])).toEqual([
      [true, true],
      [true, true],
      [true, true],
    ])
    const placed = boxes(asks, spots)
    for (const [i, box] of placed.entries()) {
      for (const node of nodes) expect(intersects(box, node)).toBe(false)
      for (const other of placed.slice(i + 1)) expect(intersects(box, other)).toBe(false)
    }
  })

  it('puts a pin where it covers least when not even a pin has a free spot', () => {
    const nodes = [nodeRect({ x: -240, y: -40 }), nodeRect({ x: -10, y: -40 })]
    const spots = placeLabels(nodes, [ask('a', line(-20, 0, -10, 0))])
    expect(spots.get('a')).toMatchObject({ compact: true, crowded: true })
  })

  it('places only compact labels when asked for no full one (zoomed out)', () => {
    const spots = placeLabels([], [{ ...ask('a', line(0, 0, 400, 0)), full: undefined }])
    expect(spots.get('a')).toEqual({ x: 200, y: 0, compact: true, crowded: false })
  })

  it('keeps a label on its line when a node far away shares its grid bucket', () => {
    // Grid squares 2^15 apart share a key: square (2^15 + 1, 0) is square (1, 0)'s.
    const far = nodeRect({ x: (2 ** 15 + 1) * 256, y: 0 })
    const spots = placeLabels([far], [ask('a', line(200, 0, 600, 0))])
    expect(spots.get('a')).toEqual({ x: 400, y: 0, compact: false, crowded: false })
  })

  // Where each of a crowded design's 1,177 labels goes, in full, compact and as a pin, pinned by
  // digest: the placement made with a grid of string keys and a rectangle per probe (before
  // 2026-12) put every label exactly here; a faster grid may not move one.
  it.each([
    [1, false, { full: 885, compact: 256, crowded: 36 }, '55b63dfb4c5603dc'],
    [2, true, { full: 0, compact: 881, crowded: 296 }, 'ed61d958fd9b45a0'],
  ])(
    'places a 300-app design’s labels at scale %d where it always did',
    (scale, compactOnly, kinds, digest) => {
      const d = generateDesign(300)
      const index = new DesignIndex(d)
      const scene = sceneOf({
        design: d,
        index,
        drawing: 'bundled',
        fallback: fallbackPositions(d),
      })
      const labels = placeSceneLabels({
        scene,
        index,
        nodes: d.nodes.map((n) => n.id),
        problems: (s) => s.members.length % 3,
        measure: roughMeasure,
        scale,
        compactOnly,
        pins: true,
      })
      const spots = [...labels].map(
        ([id, { spot }]) => [id, spot.x, spot.y, spot.compact, spot.crowded] as const,
      )
      const counted = { full: 0, compact: 0, crowded: 0 }
      for (const [, , , compact, crowded] of spots)
        counted[crowded ? 'crowded' : compact ? 'compact' : 'full']++
      expect(counted).toEqual(kinds)
      expect(createHash('sha256').update(JSON.stringify(spots)).digest('hex').slice(0, 16)).toBe(
        digest,
      )
    },
  )

  it('places the same labels the same way whatever order they come in', () => {
    const asks = [
      ask('a', line(0, 0, 300, 0)),
      ask('b', line(0, 10, 300, 10)),
      ask('c', line(0, 20, 300, 20)),
    ]
    expect(placeLabels([], asks)).toEqual(placeLabels([], [...asks].reverse()))
  })
})

describe('label text', () => {
  const segment = (
    roles: [string, 'resource' | 'resourceGroup'][],
    way: AccessSegment['way'],
  ): AccessSegment => ({
    kind: 'access',
    id: 'x',
    source: 'a',
    target: 's',
    way,
    members: [
      {
        id: 'e',
        kind: 'access',
        source: 'a',
        target: 's',
        roles: roles.map((r) => r[0]),
        via: 'mi',
      },
    ],
    roles: roles.map(([role, scope]) => ({ role, scope })),
  })

  it('always says how many roles, in full and compact form', () => {
    const text = labelText(
      segment(
        [
          ['db_datareader', 'resource'],
          ['db_datawriter', 'resource'],
          ['db_ddladmin', 'resource'],
        ],
        'identity',
      ),
      () => 'mi',
      '',
      0,
    )
    expect([text.role, moreText(text), countText(text)]).toEqual(['db_datareader', '+2', '3 roles'])
    expect(compactSize(text, roughMeasure).width).toBeLessThan(fullSize(text, roughMeasure).width)
  })

  it('names the identity of a line drawn directly, marks its own identity and a broader scope', () => {
    const through = labelText(
      segment([['Reader', 'resourceGroup']], 'through'),
      () => 'mi-shared',
      '',
      1,
    )
    expect(through).toEqual({
      role: 'Reader',
      roleCount: 1,
      scope: 'RG',
      note: { text: 'via mi-shared', tone: 'via' },
      problems: 1,
    })
    expect(labelText(segment([['Reader', 'resource']], 'own'), () => '', '', 0).note).toEqual({
      text: 'own identity',
      tone: 'own',
    })
  })
})
