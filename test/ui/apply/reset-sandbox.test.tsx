import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { createApplyStore } from '@/store/apply/apply-store.ts'
import { ApplyStoreContext } from '@/ui/apply/apply-context.tsx'
import ApplyDialog from '@/ui/apply/apply-dialog.tsx'
import { design } from '../../support/builder.ts'
import { sandboxApplyEffects } from '../../support/apply-effects.ts'
import { VirtualClock } from '../../support/virtual-clock.ts'
import { renderWithStore } from '../render.tsx'

const small = design().app('web', { name: 'contoso-web', systemAssigned: true }).build()
const groupNames = () =>
  within(screen.getByRole('combobox', { name: 'Resource group' }))
    .getAllByRole('option')
    .map((o) => o.getAttribute('value'))

describe('Reset the sandbox', () => {
  it('asks first (keeping is the focused answer), then says what it did and lists the groups left', async () => {
    const store = createApplyStore(sandboxApplyEffects(new VirtualClock()))
    renderWithStore(
      <ApplyStoreContext.Provider value={store}>
        <ApplyDialog onClose={() => {}} />
      </ApplyStoreContext.Provider>,
      small,
    )
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Resource group' })).toHaveValue('sandbox-rg'),
    )
    await store.getState().loadDemoEstate()
    await waitFor(() => expect(groupNames()).toContain('contoso-prod'))

    await userEvent.click(screen.getByText('Sandbox settings and faults'))
    await userEvent.click(screen.getByRole('button', { name: 'Reset the sandbox…' }))
    const ask = screen.getByRole('group', { name: 'Reset the sandbox' })
    expect(within(ask).getByRole('button', { name: 'Keep it' })).toHaveFocus()
    await userEvent.keyboard('{Enter}')
    expect(groupNames()).toContain('contoso-prod')

    await userEvent.click(screen.getByRole('button', { name: 'Reset the sandbox…' }))
    await userEvent.click(screen.getByRole('button', { name: 'Reset' }))
    await waitFor(() => expect(groupNames()).toEqual(['sandbox-rg']))
    expect(screen.getByRole('combobox', { name: 'Resource group' })).toHaveValue('sandbox-rg')
    expect(
      screen.getByText(
        'The sandbox is back to its seeded state: only sandbox-rg and its resources.',
      ),
    ).toBeVisible()
  })
})
