import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { Design } from '@/model/types.ts'
import { Canvas } from '@/ui/canvas/canvas.tsx'
import { design } from '../support/builder.ts'
import { renderWithStore } from './render.tsx'

const sample = () =>
  design()
    .app('api', { name: 'orders-api', position: { x: 0, y: 0 } })
    .identity('mi', { name: 'mi-orders', position: { x: 300, y: 0 } })
    .service('st', 'storage', { name: 'orderstore', position: { x: 600, y: 0 } })
    .attach('api', 'mi')
    .access('api', 'st', ['Storage Blob Data Contributor'], { via: 'mi', id: 'e1' })
    .build()

/** Every node at the origin: jsdom's pane is 160×60 and only what is in view is drawn. */
function stacked(d: Design): Design {
  return { ...d, nodes: d.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })) }
}

function setup(d = sample()) {
  const t = renderWithStore(
    <div style={{ width: 1000, height: 700 }}>
      <Canvas />
    </div>,
    d,
  )
  return t
}

describe('Canvas', () => {
  it('draws each node with its name and kind', () => {
    // jsdom measures the pane as 160×60 (test/support/dom-setup.ts), and only visible nodes are
    // drawn: stack them in view.
    const d = sample()
    setup({ ...d, nodes: d.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })) })
    const api = screen.getByTestId('node-api')
    expect(api).toHaveTextContent('orders-api')
    expect(api).toHaveTextContent('App Service')
    expect(screen.getByTestId('node-mi')).toHaveTextContent('Used by 1 app')
    expect(screen.getByTestId('node-st')).toHaveTextContent('Storage account')
  })

  it('toggles an app’s system-assigned identity from the node, as one step', () => {
    const t = setup()
    const toggle = screen.getByRole('button', { name: 'System-assigned identity of orders-api' })
    expect(toggle).toHaveAttribute('aria-pressed', 'false')
    fireEvent.click(toggle)
    expect(t.store.getState().design.nodes[0]).toMatchObject({ systemAssigned: true })
    expect(
      screen.getByRole('button', { name: 'System-assigned identity of orders-api' }),
    ).toHaveAttribute('aria-pressed', 'true')
    expect(t.past()).toBe(1)
  })

  it('offers zoom and fit, without React Flow’s lock that froze the canvas unexplained', () => {
    setup()
    const controls = screen.getByLabelText('Zoom controls')
    expect(
      within(controls)
        .getAllByRole('button')
        .map((b) => b.getAttribute('aria-label')),
    ).toEqual(['Zoom In', 'Zoom Out', 'Fit View'])
  })

  it('shows finding badges on nodes', () => {
    setup(
      design()
        .identity('mi', { name: 'mi-x', position: { x: 0, y: 0 } })
        .build(),
    )
    expect(within(screen.getByTestId('node-mi')).getByLabelText('1 warning')).toBeInTheDocument()
  })

  it('draws access through an identity as app → identity → service, the roles on the identity’s line', async () => {
    const { container } = setup(stacked(sample()))
    // Stacked nodes leave no room: the label is a pin, its roles listed for hover.
    const label = await waitFor(() => {
      const found = container.querySelector('.edge-label[data-segment="via:mi>st"]')
      if (!found) throw new Error('no label on the identity’s line')
      return found
    })
    expect(label).toHaveClass('is-pin')
    expect(label).not.toHaveTextContent('1 role')
    expect(label?.querySelector('.edge-roles')).toHaveTextContent('Storage Blob Data Contributor')
    const lines = [...container.querySelectorAll('.react-flow__edge')].map((e) =>
      e.getAttribute('data-id'),
    )
    expect(lines.sort()).toEqual(['api-mi', 'via:mi>st'])
    expect(screen.queryByText('via mi-orders')).toBeNull()
  })

  it('keeps the direct drawing on demand: the access from the app, naming its identity', async () => {
    const t = setup(stacked(sample()))
    act(() => t.store.getState().setEdgeDrawing('direct'))
    expect(await screen.findByText('via mi-orders')).toBeInTheDocument()
    const lines = [...t.container.querySelectorAll('.react-flow__edge')].map((e) =>
      e.getAttribute('data-id'),
    )
    expect(lines.sort()).toEqual(['api-mi', 'e1'])
  })

  it('selects every access edge a bundled line stands for when it is clicked', async () => {
    const d = design()
      .app('a', { position: { x: 0, y: 0 } })
      .app('b', { position: { x: 0, y: 0 } })
      .identity('mi', { position: { x: 0, y: 0 } })
      .service('st', 'storage', { position: { x: 0, y: 0 } })
      .attach('a', 'mi')
      .attach('b', 'mi')
      .access('a', 'st', ['Storage Blob Data Reader'], { via: 'mi', id: 'ea' })
      .access('b', 'st', ['Storage Blob Data Reader'], { via: 'mi', id: 'eb' })
      .build()
    const t = setup(d)
    await screen.findAllByText('Storage Blob Data Reader')
    const line = t.container.querySelector('.react-flow__edge[data-id="via:mi>st"]')
    if (!line) throw new Error('no bundled line')
    fireEvent.click(line)
    expect(t.store.getState().selection).toEqual({ nodes: [], edges: ['ea', 'eb'] })
    expect(line).toHaveClass('selected')
  })

  it('renders names holding HTML or script as text', () => {
    const evil = '<script>window.hacked=1</script><b>bold</b>'
    const { container } = setup(
      design()
        .app('x', { name: evil, position: { x: 0, y: 0 } })
        .build(),
    )
    expect(screen.getByTestId('node-x')).toHaveTextContent(evil)
    expect(container.querySelector('script, b')).toBeNull()
  })

  it('shows an empty-canvas hint', () => {
    setup(design().build())
    expect(screen.getByText('Start your identity topology')).toBeInTheDocument()
  })
})
