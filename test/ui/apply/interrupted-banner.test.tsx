import { act, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { createApplyStore } from '@/store/apply/apply-store.ts'
import { ApplyStoreContext } from '@/ui/apply/apply-context.tsx'
import { InterruptedBanner } from '@/ui/apply/interrupted-banner.tsx'
import { sandboxApplyEffects } from '../../support/apply-effects.ts'
import { VirtualClock } from '../../support/virtual-clock.ts'
import { renderWithStore } from '../render.tsx'

describe('interrupted apply banner', () => {
  it('says what a closed tab had done and offers it as a download', async () => {
    const effects = sandboxApplyEffects(new VirtualClock())
    await effects.journal.save({
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
    })
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
})
