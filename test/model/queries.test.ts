import { describe, expect, it } from 'vitest'
import { ModelIndex } from '@/model/queries.ts'
import type { AccessEdge } from '@/model/types.ts'
import { design } from '../support/builder.ts'

const d = design()
  .app('solo', { systemAssigned: true })
  .app('two', { systemAssigned: true })
  .app('none')
  .app('one-ua')
  .identity('mi')
  .service('st', 'storage')
  .developer('dev', 'user')
  .attach('two', 'mi', 'a-two')
  .attach('one-ua', 'mi', 'a-one')
  .access('solo', 'st', ['AcrPull'], { id: 'solo-implicit' })
  .access('two', 'st', ['AcrPull'], { id: 'two-implicit' })
  .access('two', 'st', ['AcrPull'], { id: 'two-system', via: 'system' })
  .access('two', 'st', ['AcrPull'], { id: 'two-mi', via: 'mi' })
  .access('none', 'st', ['AcrPull'], { id: 'none' })
  .access('none', 'st', ['AcrPull'], { id: 'none-system', via: 'system' })
  .access('solo', 'st', ['AcrPull'], { id: 'solo-foreign', via: 'mi' })
  .access('solo', 'st', ['AcrPull'], { id: 'solo-bad', via: 'st' })
  .access('one-ua', 'st', ['AcrPull'], { id: 'one-ua' })
  .access('dev', 'st', ['AcrPull'], { id: 'dev' })
  .build()

const index = new ModelIndex(d)
const edge = (id: string) => d.edges.find((e) => e.id === id) as AccessEdge

describe('identities of an app', () => {
  it('lists system first, then attached identities', () => {
    expect(index.identitiesOf('two')).toEqual([
      { type: 'systemAssigned', node: 'two' },
      { type: 'userAssigned', node: 'mi' },
    ])
    expect(index.identitiesOf('none')).toEqual([])
    expect(index.appsOf('mi')).toEqual(['two', 'one-ua'])
  })
})

describe('resolving an access edge (PRODUCT.md §4)', () => {
  it.each([
    ['solo-implicit', { resolved: true, principal: { type: 'systemAssigned', node: 'solo' } }],
    ['two-implicit', { resolved: false, reason: 'ambiguous' }],
    ['two-system', { resolved: true, principal: { type: 'systemAssigned', node: 'two' } }],
    ['two-mi', { resolved: true, principal: { type: 'userAssigned', node: 'mi' } }],
    ['none', { resolved: false, reason: 'noIdentity' }],
    ['none-system', { resolved: false, reason: 'notOnApp' }],
    ['solo-foreign', { resolved: false, reason: 'notOnApp' }],
    ['solo-bad', { resolved: false, reason: 'notOnApp' }],
    ['one-ua', { resolved: true, principal: { type: 'userAssigned', node: 'mi' } }],
    ['dev', { resolved: true, principal: { type: 'developer', node: 'dev' } }],
  ])('%s', (id, expected) => {
    expect(index.resolve(edge(id))).toEqual(expected)
  })
})
