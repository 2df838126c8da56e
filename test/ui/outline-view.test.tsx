import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { Inspector } from '@/ui/inspector/inspector.tsx'
import { CenterViews } from '@/ui/outline/center-views.tsx'
import { useShortcuts } from '@/ui/shortcuts.ts'
import { useStoreApi } from '@/ui/store-context.tsx'
import { design } from '../support/builder.ts'
import { renderWithStore } from './render.tsx'

const at = { position: { x: 0, y: 0 } }
const sample = () =>
  design()
    .app('web', { name: 'contoso-web-1', ...at })
    .app('func', { name: 'contoso-func', hosting: 'functionApp', ...at })
    .identity('mi', { name: 'mi-shared-storage', ...at })
    .service('st', 'storage', { name: 'receiptstore', ...at })
    .attach('web', 'mi', 'a1')
    .access('web', 'st', ['Storage Blob Data Contributor'], { via: 'mi', id: 'e1' })
    .access('func', 'st', ['Storage Blob Data Reader'], { id: 'e2' })
    .build()

function Shortcuts() {
  useShortcuts(useStoreApi(), NO_FILES)
  return null
}
const NO_FILES = { save: () => {}, open: () => {} }

async function setup() {
  const t = renderWithStore(
    <div style={{ width: 1000, height: 700 }}>
      <Shortcuts />
      <CenterViews />
      <Inspector />
    </div>,
    sample(),
  )
  const user = userEvent.setup()
  screen.getByRole('tab', { name: 'Canvas' }).focus()
  await user.keyboard('{ArrowRight}')
  const tree = await screen.findByRole('tree', { name: 'Design outline' })
  return { ...t, user, tree }
}

const item = (name: string | RegExp) => screen.getByRole('treeitem', { name })
const active = () => document.activeElement as HTMLElement

