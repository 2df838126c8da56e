import { describe, expect, it } from 'vitest'
import { NODE_HEIGHT, NODE_WIDTH } from '@/layout/node-size.ts'
import { intersects, type Rect } from '@/ui/canvas/drawing/geometry.ts'
import { spotInView, type SpotRequest } from '@/ui/canvas/spot-in-view.ts'
import { design } from '../../support/builder.ts'
import { testStore } from '../../store/helpers.ts'

const SIZE = { width: NODE_WIDTH, height: NODE_HEIGHT }
/** An 800 × 400 view with nothing over it; the node meant for its middle. */
const VIEW: Rect = { x: 0, y: 0, width: 800, height: 400 }
const MIDDLE = { x: 400 - NODE_WIDTH / 2, y: 200 - NODE_HEIGHT / 2 }
/** The view bar across the top, the zoom controls bottom left, the minimap bottom right. */
const BAR: Rect = { x: 10, y: 8, width: 780, height: 60 }
const CONTROLS: Rect = { x: 15, y: 290, width: 26, height: 80 }
const MINIMAP: Rect = { x: 635, y: 285, width: 150, height: 100 }

const request = (over: Partial<SpotRequest> = {}): SpotRequest => ({
  view: VIEW,
  overlays: [],
  nodes: [],
  size: SIZE,
  near: MIDDLE,
  gap: 20,
  inset: 16,
  grid: 20,
  ...over,
})
const node = (x: number, y: number): Rect => ({ x, y, ...SIZE })

describe('spotInView: where a node added to the view goes', () => {
  it('the middle of an empty view, on the grid', () => {
    expect(spotInView(request())).toEqual({ x: 280, y: 160 })
  })

  it('beside a node in the middle, one node height and the gap away, the higher first', () => {
    expect(spotInView(request({ nodes: [node(280, 160)] }))).toEqual({ x: 280, y: 60 })
  })

  it('never under the view bar: below the node in the middle instead of above it', () => {
    expect(spotInView(request({ nodes: [node(280, 160)], overlays: [BAR] }))).toEqual({
      x: 280,
      y: 260,
    })
  })

  it('a drop on the view bar lands just below it, where it was dropped across', () => {
    const dropped = { x: 100 - NODE_WIDTH / 2, y: 20 - NODE_HEIGHT / 2 }
    // The bar ends at 68, and 16 more: the first row of the grid from 84 is 100.
    expect(spotInView(request({ near: dropped, overlays: [BAR] }))).toEqual({ x: 20, y: 100 })
  })

  it('clear of the zoom controls and the minimap: a drop beside them lands beside them', () => {
    const overlays = [BAR, CONTROLS, MINIMAP]
    // Dropped on the zoom controls: right of them (they end at 41, and 16 more).
    const controls = spotInView(request({ near: { x: 0, y: 300 }, overlays }))
    expect(controls).toEqual({ x: 60, y: 300 })
    // Dropped on the minimap: above it (it starts at 285, 16 less, less a node's height).
    const minimap = spotInView(request({ near: { x: 600, y: 300 }, overlays }))
    expect(minimap).toEqual({ x: 560, y: 180 })
    for (const spot of [controls, minimap])
      for (const o of overlays) expect(intersects({ ...spot!, ...SIZE }, o)).toBe(false)
  })

  it('the nearest free spot, not the first in reading order', () => {
    // Reading order would give the top left corner, (20, 20).
    const taken = [node(280, 160), node(280, 60)]
    expect(spotInView(request({ nodes: taken }))).toEqual({ x: 280, y: 260 })
  })

  it('none when the view is full or too small for a node', () => {
    const full = [0, 240, 480, 720].flatMap((x) => [0, 100, 200, 300].map((y) => node(x, y)))
    expect(spotInView(request({ nodes: full }))).toBeUndefined()
    expect(spotInView(request({ view: { x: 0, y: 0, width: 240, height: 400 } }))).toBeUndefined()
    expect(spotInView(request({ overlays: [{ x: 0, y: 0, width: 800, height: 300 }] }))).toEqual(
      undefined,
    )
  })

  it('in the view wherever it is, zoomed in or far out (a coarser grid there)', () => {
    const near = { x: -1000, y: 5000 }
    expect(
      spotInView(request({ view: { x: -1250, y: 4800, width: 600, height: 400 }, near })),
    ).toEqual({ x: -1000, y: 5000 })
    // Zoomed out to a tenth: 10,000 × 6,000 flow units, thousands of nodes.
    const far: Rect = { x: 0, y: 0, width: 10_000, height: 6_000 }
    const many = Array.from({ length: 3000 }, (_, i) =>
      node((i % 40) * 240, Math.floor(i / 40) * 100),
    )
    const started = performance.now()
    const spot = spotInView(
      request({ view: far, nodes: many, near: { x: 4890, y: 2960 }, inset: 160 }),
    )
    expect(performance.now() - started).toBeLessThan(200)
    // Right of them all; searched on a 60-unit grid, still on the canvas's 20-unit one.
    expect(spot).toEqual({ x: 9600, y: 2940 })
  })

  it('a spot the store keeps as it is: the store finds it free too', () => {
    const d = design()
      .app('a', { position: { x: 280, y: 160 } })
      .service('b', 'storage', { position: { x: 520, y: 60 } })
      .build()
    const spot = spotInView(
      request({ nodes: d.nodes.map((n) => node(n.position!.x, n.position!.y)) }),
    )
    const t = testStore(d)
    const id = t.store.getState().addNode({ kind: 'app', hosting: 'appService' }, spot!)
    expect(t.store.getState().design.nodes.find((n) => n.id === id)?.position).toEqual(spot)
  })
})
