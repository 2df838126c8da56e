import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it, onTestFinished, vi } from 'vitest'
import { Announcer } from '@/ui/a11y/announcer.tsx'
import { Canvas } from '@/ui/canvas/canvas.tsx'
import { useShortcuts } from '@/ui/shortcuts.ts'
import { useStoreApi } from '@/ui/store-context.tsx'
import { design } from '../../support/builder.ts'
import { renderWithStore } from '../render.tsx'

// jsdom measures the pane as 160×60 and only visible nodes are drawn: every node sits in view.
const at = { position: { x: 0, y: 0 } }
const sample = () =>
  design()
    .app('web', { name: 'contoso-web-1', ...at })
    .identity('mi', { name: 'mi-shared-storage', ...at })
    .service('st', 'storage', { name: 'receiptstore', ...at })
    .service('kv', 'keyVault', { name: 'kv-receipts', ...at })
    .developer('devs', 'group', { name: 'Receipts developers', ...at })
    .attach('web', 'mi', 'a1')
    .access('web', 'st', ['Storage Blob Data Contributor'], { via: 'mi', id: 'e1' })
    .access('web', 'kv', ['Key Vault Secrets User'], { id: 'e2' })
    .build()

const noFiles = { save: () => {}, open: () => {} }

/** The designer's keyboard (on the window), as the app wires it. */
function Shortcuts() {
  useShortcuts(useStoreApi(), noFiles)
  return null
}

function setup() {
  return renderWithStore(
    <Announcer>
      <Shortcuts />
      <div style={{ width: 1000, height: 700 }}>
        <Canvas />
      </div>
    </Announcer>,
    sample(),
  )
}

