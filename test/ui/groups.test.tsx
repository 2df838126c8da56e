import { act, fireEvent, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { Design } from '@/model/types.ts'
import { Canvas } from '@/ui/canvas/canvas.tsx'
import { Inspector } from '@/ui/inspector/inspector.tsx'
import { design } from '../support/builder.ts'
import { renderWithStore } from './render.tsx'

const HOSTILE = `rg'"$(touch x)'''\u001b[31m`

/** Every node at the origin: jsdom's pane is 160×60 and only what is in view is drawn. */
const sample = (): Design =>
  design()
    .app('web', { name: 'web', azure: { resourceGroup: HOSTILE }, position: { x: 0, y: 0 } })
    .identity('mi', { name: 'mi-web', azure: { resourceGroup: HOSTILE }, position: { x: 0, y: 0 } })
    .service('st', 'storage', {
      name: 'st',
      azure: { resourceGroup: 'rg-data' },
      position: { x: 0, y: 0 },
    })
    .attach('web', 'mi', 'a1')
    .access('web', 'st', ['Storage Blob Data Reader'], { id: 'e1', via: 'mi' })
    .build()

function setup(d = sample()) {
  return renderWithStore(
    <div style={{ width: 1000, height: 700 }}>
      <Canvas />
    </div>,
    d,
  )
}

describe('Groups on the canvas', () => {
  it('draws no group until the Groups view option asks, then one box per resource group', async () => {
    const t = setup()
    const choice = screen.getByRole('combobox', { name: 'Groups' })
    expect(choice).toHaveValue('none')
    expect(screen.queryByRole('button', { name: /group/i })).toBeNull()
    await userEvent.selectOptions(choice, 'Resource group')
    expect(t.store.getState().grouping).toBe('resourceGroup')
    const toggles = screen.getAllByRole('button', { name: /^Collapse group / })
    expect(toggles.map((b) => b.getAttribute('aria-label'))).toEqual([
      `Collapse group ${HOSTILE}`,
      'Collapse group rg-data',
    ])
    expect(toggles[0]).toHaveAttribute('aria-expanded', 'true')
    // The hostile name is text, never markup.
    const box = screen.getByText(`${HOSTILE} · 2 nodes`)
    expect(box.children).toHaveLength(0)
    expect(screen.getByText('rg-data · 1 node')).toBeInTheDocument()
    expect(t.past()).toBe(0)
  })

  it('collapses a group to one card for its members, and expands it back', () => {
    const t = setup()
    const before = t.store.getState().design
    act(() => t.store.getState().setGrouping('resourceGroup'))
    expect(screen.getByTestId('node-web')).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: `Collapse group ${HOSTILE}` }))
    expect(t.store.getState().collapsedGroups).toEqual([`rg:${HOSTILE.toLowerCase()}`])
    expect(screen.queryByTestId('node-web')).toBeNull()
    expect(screen.queryByTestId('node-mi')).toBeNull()
    expect(screen.getByTestId('node-st')).toBeInTheDocument()
    const expand = screen.getByRole('button', { name: `Expand group ${HOSTILE}` })
    expect(expand).toHaveAttribute('aria-expanded', 'false')
    fireEvent.click(expand)
    expect(screen.getByTestId('node-web')).toBeInTheDocument()
    expect(t.store.getState().design).toBe(before)
    expect(t.past()).toBe(0)
  })
})

describe('Inspector Group field', () => {
  it('sets a node group tag as one step, shown back as text, and refuses a blank one', async () => {
    const t = renderWithStore(<Inspector />, sample())
    act(() => t.store.getState().select({ nodes: ['st'], edges: [] }))
    const field = screen.getByRole('textbox', { name: 'Group' })
    expect(field).toHaveValue('')
    fireEvent.change(field, { target: { value: `pay$(x)\u001b[31m'''` } })
    fireEvent.keyDown(field, { key: 'Enter' })
    expect(t.store.getState().design.nodes[2]?.extras).toEqual({ group: `pay$(x)\u001b[31m'''` })
    expect(t.past()).toBe(1)
    act(() => t.store.getState().undo())
    expect(screen.getByRole('textbox', { name: 'Group' })).toHaveValue('')
    await userEvent.type(screen.getByRole('textbox', { name: 'Group' }), '   ')
    const inspector = screen
      .getByRole('textbox', { name: 'Group' })
      .closest('.field') as HTMLElement
    expect(within(inspector).getByRole('alert')).toHaveTextContent('A group cannot be only spaces.')
  })
})
