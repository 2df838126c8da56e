import ELK from 'elkjs/lib/elk.bundled.js'
import { describe, expect, it } from 'vitest'
import { layOutGrouped } from '@/layout/group-layout.ts'
import { groupsOf } from '@/layout/groups.ts'
import { layOut } from '@/layout/lay-out.ts'
import type { Design, Position } from '@/model/types.ts'
import { intersects, nodeRect } from '@/ui/canvas/drawing/geometry.ts'
import { groupBoxes } from '@/ui/canvas/groups/group-boxes.ts'
import { design } from '../support/builder.ts'

/**
 * Three groups whose apps all share one identity in another group and reach services across
 * groups: laid out without groups, their members interleave.
 */
function estate(): Design {
  const b = design().identity('mi', { extras: { group: 'identities' } })
  for (const g of ['orders', 'billing']) {
    for (let i = 0; i < 3; i++) {
      b.app(`${g}-app${i}`, { extras: { group: g } })
      b.attach(`${g}-app${i}`, 'mi')
    }
    b.service(`${g}-st`, 'storage', { extras: { group: g } })
  }
  b.service('shared-kv', 'keyVault')
  for (const g of ['orders', 'billing'])
    for (let i = 0; i < 3; i++) {
      b.access(
        `${g}-app${i}`,
        `${g === 'orders' ? 'billing' : 'orders'}-st`,
        ['Storage Blob Data Reader'],
        { via: 'mi' },
      )
      b.access(`${g}-app${i}`, 'shared-kv', ['Key Vault Secrets User'], { via: 'mi' })
    }
  return b.build()
}

const boxesOf = (d: Design, positions: ReadonlyMap<string, Position>) =>
  groupBoxes(groupsOf(d, 'tag'), (id) => positions.get(id), new Set())

describe('Auto layout with groups', () => {
  it('keeps each group together: no group box overlaps another group box or a node outside it', async () => {
    const d = estate()
    const positions = await layOutGrouped(d, 'bundled', 'tag', new ELK())
    expect([...positions.keys()].sort()).toEqual(d.nodes.map((n) => n.id).sort())
    const boxes = boxesOf(d, positions)
    expect(boxes.map((b) => b.title)).toEqual(['identities', 'orders', 'billing'])
    for (const box of boxes) {
      for (const other of boxes)
        if (other !== box)
          expect(intersects(box.rect, other.rect), `${box.id} × ${other.id}`).toBe(false)
      for (const n of d.nodes)
        if (!box.members.includes(n.id))
          expect(
            intersects(box.rect, nodeRect(positions.get(n.id) as Position)),
            `${box.id} × ${n.id}`,
          ).toBe(false)
    }
    const rects = d.nodes.map((n) => nodeRect(positions.get(n.id) as Position))
    rects.forEach((a, i) => rects.slice(i + 1).forEach((b) => expect(intersects(a, b)).toBe(false)))
  })

  it('sets a group of apps left of the taller group of services they use', async () => {
    const b = design()
    for (const app of ['web', 'api'])
      b.app(app, { systemAssigned: true, extras: { group: 'apps' } })
    for (let i = 0; i < 9; i++) {
      b.service(`svc${i}`, 'storage', { extras: { group: 'data' } })
      b.access(i % 2 === 0 ? 'web' : 'api', `svc${i}`, ['Reader'])
    }
    const d = b.build()
    const positions = await layOutGrouped(d, 'bundled', 'tag', new ELK())
    const [apps, data] = boxesOf(d, positions)
    expect([apps?.title, data?.title]).toEqual(['apps', 'data'])
    // Packed tallest first, the services' box would come first in the row.
    expect((data?.rect.height ?? 0) > (apps?.rect.height ?? 0)).toBe(true)
    expect((apps?.rect.x ?? 0) + (apps?.rect.width ?? 0)).toBeLessThan(data?.rect.x ?? 0)
  })

  it('runs left to right: the group of apps, then the identities of no group, then the group of services', async () => {
    const b = design().identity('mi').identity('mi2')
    for (let i = 0; i < 3; i++) {
      b.app(`app${i}`, { extras: { group: 'web' } })
      b.attach(`app${i}`, i === 2 ? 'mi2' : 'mi')
    }
    b.developer('devs')
    for (let i = 0; i < 2; i++) b.service(`svc${i}`, 'storage', { extras: { group: 'data' } })
    b.service('db', 'sql')
    for (let i = 0; i < 3; i++) {
      b.access(`app${i}`, `svc${i % 2}`, ['Storage Blob Data Reader'], {
        via: i === 2 ? 'mi2' : 'mi',
      })
      b.access(`app${i}`, 'db', ['db_datareader'], { via: i === 2 ? 'mi2' : 'mi' })
    }
    b.access('devs', 'svc0', ['Storage Blob Data Reader']).access('devs', 'db', ['db_datareader'])
    const d = b.build()
    const positions = await layOutGrouped(d, 'bundled', 'tag', new ELK())
    const [web, data] = boxesOf(d, positions)
    expect([web?.title, data?.title]).toEqual(['web', 'data'])
    const x = (id: string) => positions.get(id)?.x ?? NaN
    // The apps' group stands left of the identities or above them (the area stays near 16:10);
    // the services' group right of both.
    expect(web?.rect.x ?? NaN).toBeLessThan(x('mi'))
    const dataLeft = data?.rect.x ?? NaN
    expect((web?.rect.x ?? 0) + (web?.rect.width ?? 0)).toBeLessThan(dataLeft)
    for (const id of ['mi', 'mi2', 'devs']) expect(x(id) + 220).toBeLessThan(dataLeft)
  })

  it('stands a group of services reached only from outside it in one column, not a grid', async () => {
    const b = design()
    b.app('web', { systemAssigned: true })
    for (let i = 0; i < 4; i++) {
      b.service(`svc${i}`, 'storage', { extras: { group: 'data' } })
      b.access('web', `svc${i}`, ['Reader'])
    }
    const d = b.build()
    const positions = await layOutGrouped(d, 'bundled', 'tag', new ELK())
    const xs = new Set([0, 1, 2, 3].map((i) => positions.get(`svc${i}`)?.x))
    expect(xs.size).toBe(1)
    const ys = [0, 1, 2, 3].map((i) => positions.get(`svc${i}`)?.y ?? 0)
    expect(new Set(ys).size).toBe(4)
  })

  it('is plain Auto layout when there are no groups', async () => {
    const d = estate()
    const plain = await layOut(d, 'bundled', new ELK())
    expect(await layOutGrouped(d, 'bundled', 'none', new ELK())).toEqual(plain)
    expect(await layOutGrouped(d, 'bundled', 'resourceGroup', new ELK())).toEqual(plain)
    // Without grouping the groups interleave: the test above would fail on plain layout.
    const boxes = boxesOf(d, plain)
    expect(boxes.some((b) => boxes.some((o) => o !== b && intersects(b.rect, o.rect)))).toBe(true)
  })
})
