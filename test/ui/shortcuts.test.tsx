import { act, fireEvent, render } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { useShortcuts } from '@/ui/shortcuts.ts'
import type { DesignerStore } from '@/store/create-store.ts'
import { design } from '../support/builder.ts'
import { testStore } from '../store/helpers.ts'

const actions = { save: vi.fn(), open: vi.fn() }

function Harness({ store }: { store: DesignerStore }) {
  useShortcuts(store, actions)
  return (
    <>
      <div className="react-flow" tabIndex={0} data-testid="canvas" />
      <button type="button">elsewhere</button>
      <input aria-label="text" />
    </>
  )
}

function setup() {
  const t = testStore(
    design()
      .app('api', { position: { x: 0, y: 0 } })
      .identity('mi', { position: { x: 300, y: 0 } })
      .build(),
  )
  const view = render(<Harness store={t.store} />)
  return { ...t, ...view }
}

describe('keyboard shortcuts', () => {
  it('undo and redo with Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y', () => {
    const t = setup()
    act(() => void t.store.getState().renameDesign('one'))
    fireEvent.keyDown(document.body, { key: 'z', ctrlKey: true })
    expect(t.store.getState().design.name).toBe('Test design')
    fireEvent.keyDown(document.body, { key: 'Z', ctrlKey: true, shiftKey: true })
    expect(t.store.getState().design.name).toBe('one')
    fireEvent.keyDown(document.body, { key: 'z', metaKey: true })
    fireEvent.keyDown(document.body, { key: 'y', ctrlKey: true })
    expect(t.store.getState().design.name).toBe('one')
  })

  it('Delete removes the selection from the canvas, not from elsewhere', () => {
    const t = setup()
    act(() => t.store.getState().select({ nodes: ['mi'], edges: [] }))
    fireEvent.keyDown(t.getByRole('button', { name: 'elsewhere' }), { key: 'Delete' })
    expect(t.store.getState().design.nodes).toHaveLength(2)
    fireEvent.keyDown(t.getByTestId('canvas'), { key: 'Delete' })
    expect(t.store.getState().design.nodes.map((n) => n.id)).toEqual(['api'])
  })

  it('F focuses the view on the one selected node, from the canvas only', () => {
    const t = setup()
    const focused = () => t.store.getState().neighbourhood
    act(() => t.store.getState().select({ nodes: ['api', 'mi'], edges: [] }))
    fireEvent.keyDown(t.getByTestId('canvas'), { key: 'f' })
    expect(focused()).toBe(null)
    act(() => t.store.getState().select({ nodes: ['mi'], edges: [] }))
    fireEvent.keyDown(t.getByRole('textbox', { name: 'text' }), { key: 'f' })
    fireEvent.keyDown(t.getByRole('button', { name: 'elsewhere' }), { key: 'f' })
    fireEvent.keyDown(t.getByTestId('canvas'), { key: 'f', ctrlKey: true })
    expect(focused()).toBe(null)
    fireEvent.keyDown(t.getByTestId('canvas'), { key: 'F', shiftKey: true })
    expect(focused()).toBe('mi')
  })

  it('copy and paste nodes on the canvas', () => {
    const t = setup()
    act(() => t.store.getState().select({ nodes: ['api'], edges: [] }))
    fireEvent.keyDown(t.getByTestId('canvas'), { key: 'c', ctrlKey: true })
    fireEvent.keyDown(t.getByTestId('canvas'), { key: 'v', ctrlKey: true })
    expect(t.store.getState().design.nodes.map((n) => n.id)).toEqual(['api', 'mi', 'api-2'])
  })

  it('text fields keep their keys, but Ctrl+S and Ctrl+O still save and open', () => {
    const t = setup()
    act(() => void t.store.getState().renameDesign('one'))
    const input = t.getByRole('textbox', { name: 'text' })
    fireEvent.keyDown(input, { key: 'z', ctrlKey: true })
    expect(t.store.getState().design.name).toBe('one')
    fireEvent.keyDown(input, { key: 's', ctrlKey: true })
    fireEvent.keyDown(input, { key: 'o', ctrlKey: true })
    expect(actions.save).toHaveBeenCalledTimes(1)
    expect(actions.open).toHaveBeenCalledTimes(1)
  })

  it('Escape clears the selection', () => {
    const t = setup()
    act(() => t.store.getState().select({ nodes: ['api'], edges: [] }))
    fireEvent.keyDown(t.getByRole('button', { name: 'elsewhere' }), { key: 'Escape' })
    expect(t.store.getState().selection).toEqual({ nodes: [], edges: [] })
  })
})
