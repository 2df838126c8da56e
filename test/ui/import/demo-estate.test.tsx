import { fireEvent, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { createApplyStore } from '@/store/apply/apply-store.ts'
import { ApplyStoreContext } from '@/ui/apply/apply-context.tsx'
import ImportDialog from '@/ui/import/import-dialog.tsx'
import { sandboxApplyEffects } from '../../support/apply-effects.ts'
import { VirtualClock } from '../../support/virtual-clock.ts'
import { renderWithStore } from '../render.tsx'

describe('the demo estate in Import from Azure', () => {
  it('says what adding it did, and chooses its group', async () => {
    const store = createApplyStore(sandboxApplyEffects(new VirtualClock()))
    await store.getState().chooseTarget('sandbox')
    renderWithStore(
      <ApplyStoreContext.Provider value={store}>
        <ImportDialog onClose={() => {}} />
      </ApplyStoreContext.Provider>,
    )
    const said = 'contoso-prod is in the sandbox, chosen as the resource group above: Import it.'
    fireEvent.click(screen.getByRole('button', { name: 'Add the demo estate' }))
    expect(await screen.findByText(said, undefined, { timeout: 5_000 })).toHaveAttribute(
      'role',
      'status',
    )
    expect(store.getState().resourceGroup).toBe('contoso-prod')
  })
})