describe('the canvas for screen readers and keyboards', () => {
  it('names every node and edge by what it is', async () => {
    const t = setup()
    expect(
      screen.getByRole('group', { name: 'App contoso-web-1, App Service, system-assigned off' }),
    ).toHaveAttribute('aria-roledescription', 'node')
    expect(
      screen.getByRole('group', {
        name: 'User-assigned identity mi-shared-storage, used by 1 app',
      }),
    ).toBeInTheDocument()
    // Drawn through its identity, the line says so; drawn directly, it names the identity used.
    expect(
      await screen.findByRole('group', {
        name: 'Access through mi-shared-storage to receiptstore for contoso-web-1: Storage Blob Data Contributor',
      }),
    ).toHaveAttribute('aria-roledescription', 'edge')
    act(() => t.store.getState().setEdgeDrawing('direct'))
    expect(
      await screen.findByRole('group', {
        name: 'Access from contoso-web-1 to receiptstore through mi-shared-storage: Storage Blob Data Contributor',
      }),
    ).toHaveAttribute('aria-roledescription', 'edge')
    expect(
      screen.getByRole('group', { name: 'contoso-web-1 uses identity mi-shared-storage' }),
    ).toBeInTheDocument()
  })

  it('renames a node’s accessible name with its findings when the design changes', async () => {
    const t = setup()
    act(() => {
      t.store.getState().updateNode('web', { name: 'web-one', systemAssigned: true })
    })
    expect(
      screen.getByRole('group', { name: 'App web-one, App Service, system-assigned on' }),
    ).toBeInTheDocument()
    expect(
      await screen.findByRole('group', {
        name: /^Access from web-one to kv-receipts with no identity chosen: Key Vault Secrets User, 1 warning/,
      }),
    ).toBeInTheDocument()
  })

  it('walks connected nodes with ] and [, announcing each with its place', async () => {
    setup()
    const web = screen.getByRole('group', { name: /^App contoso-web-1/ })
    web.focus()
    fireEvent.keyDown(web, { key: ']' })
    const mi = screen.getByRole('group', { name: /^User-assigned identity mi-shared-storage/ })
    await waitFor(() => expect(mi).toHaveFocus())
    fireEvent.keyDown(mi, { key: ']' })
    const st = screen.getByRole('group', { name: /^Service receiptstore/ })
    await waitFor(() => expect(st).toHaveFocus())
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        'Service receiptstore, Storage account, 1 suggestion. 2 of 3 connected to contoso-web-1',
      ),
    )
    fireEvent.keyDown(st, { key: '[' })
    await waitFor(() => expect(mi).toHaveFocus())
  })

  it('goes from a focused connection to its target with ] and its source with [', async () => {
    setup()
    // Access through an identity is drawn from the identity: the line's ends are its source and target.
    const edge = await screen.findByRole('group', {
      name: /^Access through mi-shared-storage to receiptstore for contoso-web-1: Storage Blob Data Contributor/,
    })
    edge.focus()
    fireEvent.keyDown(edge, { key: ']' })
    await waitFor(() =>
      expect(screen.getByRole('group', { name: /^Service receiptstore/ })).toHaveFocus(),
    )
    fireEvent.keyDown(edge, { key: '[' })
    await waitFor(() =>
      expect(
        screen.getByRole('group', { name: /^User-assigned identity mi-shared-storage/ }),
      ).toHaveFocus(),
    )
  })

  it('announces connections made and findings they bring', async () => {
    const t = setup()
    act(() => {
      t.store.getState().updateNode('web', { systemAssigned: true })
    })
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        'System-assigned identity of contoso-web-1 on',
      ),
    )
    act(() => {
      t.store.getState().connect('devs', 'st')
    })
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        'Connected Receipts developers to receiptstore. Fixed: developer-access-missing on receiptstore',
      ),
    )
  })

  it('after Ctrl+V the focus is on the copy, and Delete removes the copy, not the node copied', async () => {
    // The copy lands out of jsdom's small view: the canvas brings it in, without animating.
    vi.stubGlobal('matchMedia', (query: string) => ({
      matches: query.includes('reduce'),
      media: query,
      addEventListener: () => {},
      removeEventListener: () => {},
    }))
    onTestFinished(() => void vi.unstubAllGlobals())
    const t = setup()
    const web = screen.getByRole('group', { name: /^App contoso-web-1,/ })
    // A click focuses the node and selects it.
    web.focus()
    act(() => t.store.getState().select({ nodes: ['web'], edges: [] }))
    fireEvent.keyDown(web, { key: 'c', ctrlKey: true })
    fireEvent.keyDown(web, { key: 'v', ctrlKey: true })
    expect(t.store.getState().selection.nodes).toEqual(['web-2'])
    const copy = await screen.findByRole('group', { name: /^App contoso-web-1-2,/ })
    await waitFor(() => expect(copy).toHaveFocus())
    fireEvent.keyDown(copy, { key: 'Delete' })
    expect(t.store.getState().design.nodes.map((n) => n.id)).toEqual([
      'web',
      'mi',
      'st',
      'kv',
      'devs',
    ])
    // The focus moves on once the canvas has drawn the removal: in this test, not the next one.
    await waitFor(() => expect(copy).not.toBeInTheDocument())
    await new Promise((resolve) => requestAnimationFrame(resolve))
  })

  it('is one stop of the Tab order, which enters on the first node, else the selected node or line', async () => {
    const t = setup()
    const items = () => [...document.querySelectorAll('.react-flow__node, .react-flow__edge')]
    const stop = () => document.querySelector<HTMLElement>('.canvas-tab-stop')
    // Every node sits at the same place: the first in reading order is the first drawn.
    const web = await screen.findByRole('group', { name: /^App contoso-web-1,/ })
    await screen.findByRole('group', { name: /^Access through mi-shared-storage to kv-receipts/ })
    // No node or line is in the page's Tab order: the canvas's own stop is.
    expect(items().map((el) => el.getAttribute('tabindex'))).toEqual(items().map(() => '-1'))
    expect(stop()).toHaveAttribute('tabindex', '0')
    // The node's toggle is set from the inspector: no stop of its own.
    expect(
      screen.getByRole('button', { name: 'System-assigned identity of contoso-web-1' }),
    ).toHaveAttribute('tabindex', '-1')
    // Tab into the canvas: the focus comes to its stop, which passes it on.
    const enter = () => {
      act(() => stop()?.focus())
      return document.activeElement
    }
    const leave = () => act(() => (document.activeElement as HTMLElement | null)?.blur())
    expect(enter()).toBe(web)
    leave()
    act(() => t.store.getState().select({ nodes: ['st'], edges: [] }))
    expect(enter()).toBe(screen.getByRole('group', { name: /^Service receiptstore,/ }))
    // Away from the canvas, the selection moves on to a line: Tab comes back on it.
    leave()
    act(() => t.store.getState().select({ nodes: [], edges: ['e2'] }))
    const line = screen.getByRole('group', {
      name: /^Access through mi-shared-storage to kv-receipts/,
    })
    expect(enter()).toBe(line)
    // Where the keyboard was last on the canvas comes first.
    act(() => web.focus())
    leave()
    expect(enter()).toBe(web)
  })

  it('Delete on a line standing for two connections, one of them selected, removes that one only', async () => {
    const t = renderWithStore(
      <div style={{ width: 1000, height: 700 }}>
        <Shortcuts />
        <Canvas />
      </div>,
      design()
        .app('web', { name: 'contoso-web-1', ...at })
        .app('web2', { name: 'contoso-web-2', ...at })
        .identity('mi', { name: 'mi-shared-storage', ...at })
        .service('st', 'storage', { name: 'receiptstore', ...at })
        .attach('web', 'mi', 'a1')
        .attach('web2', 'mi', 'a2')
        .access('web', 'st', ['Storage Blob Data Contributor'], { via: 'mi', id: 'e1' })
        .access('web2', 'st', ['Storage Blob Data Contributor'], { via: 'mi', id: 'e2' })
        .build(),
    )
    const line = await screen.findByRole('group', {
      name: /^Access through mi-shared-storage to receiptstore for contoso-web-1, contoso-web-2/,
    })
    // Chosen in the inspector (a node's connections), the keyboard then on its line.
    act(() => t.store.getState().select({ nodes: [], edges: ['e1'] }))
    line.focus()
    fireEvent.keyDown(line, { key: 'Delete' })
    expect(t.store.getState().design.edges.map((e) => e.id)).toEqual(['a1', 'a2', 'e2'])
  })
})
