import { describe, expect, it } from 'vitest'
import { DesignIndex } from '@/analysis/design-index.ts'
import { ModelIndex } from '@/model/queries.ts'
import type { Design } from '@/model/types.ts'
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