describe('the outline view', () => {
  it('isolates a row’s name: a right-to-left override reverses only the name, not what follows', async () => {
    const spoof = 'contoso\u202E-web-1'
    const { store } = await setup()
    act(() => void store.getState().updateNode('web', { name: spoof }))
    const row = await screen.findByRole('treeitem', { name: new RegExp(`^App ${spoof},`) })
    expect([...row.querySelectorAll('bdi')].map((b) => b.textContent)).toContain(spoof)
  })

  it('switches from the canvas with the arrow keys and lists the design as a tree', async () => {
    const { tree } = await setup()
    expect(screen.getByRole('tab', { name: 'Outline' })).toHaveAttribute('aria-selected', 'true')
    expect(document.getElementById('view-canvas')).toHaveAttribute('inert')
    const apps = within(tree).getByRole('treeitem', { name: 'Apps (2)' })
    expect(apps).toHaveAttribute('aria-expanded', 'true')
    expect(apps).toHaveAttribute('aria-level', '1')
    const web = item('App contoso-web-1, App Service, system-assigned off')
    expect(web).toHaveAttribute('aria-level', '2')
    expect(web).toHaveAttribute('aria-expanded', 'false')
    expect(web).toHaveAttribute('aria-posinset', '1')
    expect(web).toHaveAttribute('aria-setsize', '2')
    // One tab stop: the first row.
    expect(
      within(tree)
        .getAllByRole('treeitem')
        .filter((r) => r.tabIndex === 0),
    ).toEqual([apps])
  })

  it('moves, opens and selects with the keyboard; the inspector follows', async () => {
    const { user, store } = await setup()
    item('Apps (2)').focus()
    await user.keyboard('{ArrowDown}{ArrowRight}{ArrowRight}{ArrowRight}{ArrowDown}')
    expect(active()).toHaveAccessibleName('Access to receiptstore: Storage Blob Data Contributor')
    expect(active()).toHaveAttribute('aria-selected', 'true')
    expect(store.getState().selection).toEqual({ nodes: [], edges: ['e1'] })
    expect(screen.getByRole('heading', { name: 'Connection' })).toBeInTheDocument()
    await user.keyboard('{ArrowLeft}{ArrowLeft}')
    expect(active()).toHaveAccessibleName('Uses identity mi-shared-storage, 1 access')
    expect(active()).toHaveAttribute('aria-expanded', 'false')
  })

  it('renames with F2 in the inspector, comes back with Escape', async () => {
    const { user, store, past } = await setup()
    item('Apps (2)').focus()
    await user.keyboard('{ArrowDown}{F2}')
    const name = await waitFor(() => {
      expect(active()).toHaveAccessibleName('Name')
      return active() as HTMLInputElement
    })
    expect(name.selectionStart).toBe(0)
    expect(name.selectionEnd).toBe('contoso-web-1'.length)
    await user.keyboard('contoso-web-one{Enter}{Escape}')
    expect(store.getState().design.nodes[0]?.name).toBe('contoso-web-one')
    expect(past()).toBe(1)
    expect(active()).toHaveAccessibleName('App contoso-web-one, App Service, system-assigned off')
  })

  it('opens a row in the inspector with Enter and connects from there', async () => {
    const { user, store } = await setup()
    item('Apps (2)').focus()
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}')
    await waitFor(() => expect(active()).toHaveAccessibleName('Name'))
    const connect = screen.getByRole('combobox', { name: 'Connect to' })
    await user.selectOptions(connect, 'mi')
    await user.click(screen.getByRole('button', { name: 'Connect' }))
    expect(
      store.getState().design.edges.some((e) => e.source === 'func' && e.target === 'mi'),
    ).toBe(true)
    // The form went away with the old selection: the keyboard stays in the inspector.
    expect(active()).toHaveAccessibleName('Connection')
    await user.keyboard('{Escape}')
    expect(active()).toHaveAccessibleName(/^Uses identity mi-shared-storage/)
    expect(active()).toHaveAttribute('aria-selected', 'true')
  })

  it('deletes the row’s connection with Delete, as one undo step', async () => {
    const { user, store, past } = await setup()
    act(() => store.getState().select({ nodes: [], edges: ['e1'] }))
    const row = item(/^Access to receiptstore: Storage Blob Data Contributor/)
    expect(row).toHaveAttribute('tabindex', '0')
    row.focus()
    await user.keyboard('{Delete}')
    expect(store.getState().design.edges.map((e) => e.id)).toEqual(['a1', 'e2'])
    expect(past()).toBe(1)
    // The focus stays in the tree, on the row that took the deleted one's place.
    expect(active()).toHaveAttribute('role', 'treeitem')
  })

  it('applies a finding’s fix from its row with Enter', async () => {
    const { user, store } = await setup()
    act(() => store.getState().select({ nodes: [], edges: ['e2'] }))
    const access = item(/^Access to receiptstore with no identity \(the app has none\)/)
    access.focus()
    await user.keyboard('{ArrowRight}{ArrowDown}')
    expect(active()).toHaveAccessibleName(/^Error missing-identity: /)
    await user.keyboard('{ArrowRight}{ArrowDown}')
    expect(active()).toHaveAccessibleName(
      'Fix: Enable the system-assigned identity of "contoso-func" and use it here',
    )
    await user.keyboard('{Enter}')
    const func = store.getState().design.nodes.find((n) => n.id === 'func')
    expect(func).toMatchObject({ systemAssigned: true })
    // Its only identity now: the access moved under it, without the finding; the focus follows.
    expect(active()).toHaveAccessibleName('Access to receiptstore: Storage Blob Data Reader')
    expect(active()).toHaveAttribute('aria-level', '4')
    expect(item('System-assigned identity, 1 access')).toHaveAttribute('aria-expanded', 'true')
  })

  it('follows a selection made elsewhere: opens the rows above it and makes it the tab stop', async () => {
    const { store } = await setup()
    act(() => store.getState().select({ nodes: [], edges: ['e1'] }))
    const row = item(/^Access to receiptstore: Storage Blob Data Contributor/)
    expect(row).toHaveAttribute('tabindex', '0')
    expect(row).toHaveAttribute('aria-level', '4')
    expect(item(/^App contoso-web-1/)).toHaveAttribute('aria-expanded', 'true')
  })

  it('copies and pastes the row’s node with Ctrl+C and Ctrl+V, and moves to the copy', async () => {
    const { user, store } = await setup()
    item('Apps (2)').focus()
    await user.keyboard('{ArrowDown}{Control>}c{/Control}{Control>}v{/Control}')
    const copy = store.getState().design.nodes.at(-1)
    // A copy is another resource: its name is its own, as its id is.
    expect(copy).toMatchObject({ kind: 'app', name: 'contoso-web-1-2' })
    expect(store.getState().selection.nodes).toEqual([copy?.id])
    expect(item(/^App contoso-web-1,/)).toHaveAttribute('tabindex', '-1')
    expect(item(/^App contoso-web-1-2,/)).toHaveAttribute('tabindex', '0')
  })
})
