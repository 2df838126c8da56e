import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { createApplyStore } from '@/store/apply/apply-store.ts'
import { ApplyStoreContext } from '@/ui/apply/apply-context.tsx'
import ApplyDialog from '@/ui/apply/apply-dialog.tsx'
import { design } from '../../support/builder.ts'
import { sandboxApplyEffects } from '../../support/apply-effects.ts'
import { VirtualClock } from '../../support/virtual-clock.ts'
import { renderWithStore } from '../render.tsx'

const small = design()
  .app('web', { name: 'contoso-web', systemAssigned: true })
  .service('blob', 'storage', { name: 'contosoassets' })
  .access('web', 'blob', ['Storage Blob Data Reader'], { via: 'system' })
  .build()

describe('the Apply dialog, whole, over a store handed in through context', () => {
  it('goes from the target to the report against the in-memory sandbox, and closes', async () => {
    const store = createApplyStore(sandboxApplyEffects(new VirtualClock()))
    let closed = 0
    renderWithStore(
      <ApplyStoreContext.Provider value={store}>
        <ApplyDialog onClose={() => closed++} />
      </ApplyStoreContext.Provider>,
      small,
    )
    const dialog = screen.getByRole('dialog', { name: 'Apply to the sandbox' })
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Resource group' })).toHaveValue('sandbox-rg'),
    )
    await userEvent.click(screen.getByRole('button', { name: 'Bind resources' }))
    await userEvent.click(await screen.findByRole('button', { name: 'Preview changes' }))
    await userEvent.click(await screen.findByRole('button', { name: 'Apply 2 changes' }))
    await waitFor(() => expect(screen.getAllByRole('status')[0]).toHaveTextContent('Applied.'))
    expect(screen.getByRole('list', { name: 'Report counts' })).toHaveTextContent('2 created')
    expect(dialog).toHaveAttribute('aria-modal', 'true')
    await userEvent.click(screen.getByRole('button', { name: 'Done' }))
    expect(closed).toBe(1)
  })
})
