import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { createApplyStore } from '@/store/apply/apply-store.ts'
import { ApplyStoreContext } from '@/ui/apply/apply-context.tsx'
import CompareDialog from '@/ui/import/compare-dialog.tsx'
import { sandboxApplyEffects } from '../../support/apply-effects.ts'
import { VirtualClock } from '../../support/virtual-clock.ts'
import { renderWithStore } from '../render.tsx'

/** The sandbox's demo estate, imported and compared: two orphaned assignments to remove. */
async function compared() {
  const store = createApplyStore(sandboxApplyEffects(new VirtualClock()))
  await store.getState().chooseTarget('sandbox')
  await store.getState().loadDemoEstate()
  const { design } = await store.getState().importGroup()
  await store.getState().compare(design)
  const onClose = vi.fn()
  renderWithStore(
    <ApplyStoreContext.Provider value={store}>
      <CompareDialog onClose={onClose} onApply={() => {}} />
    </ApplyStoreContext.Provider>,
    design,
  )
  return { onClose }
}

describe('Compare with Azure: removing assignments', () => {
  it('takes the focus to the result, inside the dialog, where Escape still closes it', async () => {
    const { onClose } = await compared()
    const dialog = screen.getByRole('dialog', { name: 'Compare with Azure' })
    const orphaned = within(dialog).getByRole('region', { name: 'Orphaned' })
    fireEvent.click(within(orphaned).getByRole('button', { name: 'Remove them from Azure…' }))
    const remove = within(dialog).getByRole('button', { name: 'Remove 2 assignments' })
    remove.focus()
    fireEvent.click(remove)
    // While it runs, the button keeps the keyboard (a disabled one would drop it to the page).
    const running = within(dialog).getByRole('button', { name: 'Removing…' })
    expect(running).toHaveFocus()
    expect(running).toHaveAttribute('aria-disabled', 'true')
    expect(running).toBeEnabled()
    const result = await within(dialog).findByRole('status', {
      name: 'Removed 2 role assignments.',
    })
    await waitFor(() => expect(result).toHaveFocus())
    await within(dialog).findByText('The design and contoso-prod agree.')
    expect(result).toHaveFocus()
    fireEvent.keyDown(result, { key: 'Escape' })
    expect(onClose).toHaveBeenCalledTimes(1)
  })

  it('asks with the focus on keeping them: the button that asked is gone', async () => {
    await compared()
    const dialog = screen.getByRole('dialog', { name: 'Compare with Azure' })
    const orphaned = within(dialog).getByRole('region', { name: 'Orphaned' })
    fireEvent.click(within(orphaned).getByRole('button', { name: 'Remove them from Azure…' }))
    const ask = within(dialog).getByRole('group', { name: 'Confirm removal' })
    await waitFor(() =>
      expect(within(ask).getByRole('button', { name: 'Keep them' })).toHaveFocus(),
    )
  })
})
