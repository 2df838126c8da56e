import { describe, expect, it } from 'vitest'
import { BOX_PADDING, BOX_TITLE } from '@/layout/groups.ts'
import type { Viewport } from '@/store/types.ts'
import { FOCUS_MIN_ZOOM, fitViewport, NODE_SIZE } from '@/ui/canvas/fit.ts'
import { design } from '../../support/builder.ts'

const grouped = design()
  .app('web', { position: { x: 0, y: 0 }, extras: { group: 'apps' } })
  .service('st', 'storage', { position: { x: 600, y: 300 }, extras: { group: 'data' } })
  .build()

/** Where a flow point lands on screen under a viewport. */
const screen = (v: Viewport, x: number, y: number) => ({ x: x * v.zoom + v.x, y: y * v.zoom + v.y })

describe('fitViewport', () => {
  it('frames group boxes, title band included, when the canvas draws groups', () => {
    const plain = fitViewport(grouped, new Map(), 1000, 700)
    const boxed = fitViewport(grouped, new Map(), 1000, 700, undefined, { grouping: 'tag' })
    // The top of the highest box's title band, and the far corner of the lowest box.
    const top = screen(boxed, -BOX_PADDING, -BOX_PADDING - BOX_TITLE)
    const end = screen(
      boxed,
      600 + NODE_SIZE.width + BOX_PADDING,
      300 + NODE_SIZE.height + BOX_PADDING,
    )
    expect(top.y).toBeGreaterThanOrEqual(46 - 0.5)
    expect(top.x).toBeGreaterThanOrEqual(0)
    expect(end.x).toBeLessThanOrEqual(1000)
    expect(end.y).toBeLessThanOrEqual(700)
    // Without groups drawn, the boxes' room is not taken: the design is shown larger.
    expect(plain.zoom).toBeGreaterThan(boxed.zoom)
    expect(fitViewport(grouped, new Map(), 1000, 700, undefined, { grouping: 'none' })).toEqual(
      plain,
    )
  })

  it('starts a design too large for the pane even at the smallest zoom at its top left, not cut on both sides', () => {
    // A row of 60 apps, 300 px apart: 17,920 px wide, 1,800 px at zoom 0.1, in a 700 px pane.
    const wide = design()
    for (let i = 0; i < 60; i++) wide.app(`a${i}`, { position: { x: i * 300, y: 0 } })
    const v = fitViewport(wide.build(), new Map(), 700, 500)
    expect(v.zoom).toBe(0.1)
    expect(screen(v, 0, 0).x).toBe(56)
    // Its height fits: centred in the pane that way, as before (React Flow's fit).
    expect(screen(v, 0, NODE_SIZE.height / 2).y).toBeCloseTo(250, 5)
  })

  it('keeps the design below the view bar when the bar wraps to two rows', () => {
    // A wide pane: the design's height decides the zoom, its top sits at the top padding.
    const low = fitViewport(grouped, new Map(), 2000, 500, undefined, { bar: 90 })
    expect(screen(low, 0, 0).y).toBeGreaterThanOrEqual(90)
    const high = fitViewport(grouped, new Map(), 2000, 500, undefined, { bar: 30 })
    expect(screen(high, 0, 0).y).toBeLessThan(60)
  })

  describe('framing a focus', () => {
    // A service whose apps are far apart in a large layout, and one whose apps are close by.
    const estate = design()
      .service('hub', 'keyVault', { position: { x: 3000, y: 2000 } })
      .app('near', { position: { x: 2600, y: 2000 } })
      .app('far-left', { position: { x: 0, y: 0 } })
      .app('far-down', { position: { x: 2600, y: 6000 } })
      .service('quiet', 'storage', { position: { x: 8000, y: 0 } })
      .app('next-door', { position: { x: 7600, y: 100 } })
      .build()
    const spread = new Set(['hub', 'near', 'far-left', 'far-down'])

    it('keeps names readable, centred on the focused node, when its neighbourhood is spread out', () => {
      // Framed whole, the neighbourhood would be drawn where no name can be read.
      expect(fitViewport(estate, new Map(), 1000, 700, spread).zoom).toBeLessThan(0.2)
      const v = fitViewport(estate, new Map(), 1000, 700, spread, { around: 'hub', bar: 40 })
      expect(v.zoom).toBe(FOCUS_MIN_ZOOM)
      // The node's centre at the centre of the room left by the bar, the controls and the edges.
      const centre = screen(v, 3000 + NODE_SIZE.width / 2, 2000 + NODE_SIZE.height / 2)
      expect(centre.x).toBeCloseTo(56 + (1000 - 56 - 30) / 2, 5)
      expect(centre.y).toBeCloseTo(52 + (700 - 52 - 30) / 2, 5)
    })

    it('frames a neighbourhood that can be read whole as any fit does', () => {
      const close = new Set(['quiet', 'next-door'])
      const v = fitViewport(estate, new Map(), 1000, 700, close, { around: 'quiet' })
      expect(v.zoom).toBeGreaterThan(FOCUS_MIN_ZOOM)
      expect(v).toEqual(fitViewport(estate, new Map(), 1000, 700, close))
    })
  })
})
