import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DesignIndex } from '@/analysis/design-index.ts'
import { ModelIndex } from '@/model/queries.ts'
import type { AppNode, Design } from '@/model/types.ts'
import { designArbitrary } from '../support/arbitraries.ts'
import { design } from '../support/builder.ts'

describe('NumberedDesign numbering', () => {
  it('numbers nodes by position and endpoints that name no node after them, in order of use', () => {
    const d = design()
      .app('api', { systemAssigned: true })
      .service('st', 'storage')
      .access('api', 'st', ['Storage Blob Data Reader'], { via: 'system' })
      .access('api', 'ghost-b', ['Reader'], { via: 'system' })
      .access('api', 'ghost-a', ['Reader'], { via: 'system' })
      .build()
    const index = new DesignIndex(d)
    expect([index.numberOf('api'), index.numberOf('st'), index.numberOf('ghost-b')]).toEqual([
      0,
      1,
      undefined,
    ])
    expect(index.endpointCount).toBe(4)
    expect([0, 1, 2, 3].map((n) => index.idAt(n))).toEqual(['api', 'st', 'ghost-b', 'ghost-a'])
    expect(Array.from(index.targetAt)).toEqual([1, 2, 3])
  })

  it('of two nodes with one id (a design no file may hold), answers with the last, as a Map does', () => {
    const base = design()
      .app('x', { systemAssigned: true })
      .service('st', 'storage')
      .access('x', 'st', ['Storage Blob Data Reader'], { via: 'system' })
      .build()
    const st = base.nodes[1] as Design['nodes'][number]
    // A service with the app's id after it: the app's edge now starts at a service.
    const twice: Design = { ...base, nodes: [...base.nodes, { ...st, id: 'x', name: 'twin' }] }
    const index = new DesignIndex(twice)
    const model = new ModelIndex(twice)
    expect(index.numberOf('x')).toBe(2)
    expect(index.node('x')).toBe(twice.nodes[2])
    expect(index.node('x')).toBe(model.node('x'))
    const edge = index.accessEdges[0]
    if (!edge) throw new Error('no access edge')
    expect(index.resolve(edge)).toEqual(model.resolve(edge))
    expect(index.sourceAt[0]).toBe(2)
  })
})

describe('NumberedDesign attach lists', () => {
  it('lists identities per app and apps per identity in attach-edge order, each once', () => {
    const d = design()
      .app('a1')
      .app('a2', { systemAssigned: true })
      .identity('mi-b')
      .identity('mi-a')
      .attach('a1', 'mi-b')
      .attach('a1', 'mi-a')
      .attach('a2', 'mi-b')
      .attach('a1', 'mi-b', 'again')
      .attach('a1', 'ghost')
      .build()
    const index = new DesignIndex(d)
    expect(index.attachedIdentities('a1')).toEqual(['mi-b', 'mi-a', 'ghost'])
    expect(index.attachedIdentities('a2')).toEqual(['mi-b'])
    expect(index.attachedIdentities('mi-a')).toEqual([])
    expect(index.appsOf('mi-b')).toEqual(['a1', 'a2'])
    expect(index.appsOf('ghost')).toEqual(['a1'])
    expect(index.appsOf('nobody')).toEqual([])
    const miB = index.numberOf('mi-b') as number
    expect(index.appCountAt(miB)).toBe(2)
    expect(Array.from(index.appNumbersAt(miB))).toEqual([0, 1])
    expect(index.identityCount(d.nodes[0] as AppNode)).toBe(3)
    expect(index.identityCount(d.nodes[1] as AppNode)).toBe(2)
    expect(index.identityCountOf(1)).toBe(2)
  })

  it('agrees with ModelIndex on every node of random designs, attach edges repeated or dangling', () => {
    fc.assert(
      fc.property(designArbitrary(), (d) => {
        const model = new ModelIndex(d)
        const index = new DesignIndex(d)
        for (const node of d.nodes) {
          expect(index.attachedIdentities(node.id)).toEqual(model.attachedIdentities(node.id))
          expect(index.appsOf(node.id)).toEqual(model.appsOf(node.id))
          const n = index.numberOf(node.id) as number
          expect(index.appCountAt(n)).toBe(model.appsOf(node.id).length)
          expect(Array.from(index.appNumbersAt(n), (a) => index.idAt(a))).toEqual(
            model.appsOf(node.id),
          )
          if (node.kind === 'app')
            expect(index.identityCount(node)).toBe(
              (node.systemAssigned ? 1 : 0) + model.attachedIdentities(node.id).length,
            )
        }
      }),
      { numRuns: 200 },
    )
  }, 60_000)
})
