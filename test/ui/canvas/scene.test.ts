import { describe, expect, it } from 'vitest'
import { DesignIndex } from '@/analysis/design-index.ts'
import type { Design } from '@/model/types.ts'
import { inPoint, outPoint, pointAt } from '@/ui/canvas/drawing/geometry.ts'
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
    })
    const spot = labels.get(line.id)?.spot
    const mid = pointAt(c, 0.5)
    // On its line, near the middle (the placer tries the middle first and finds room there).
    expect(spot && Math.hypot(spot.x - mid.x, spot.y - mid.y)).toBeLessThan(40)
  })
})
