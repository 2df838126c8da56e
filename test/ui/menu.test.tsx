import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { Modal } from '@/ui/dialogs/modal.tsx'
import { MenuButton } from '@/ui/menu.tsx'

/** The toolbar's Azure menu: its items open dialogs. */
function AzureMenu() {
  const [open, setOpen] = useState(false)
  return (
    <>
      <MenuButton
        ariaLabel="Azure"
        label="Azure"
        items={[{ label: 'Import from Azure', onSelect: () => setOpen(true) }]}
      />
      {open && (
        <Modal title="Import from Azure" onClose={() => setOpen(false)}>
          <button type="button">Import sandbox-rg</button>
        </Modal>
      )}
    </>
  )
}

describe('a menu button', () => {
  it('gives the focus back to its button once an item is chosen, so a dialog it opened returns there', async () => {
    render(<AzureMenu />)
    const button = screen.getByRole('button', { name: 'Azure' })
    button.focus()
    await userEvent.keyboard('{ArrowDown}')
    expect(screen.getByRole('menuitem', { name: 'Import from Azure' })).toHaveFocus()
    await userEvent.keyboard('{Enter}')
    expect(screen.getByRole('dialog', { name: 'Import from Azure' })).toBeInTheDocument()
    await userEvent.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
    expect(button).toHaveFocus()
  })

  it('an item that opens nothing leaves the focus on the button', async () => {
    render(
      <MenuButton
        ariaLabel="Export"
        label="Export"
        items={[{ label: 'SVG', onSelect: () => {} }]}
      />,
    )
    const button = screen.getByRole('button', { name: 'Export' })
    await userEvent.click(button)
    await userEvent.click(screen.getByRole('menuitem', { name: 'SVG' }))
    expect(screen.queryByRole('menu')).not.toBeInTheDocument()
    expect(button).toHaveFocus()
  })
})
