import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { Inspector } from '@/ui/inspector/inspector.tsx'
import { Palette } from '@/ui/palette.tsx'
import { PALETTE_MIME } from '@/ui/canvas/palette-drag.ts'
import { renderWithStore } from './render.tsx'

describe('Palette', () => {
  it('offers every hosting kind, an identity, every service kind and both developer kinds', () => {
    renderWithStore(<Palette />)
    const nav = screen.getByRole('navigation', { name: 'Palette' })
    expect(nav).toBeInTheDocument()
    for (const name of [
      'Add App Service',
      'Add Function App',
      'Add AKS workload',
      'Add User-assigned identity',
      'Add Storage account',
      'Add Key Vault',
      'Add Azure SQL database',
      'Add PostgreSQL flexible server',
      'Add MySQL flexible server',
      'Add Azure Cache for Redis',
      'Add Developer group',
      'Add Developer',
    ])
      expect(screen.getByRole('button', { name })).toBeInTheDocument()
    expect(screen.getAllByRole('button')).toHaveLength(9 + 1 + 15 + 2)
  })

  it('adds a node on click, selected, as one undo step', async () => {
    const t = renderWithStore(<Palette />)
    await userEvent.click(screen.getByRole('button', { name: 'Add Key Vault' }))
    expect(t.store.getState().design.nodes).toMatchObject([
      { id: 'kv-1', kind: 'service', service: 'keyVault' },
    ])
    expect(t.store.getState().selection.nodes).toEqual(['kv-1'])
    expect(t.past()).toBe(1)
  })

  it('repeated adds do not stack nodes on one spot', async () => {
    const t = renderWithStore(<Palette />)
    await userEvent.click(screen.getByRole('button', { name: 'Add Function App' }))
    await userEvent.click(screen.getByRole('button', { name: 'Add Function App' }))
    const [a, b] = t.store.getState().design.nodes
    expect(a?.position).not.toEqual(b?.position)
  })

  it('is one tab stop; arrow keys move between items and Enter adds', async () => {
    const t = renderWithStore(
      <>
        <Palette />
        <Inspector />
      </>,
    )
    const first = screen.getByRole('button', { name: 'Add App Service' })
    await userEvent.tab()
    expect(first).toHaveFocus()
    await userEvent.keyboard('{ArrowDown}')
    expect(screen.getByRole('button', { name: 'Add Function App' })).toHaveFocus()
    await userEvent.keyboard('{End}')
    expect(screen.getByRole('button', { name: 'Add Developer' })).toHaveFocus()
    await userEvent.keyboard('{ArrowDown}')
    expect(first).toHaveFocus()
    await userEvent.keyboard('{ArrowUp}{Enter}')
    expect(t.store.getState().design.nodes).toMatchObject([
      { kind: 'developer', principal: 'user' },
    ])
    const tabbable = within(screen.getByRole('navigation', { name: 'Palette' }))
      .getAllByRole('button')
      .filter((b) => b.tabIndex === 0)
    expect(tabbable).toHaveLength(1)
  })

  it('takes the keyboard to the new node’s name after Enter, and Escape back to the item', async () => {
    const t = renderWithStore(
      <>
        <Palette />
        <Inspector />
      </>,
    )
    const item = screen.getByRole('button', { name: 'Add Key Vault' })
    item.focus()
    await userEvent.keyboard('{Enter}')
    const name = (await screen.findByRole('textbox', { name: 'Name' })) as HTMLInputElement
    await waitFor(() => expect(name).toHaveFocus())
    const added = t.store.getState().design.nodes[0]!
    expect(name).toHaveValue(added.name)
    expect([name.selectionStart, name.selectionEnd]).toEqual([0, added.name.length])
    await userEvent.keyboard('kv-orders{Enter}{Escape}')
    expect(t.store.getState().design.nodes[0]?.name).toBe('kv-orders')
    expect(item).toHaveFocus()
  })

  it('leaves the keyboard on the palette after a click', async () => {
    renderWithStore(
      <>
        <Palette />
        <Inspector />
      </>,
    )
    const item = screen.getByRole('button', { name: 'Add Key Vault' })
    await userEvent.click(item)
    await screen.findByRole('textbox', { name: 'Name' })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(item).toHaveFocus()
  })

  it('starts a drag with the node spec for the canvas', () => {
    renderWithStore(<Palette />)
    const data = new Map<string, string>()
    const dataTransfer = { setData: (k: string, v: string) => data.set(k, v), effectAllowed: '' }
    fireEvent.dragStart(screen.getByRole('button', { name: 'Add Service Bus' }), { dataTransfer })
    expect(JSON.parse(data.get(PALETTE_MIME) ?? '')).toEqual({
      kind: 'service',
      service: 'serviceBus',
    })
  })
})
