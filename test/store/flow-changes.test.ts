import { describe, expect, it } from 'vitest'
import { applyEdgeChanges, applyNodeChanges } from '@/store/flow-changes.ts'
import { analyze } from '@/store/derived.ts'
import { design } from '../support/builder.ts'
import { testStore } from './helpers.ts'

const start = () =>
  design()
    .app('api', { position: { x: 0, y: 0 } })
    .identity('mi', { position: { x: 300, y: 0 } })
    .attach('api', 'mi')
    .build()

describe('React Flow changes', () => {
  it('a drag previews positions and commits one undo step on drop', () => {
    const t = testStore(start())
    const before = t.store.getState().design
    for (const x of [10, 20, 30])
      applyNodeChanges(t.store, [
        { type: 'position', id: 'api', position: { x, y: 0 }, dragging: true },
      ])
    expect(t.store.getState().design).toBe(before)
    expect(t.store.getState().drag?.get('api')).toEqual({ x: 30, y: 0 })
    expect(t.past()).toBe(0)
    applyNodeChanges(t.store, [
      { type: 'position', id: 'api', position: { x: 40, y: 0 }, dragging: false },
    ])
    expect(t.store.getState().drag).toBeNull()
    expect(t.store.getState().design.nodes[0]?.position).toEqual({ x: 40, y: 0 })
    expect(t.past()).toBe(1)
    t.store.getState().undo()
    expect(t.store.getState().design.nodes[0]?.position).toEqual({ x: 0, y: 0 })
  })

  it('dragging several nodes commits every dragged node in one step', () => {
    const t = testStore(start())
    applyNodeChanges(t.store, [
      { type: 'position', id: 'api', position: { x: 10, y: 10 }, dragging: true },
      { type: 'position', id: 'mi', position: { x: 310, y: 10 }, dragging: true },
    ])
    applyNodeChanges(t.store, [
      { type: 'position', id: 'api', position: { x: 20, y: 20 }, dragging: false },
    ])
    const d = t.store.getState().design
    expect(d.nodes.map((n) => n.position)).toEqual([
      { x: 20, y: 20 },
      { x: 310, y: 10 },
    ])
    expect(t.past()).toBe(1)
  })

  it('select and dimensions changes are not steps', () => {
    const t = testStore(start())
    applyNodeChanges(t.store, [
      { type: 'dimensions', id: 'api', dimensions: { width: 220, height: 80 } },
      { type: 'select', id: 'api', selected: true },
    ])
    applyEdgeChanges(t.store, [{ type: 'select', id: 'api-mi', selected: true }])
    expect(t.store.getState().selection).toEqual({ nodes: ['api'], edges: ['api-mi'] })
    expect(t.store.getState().measured.get('api')).toEqual({ width: 220, height: 80 })
    applyNodeChanges(t.store, [{ type: 'select', id: 'api', selected: false }])
    expect(t.store.getState().selection.nodes).toEqual([])
    expect(t.past()).toBe(0)
  })

  it('remove changes are ignored (Delete goes through removeSelection)', () => {
    const t = testStore(start())
    applyNodeChanges(t.store, [{ type: 'remove', id: 'api' }])
    expect(t.store.getState().design.nodes).toHaveLength(2)
  })

  it('moving nodes does not re-run the rules', () => {
    const t = testStore(start())
    const first = analyze(t.store.getState().design)
    applyNodeChanges(t.store, [
      { type: 'position', id: 'api', position: { x: 99, y: 0 }, dragging: false },
    ])
    expect(analyze(t.store.getState().design)).toBe(first)
    t.store.getState().updateNode('api', { name: 'renamed' })
    expect(analyze(t.store.getState().design)).not.toBe(first)
  })
})
