import { describe, expect, it } from 'vitest'
import {
  nearestToward,
  readingFirst,
  tabStop,
  type CanvasItem,
  type FlowView,
} from '@/ui/canvas/focus-order.ts'
import { NODE_HEIGHT, NODE_WIDTH } from '@/ui/canvas/flow-elements.ts'

interface Spec {
  readonly x: number
  readonly y: number
  readonly selected?: boolean
  readonly focusable?: boolean
}

/** React Flow's store as the tab stop reads it: measured nodes, lines, a view of 1000×600 at (0, 0). */
function view(
  nodes: Record<string, Spec>,
  lines: Record<string, { source: string; target: string; selected?: boolean }> = {},
  transform: [number, number, number] = [0, 0, 1],
): FlowView {
  return {
    nodeLookup: new Map(
      Object.entries(nodes).map(([id, n]) => [
        id,
        {
          id,
          ...(n.selected ? { selected: true } : {}),
          ...(n.focusable === false ? { focusable: false } : {}),
          measured: { width: NODE_WIDTH, height: NODE_HEIGHT },
          internals: { positionAbsolute: { x: n.x, y: n.y }, handleBounds: {} },
        },
      ]),
    ),
    edgeLookup: new Map(Object.entries(lines).map(([id, e]) => [id, { id, ...e }])),
    transform,
    width: 1000,
    height: 600,
  }
}

const node = (id: string): CanvasItem => ({ kind: 'node', id })
const line = (id: string): CanvasItem => ({ kind: 'line', id })
const at = (x: number, y: number) => ({ position: { x, y } })

describe('readingFirst', () => {
  it('takes the top row, its leftmost: a node a little lower on the left comes first', () => {
    const first = readingFirst([
      { id: 'right', ...at(600, 0) },
      { id: 'left', ...at(0, 20) },
      { id: 'below', ...at(-300, NODE_HEIGHT) },
    ])
    expect(first?.id).toBe('left')
  })
})

describe('tabStop', () => {
  const layered = {
    app: { x: 0, y: 100 },
    top: { x: 340, y: 0 },
    service: { x: 680, y: 40 },
  }

  it('is the first node in reading order when nothing is selected and the keyboard has not been here', () => {
    expect(tabStop(view(layered), null)).toEqual(node('top'))
  })

  it('is the selected node, else a selected line', () => {
    expect(tabStop(view({ ...layered, app: { x: 0, y: 100, selected: true } }), null)).toEqual(
      node('app'),
    )
    const lines = { l1: { source: 'app', target: 'service', selected: true } }
    expect(tabStop(view(layered, lines), null)).toEqual(line('l1'))
  })

  it('is where the keyboard was last, node or line, over the selection', () => {
    const selected = { ...layered, app: { x: 0, y: 100, selected: true } }
    const lines = { l1: { source: 'app', target: 'service' } }
    expect(tabStop(view(selected, lines), node('service'))).toEqual(node('service'))
    expect(tabStop(view(selected, lines), line('l1'))).toEqual(line('l1'))
  })

  it('is only ever a node or line React Flow draws: one out of view, gone or not focusable is passed over', () => {
    const far = { ...layered, gone: { x: 5000, y: -900, selected: true } }
    expect(tabStop(view(far), node('gone'))).toEqual(node('top'))
    expect(tabStop(view(layered), node('deleted'))).toEqual(node('top'))
    // Panned so that the top of the design is out of view: the first of what is drawn.
    expect(tabStop(view(layered, {}, [0, -90, 1]), null)).toEqual(node('service'))
    // A group's box or card is not a stop (its button is).
    const boxed = { ...layered, box: { x: -50, y: -50, focusable: false } }
    expect(tabStop(view(boxed), null)).toEqual(node('top'))
    expect(tabStop(view({}), null)).toBeNull()
  })
})

describe('nearestToward', () => {
  // Two columns: apps on the left, identities on the right.
  const nodes = [
    { id: 'app-1', ...at(0, 0) },
    { id: 'app-2', ...at(0, 160) },
    { id: 'app-3', ...at(0, 320) },
    { id: 'mi-1', ...at(340, 60) },
    { id: 'mi-2', ...at(340, 300) },
  ]
  const from = (id: string) => nodes.find((n) => n.id === id)?.position ?? { x: 0, y: 0 }
  const others = (id: string) => nodes.filter((n) => n.id !== id)

  it('goes down and up a column, and across to the nearest node of the next', () => {
    expect(nearestToward(from('app-1'), others('app-1'), 'down')).toBe('app-2')
    expect(nearestToward(from('app-3'), others('app-3'), 'up')).toBe('app-2')
    expect(nearestToward(from('app-3'), others('app-3'), 'right')).toBe('mi-2')
    expect(nearestToward(from('mi-1'), others('mi-1'), 'left')).toBe('app-1')
  })

  it('prefers a node within 45° of the way over a nearer one off it, and finds none past the edge', () => {
    // `side` scores better (280 against 300) but lies more to the right than up.
    const side = { id: 'side', ...at(100, 220) }
    const above = { id: 'above', ...at(0, 0) }
    expect(nearestToward({ x: 0, y: 300 }, [side, above], 'up')).toBe('above')
    expect(nearestToward({ x: 0, y: 300 }, [side], 'up')).toBe('side')
    expect(nearestToward(from('app-1'), others('app-1'), 'left')).toBeUndefined()
    expect(nearestToward(from('app-1'), others('app-1'), 'up')).toBeUndefined()
  })
})
