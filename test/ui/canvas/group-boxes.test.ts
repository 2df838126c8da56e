import { describe, expect, it } from 'vitest'
import type { NodeGroup } from '@/layout/groups.ts'
import { NODE_HEIGHT, NODE_WIDTH } from '@/layout/node-size.ts'
import {
  BOX_PADDING,
  BOX_TITLE,
  cardId,
  groupBoxes,
  groupTitle,
  hiddenBy,
  redirectLines,
} from '@/ui/canvas/groups/group-boxes.ts'

const groups: NodeGroup[] = [
  { id: 'rg:web', title: 'rg-web', members: ['a', 'b', 'gone'] },
  { id: 'rg:data', title: 'rg-data', members: ['c'] },
  { id: 'rg:none', title: 'rg-none', members: ['gone'] },
]
const at: Record<string, { x: number; y: number }> = {
  a: { x: 100, y: 200 },
  b: { x: 400, y: 0 },
  c: { x: -50, y: 600 },
}

describe('group boxes', () => {
  it('draws one box around the members shown, padded, with a title band on top', () => {
    const boxes = groupBoxes(groups, (id) => at[id], new Set(['rg:data']))
    expect(boxes).toEqual([
      {
        id: 'rg:web',
        title: 'rg-web',
        members: ['a', 'b'],
        collapsed: false,
        rect: {
          x: 100 - BOX_PADDING,
          y: 0 - BOX_PADDING - BOX_TITLE,
          width: 400 + NODE_WIDTH - 100 + 2 * BOX_PADDING,
          height: 200 + NODE_HEIGHT + 2 * BOX_PADDING + BOX_TITLE,
        },
        card: { x: 100, y: 0 },
      },
      {
        id: 'rg:data',
        title: 'rg-data',
        members: ['c'],
        collapsed: true,
        rect: {
          x: -50 - BOX_PADDING,
          y: 600 - BOX_PADDING - BOX_TITLE,
          width: NODE_WIDTH + 2 * BOX_PADDING,
          height: NODE_HEIGHT + 2 * BOX_PADDING + BOX_TITLE,
        },
        card: { x: -50, y: 600 },
      },
    ])
  })

  it('keeps every member node box inside its group box', () => {
    const [box] = groupBoxes(groups, (id) => at[id], new Set())
    for (const id of ['a', 'b']) {
      const p = at[id] as { x: number; y: number }
      expect(p.x).toBeGreaterThanOrEqual(box!.rect.x)
      expect(p.y).toBeGreaterThanOrEqual(box!.rect.y + BOX_TITLE)
      expect(p.x + NODE_WIDTH).toBeLessThanOrEqual(box!.rect.x + box!.rect.width)
      expect(p.y + NODE_HEIGHT).toBeLessThanOrEqual(box!.rect.y + box!.rect.height)
    }
  })

  it('titles a group with its member count', () => {
    expect(groupTitle({ title: 'rg-web', members: ['a', 'b'] })).toBe('rg-web · 2 nodes')
    expect(groupTitle({ title: 'rg-web', members: ['a'] })).toBe('rg-web · 1 node')
  })
})

describe('lines of collapsed groups', () => {
  const hidden = hiddenBy(groupBoxes(groups, (id) => at[id], new Set(['rg:web'])))
  const line = (id: string, source: string, target: string, edges = [id]) => ({
    id,
    source,
    target,
    edges,
  })

  it('hides the members of collapsed groups behind their card', () => {
    expect([...hidden]).toEqual([
      ['a', cardId('rg:web')],
      ['b', cardId('rg:web')],
    ])
  })

  it('draws lines to the card once per other end, standing for every design edge, and drops lines inside', () => {
    const card = cardId('rg:web')
    const { kept, links } = redirectLines(
      [
        line('a-c', 'a', 'c'),
        line('x-y', 'x', 'y'),
        line('b-c', 'b', 'c', ['e1', 'e2']),
        line('a-b', 'a', 'b'),
        line('x-a', 'x', 'a'),
      ],
      hidden,
      (l) => l.edges,
    )
    expect(kept.map((l) => l.id)).toEqual(['x-y'])
    expect(links).toEqual([
      { id: `group-link:${card}>c`, source: card, target: 'c', edges: ['a-c', 'e1', 'e2'] },
      { id: `group-link:x>${card}`, source: 'x', target: card, edges: ['x-a'] },
    ])
  })

  it('keeps every line as it is when nothing is collapsed', () => {
    const lines = [line('a-c', 'a', 'c')]
    expect(redirectLines(lines, new Map(), (l) => l.edges)).toEqual({ kept: lines, links: [] })
  })
})
