import { describe, expect, it } from 'vitest'
import { DesignIndex } from '@/analysis/design-index.ts'
import type { Design } from '@/model/types.ts'
import {
  centredRect,
  inPoint,
  intersects,
  nodeRect,
  NODE_HEIGHT,
  NODE_WIDTH,
  outPoint,
  pointAt,
} from '@/ui/canvas/drawing/geometry.ts'
import { compactSize, fullSize } from '@/ui/canvas/drawing/label-text.ts'
import { placeSceneLabels, sceneOf } from '@/ui/canvas/drawing/scene.ts'
import { design } from '../../support/builder.ts'

const before: Design = design()
  .app('web', { systemAssigned: true, position: { x: 0, y: 0 } })
  .service('st', 'storage', { position: { x: 400, y: 0 } })
  .access('web', 'st', ['Storage Blob Data Reader'], { id: 'e1' })
  .build()

/** The same design with the storage account moved far down: only positions differ. */
const after: Design = {
  ...before,
  nodes: before.nodes.map((n) => (n.id === 'st' ? { ...n, position: { x: 400, y: 900 } } : n)),
}

describe('sceneOf', () => {
  // The designer keeps one index across versions that differ only in positions (store/derived.ts
  // memoOnSemantics): the scene must still draw the version it is handed.
  it('places nodes, lines and labels where this version has them, given an index of an earlier one', () => {
    const index = new DesignIndex(before)
    const scene = sceneOf({ design: after, index, drawing: 'bundled', fallback: new Map() })
    expect(scene.positionOf('st')).toEqual({ x: 400, y: 900 })
    const [line] = scene.drawing.segments
    if (!line) throw new Error('no line')
    const c = scene.curveOf(line)
    expect(c.to).toEqual(inPoint({ x: 400, y: 900 }))
    expect(c.from).toEqual(outPoint({ x: 0, y: 0 }))
    const labels = placeSceneLabels({
      scene,
      index,
      nodes: after.nodes.map((n) => n.id),
      problems: () => 0,
      measure: (text) => text.length * 7,
      scale: 1,
      compactOnly: false,
      pins: true,
    })
    const spot = labels.get(line.id)?.spot
    const mid = pointAt(c, 0.5)
    // On its line, near the middle (the placer tries the middle first and finds room there).
    expect(spot && Math.hypot(spot.x - mid.x, spot.y - mid.y)).toBeLessThan(40)
  })

  it('leaves out the labels of lines into a collapsed group and keeps the other labels off its card', () => {
    const d = design()
      .app('web', { systemAssigned: true, position: { x: 0, y: 0 } })
      .service('st', 'storage', { position: { x: 1000, y: 0 } })
      .service('kv', 'keyVault', { position: { x: 1000, y: 400 } })
      .access('web', 'st', ['Storage Blob Data Reader'], { id: 'e1' })
      .access('web', 'kv', ['Key Vault Secrets User'], { id: 'e2' })
      .build()
    const index = new DesignIndex(d)
    const scene = sceneOf({ design: d, index, drawing: 'bundled', fallback: new Map() })
    const toSt = scene.drawing.segments.find((s) => s.target === 'st')
    const toKv = scene.drawing.segments.find((s) => s.target === 'kv')
    if (!toSt || !toKv) throw new Error('lines missing')
    const input = {
      scene,
      index,
      nodes: d.nodes.map((n) => n.id),
      problems: () => 0,
      measure: (text: string) => text.length * 7,
      scale: 1,
      compactOnly: false,
      pins: true,
    }
    // Open, the label sits at the middle of its line; a card put right there pushes it away.
    const mid = pointAt(scene.curveOf(toSt), 0.5)
    const card = nodeRect({ x: mid.x - NODE_WIDTH / 2, y: mid.y - NODE_HEIGHT / 2 })
    const open = placeSceneLabels(input)
    expect([...open.keys()].sort()).toEqual([toKv.id, toSt.id].sort())
    const spot = (labels: typeof open) => labels.get(toSt.id)?.spot ?? { x: NaN, y: NaN }
    expect(intersects(card, nodeRect({ x: spot(open).x - 1, y: spot(open).y - 1 }))).toBe(true)
    const shut = placeSceneLabels({
      ...input,
      collapsed: { hidden: new Set(['kv']), cards: [card] },
    })
    expect([...shut.keys()]).toEqual([toSt.id])
    const placed = shut.get(toSt.id)
    if (!placed) throw new Error('no label')
    const size = (placed.spot.compact ? compactSize : fullSize)(placed.text, input.measure)
    expect(placed.spot.crowded).toBe(false)
    expect(intersects(card, centredRect(placed.spot, size))).toBe(false)
  })
})
