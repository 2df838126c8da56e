import { describe, expect, it } from 'vitest'
import { placeAdded } from '@/layout/free-space.ts'
import type { Edit } from '@/model/edits.ts'
import type { Design, DesignNode, Position } from '@/model/types.ts'
import { design } from '../support/builder.ts'

const at = (x: number, y: number): { position: Position } => ({ position: { x, y } })

function positionsOf(edits: readonly Edit[]): Record<string, Position | undefined> {
  return Object.fromEntries(
    edits.flatMap((e) => (e.type === 'addNode' ? [[e.node.id, e.node.position]] : [])),
  )
}

/** Pairs of nodes (design and added) whose 220×80 boxes overlap. */
function overlapping(d: Design, edits: readonly Edit[]): string[] {
  const all = [...d.nodes, ...edits.flatMap((e) => (e.type === 'addNode' ? [e.node] : []))].flatMap(
    (n) => (n.position ? [{ id: n.id, ...n.position }] : []),
  )
  const out: string[] = []
  for (let i = 0; i < all.length; i++)
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i] as { id: string; x: number; y: number }
      const b = all[j] as { id: string; x: number; y: number }
      if (Math.abs(a.x - b.x) < 220 && Math.abs(a.y - b.y) < 80) out.push(`${a.id}/${b.id}`)
    }
  return out
}

const identity = (id: string, extra: Partial<DesignNode> = {}): Edit => ({
  type: 'addNode',
  node: { id, kind: 'identity', name: `mi "$(x)"\n${id}`, ...extra } as DesignNode,
})

describe('placeAdded', () => {
  const base = design()
    .app('web', at(0, 0))
    .service('st', 'storage', at(640, 0))
    .access('web', 'st', ['Storage Blob Data Reader'], { via: 'system' })
    .build()

  it('puts a quick-fix identity one layer right of the app it attaches to', () => {
    const edits: Edit[] = [
      identity('mi'),
      { type: 'addEdge', edge: { id: 'web-mi', kind: 'attach', source: 'web', target: 'mi' } },
    ]
    const out = placeAdded(base, edits, 'each')
    expect(positionsOf(out)).toEqual({ mi: { x: 320, y: 0 } })
    expect(out[1]).toBe(edits[1])
  })

  it('moves it to the nearest free spot when that one is taken, touching nothing', () => {
    const crowded = design()
      .app('web', at(0, 0))
      .service('st', 'storage', at(320, 0))
      .service('kv', 'keyVault', at(320, 100))
      .build()
    const edits: Edit[] = [
      identity('mi'),
      { type: 'addEdge', edge: { id: 'web-mi', kind: 'attach', source: 'web', target: 'mi' } },
    ]
    const out = placeAdded(crowded, edits, 'each')
    expect(positionsOf(out)).toEqual({ mi: { x: 320, y: -100 } })
    expect(overlapping(crowded, out)).toEqual([])
  })

  it('places several added nodes apart from each other too', () => {
    const edits: Edit[] = [identity('a', at(300, 0)), identity('b', at(300, 0))]
    const out = placeAdded(base, edits, 'each')
    expect(positionsOf(out)).toEqual({ a: { x: 300, y: 0 }, b: { x: 300, y: -100 } })
    expect(overlapping(base, out)).toEqual([])
  })

  it('moves a pasted group as one block, keeping its arrangement', () => {
    const edits: Edit[] = [
      {
        type: 'addNode',
        node: { id: 'web2', kind: 'app', name: 'web2', hosting: 'appService', ...at(40, 40) },
      },
      {
        type: 'addNode',
        node: { id: 'st2', kind: 'service', name: 'st2', service: 'storage', ...at(680, 40) },
      },
    ]
    const out = positionsOf(placeAdded(base, edits, 'together'))
    expect(out).toEqual({ web2: { x: 40, y: 140 }, st2: { x: 680, y: 140 } })
    expect(overlapping(base, placeAdded(base, edits, 'together'))).toEqual([])
  })

  it('puts a node dropped on another beside it, in its own layer: services right, apps left', () => {
    const one = design().app('web', at(0, 0)).build()
    const add = (node: DesignNode): Edit => ({ type: 'addNode', node })
    const service = { id: 'st', kind: 'service', name: 'st', service: 'storage' } as const
    expect(positionsOf(placeAdded(one, [add({ ...service, ...at(10, 10) })], 'each'))).toEqual({
      st: { x: 640, y: 0 },
    })
    expect(positionsOf(placeAdded(one, [identity('mi', at(0, 0))], 'each'))).toEqual({
      mi: { x: 320, y: 0 },
    })
    const app = { id: 'api', kind: 'app', name: 'api', hosting: 'functionApp' } as const
    const store = design().service('st', 'storage', at(0, 0)).build()
    expect(positionsOf(placeAdded(store, [add({ ...app, ...at(0, 0) })], 'each'))).toEqual({
      api: { x: -640, y: 0 },
    })
    // Same layer: the nearest free spot, as before.
    expect(positionsOf(placeAdded(one, [add({ ...app, ...at(0, 0) })], 'each'))).toEqual({
      api: { x: 0, y: -100 },
    })
  })

  it('leaves a design with no positions without them', () => {
    const bare = design().app('web').build()
    const edits: Edit[] = [identity('mi')]
    expect(placeAdded(bare, edits, 'each')).toEqual(edits)
  })

  it('puts a node with no position and no neighbour under the drawing', () => {
    const out = placeAdded(base, [identity('mi')], 'each')
    expect(positionsOf(out)).toEqual({ mi: { x: 0, y: 100 } })
  })
})
