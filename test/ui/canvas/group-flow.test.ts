import { describe, expect, it } from 'vitest'
import type { NodeGroup } from '@/layout/groups.ts'
import { NODE_HEIGHT, NODE_WIDTH, type FlowEdge, type FlowNode } from '@/ui/canvas/flow-elements.ts'
import { groupLayer } from '@/ui/canvas/groups/group-flow.ts'

const node = (id: string, x: number): FlowNode => ({ id, position: { x, y: 0 } }) as FlowNode
const line = (id: string, source: string, target: string): FlowEdge =>
  ({ id, source, target }) as FlowEdge

describe('a collapsed group on the canvas', () => {
  const groups: NodeGroup[] = [{ id: 'rg:web', title: 'rg-web', members: ['a', 'b'] }]
  const layer = groupLayer(
    groups,
    [node('a', 0), node('b', 400), node('kv', 800)],
    [line('e1', 'a', 'kv'), line('e2', 'b', 'kv')],
    new Set(['rg:web']),
    (id) => id,
  )

  it('has a card of a known size: made again as the nodes change, it is not measured again, its lines meanwhile gone', () => {
    const card = layer.nodes.find((n) => n.type === 'group-card')
    expect(card?.measured).toEqual({ width: NODE_WIDTH, height: NODE_HEIGHT })
  })

  it('sends the lines to the card out of the page’s Tab order, as every line of the canvas is', () => {
    const links = layer.edges.filter((e) => e.type === 'group-link')
    expect(links).toHaveLength(1)
    expect(links[0]?.domAttributes).toEqual({ tabIndex: -1 })
  })
})
