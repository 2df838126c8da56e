import { act, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { ApplyJournal } from '@/apply/ports.ts'
import { createApplyStore } from '@/store/apply/apply-store.ts'
import { ApplyStoreContext } from '@/ui/apply/apply-context.tsx'
import { ApplyButton } from '@/ui/apply/apply-button.tsx'
import ApplyDialog from '@/ui/apply/apply-dialog.tsx'
import { InterruptedBanner } from '@/ui/apply/interrupted-banner.tsx'
import { sandboxApplyEffects } from '../../support/apply-effects.ts'
import { VirtualClock } from '../../support/virtual-clock.ts'
import { renderWithStore } from '../render.tsx'

const JOURNAL: ApplyJournal = {
  design: 'Orders',
  target: 'azure',
  subscriptionId: 's',
  resourceGroup: 'rg-orders',
  startedAt: 0,
  total: 10,
  steps: [
    { id: 'a', kind: 'assignRole', title: 'Grant A', outcome: 'created', attempts: 1 },
    { id: 'b', kind: 'assignRole', title: 'Grant B', outcome: 'failed', attempts: 3 },
  ],
}

describe('interrupted apply banner', () => {
  it('says what a closed tab had done and offers it as a download', async () => {
    const effects = sandboxApplyEffects(new VirtualClock())
    await effects.journal.save(JOURNAL)
    const store = createApplyStore(effects)
    await act(() => store.getState().checkInterrupted())
    const r = renderWithStore(
      <ApplyStoreContext.Provider value={store}>
        <InterruptedBanner />
      </ApplyStoreContext.Provider>,
    )
    expect(screen.getByRole('alert')).toHaveTextContent(
      'after 2 of 10 steps: 1 created, 0 unchanged, 1 failed',
    )
    await userEvent.click(screen.getByRole('button', { name: 'Download what was done' }))
    expect(JSON.parse(String(r.downloads.at(-1)?.data)).steps).toHaveLength(2)
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }))
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('is shown when the Apply dialog opens: nothing else reads the journal', async () => {
    const effects = sandboxApplyEffects(new VirtualClock())
    await effects.journal.save(JOURNAL)
    renderWithStore(
      <ApplyStoreContext.Provider value={createApplyStore(effects)}>
        <ApplyDialog onClose={() => {}} />
      </ApplyStoreContext.Provider>,
    )
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'An apply of Orders to rg-orders (azure) stopped when its tab closed, after 2 of 10 steps',
    )
  })

  it('is said by the page at start, before Apply is opened or its code loaded', async () => {
    let loaded = 0
    const r = renderWithStore(
      <ApplyButton
        loadStore={() => {
          loaded++
          return Promise.reject(new Error('not loaded in this test'))
        }}
        interrupted={() => Promise.resolve(JOURNAL)}
      />,
    )
    await waitFor(() =>
      expect(r.store.getState().notice).toMatchObject({
        tone: 'warning',
        title:
          'An apply of Orders to rg-orders stopped when its tab closed, after 2 of 10 steps: open Apply to see what it did; applying again finishes it.',
      }),
    )
    expect(loaded).toBe(0)
  })
})
