import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { createApplyStore } from '@/store/apply/apply-store.ts'
import { ApplyStoreContext } from '@/ui/apply/apply-context.tsx'
import CompareDialog from '@/ui/import/compare-dialog.tsx'
import { sandboxApplyEffects } from '../../support/apply-effects.ts'
import { LOGS, logsDesign, putAssignment, seedLogstore } from '../../support/conditional-access.ts'
import { VirtualClock } from '../../support/virtual-clock.ts'
import { renderWithStore } from '../render.tsx'

/** Compare with Azure over the sandbox, where the design's readers hold their role under `condition`. */
async function compared(condition: string) {
  const effects = sandboxApplyEffects(new VirtualClock())
  seedLogstore(effects.sandbox)
  expect(
    putAssignment(effects.sandbox, '0c0d0000-0000-4000-8000-000000000001', { condition }),
  ).toBe(201)
  const store = createApplyStore(effects)
  await store.getState().chooseTarget('sandbox')
  await store.getState().compare(logsDesign)
  renderWithStore(
    <ApplyStoreContext.Provider value={store}>
      <CompareDialog onClose={() => {}} onApply={() => {}} />
    </ApplyStoreContext.Provider>,
    logsDesign,
  )
}

describe('Compare with Azure and ABAC conditions', () => {
  it('keeps a grant Azure holds only under a condition missing, and quotes the condition as text', async () => {
    await compared(LOGS)
    const missing = screen.getByRole('region', { name: 'Missing in Azure' })
    expect(within(missing).getByRole('listitem')).toHaveTextContent(
      `Storage Blob Data Reader for Log readers on logstore Show` +
        `Azure holds this role here only under a condition, narrower than the design's grant (remove the condition in the Azure portal to grant it whole): ${LOGS}`,
    )
    expect(screen.getByRole('region', { name: 'Not in the design' })).toHaveTextContent(
      'Not in the design (0)',
    )
  })

  it('renders markup in a condition as text', async () => {
    const hostile = `${LOGS} <img src=x onerror=alert(1)>`
    await compared(hostile)
    const missing = screen.getByRole('region', { name: 'Missing in Azure' })
    expect(within(missing).getByRole('listitem')).toHaveTextContent(hostile)
    expect(missing.querySelector('img')).toBeNull()
  })
})
