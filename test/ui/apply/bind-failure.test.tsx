import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { createApplyStore } from '@/store/apply/apply-store.ts'
import { templateById } from '@/templates/index.ts'
import { ApplyStoreContext } from '@/ui/apply/apply-context.tsx'
import ApplyDialog from '@/ui/apply/apply-dialog.tsx'
import { sandboxApplyEffects } from '../../support/apply-effects.ts'
import { VirtualClock } from '../../support/virtual-clock.ts'
import { renderWithStore } from '../render.tsx'

/** The dialog over the sandbox on Scenario 2, with the target chosen and the group listed. */
async function openDialog(): Promise<void> {
  const store = createApplyStore(sandboxApplyEffects(new VirtualClock()))
  renderWithStore(
    <ApplyStoreContext.Provider value={store}>
      <ApplyDialog onClose={() => {}} />
    </ApplyStoreContext.Provider>,
    templateById('scenario-2')!.design,
  )
  await waitFor(() =>
    expect(screen.getByRole('combobox', { name: 'Resource group' })).toHaveValue('sandbox-rg'),
  )
}

/** Sets the sandbox's share of requests answered 500/503, through its settings. */
async function serverErrors(percent: number) {
  const field = screen.getByRole('spinbutton', { name: 'Server errors (% of requests)' })
  await userEvent.clear(field)
  await userEvent.type(field, String(percent))
}

describe('binding when ARM fails to list the group (before anything is written)', () => {
  it('says binding changed nothing in Azure and offers to retry the binding, not to re-run apply', async () => {
    await openDialog()
    await userEvent.click(screen.getByText('Sandbox settings and faults'))
    await serverErrors(100)
    await userEvent.click(screen.getByRole('button', { name: 'Bind resources' }))
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent(/InternalServerError \(500\)|ServiceUnavailable \(503\)/)
    expect(alert).toHaveTextContent(
      'Binding only reads the resource group: it changed nothing in Azure. Retry the binding.',
    )
    expect(alert).not.toHaveTextContent(/Re-run apply|completed steps are kept/)

    await serverErrors(0)
    await userEvent.click(screen.getByRole('button', { name: 'Retry binding' }))
    expect(await screen.findByText('All 9 nodes are bound.')).toBeInTheDocument()
    expect(screen.queryByRole('alert')).toBeNull()
  })
})
