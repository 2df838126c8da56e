import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { createApplyStore } from '@/store/apply/apply-store.ts'
import { templateById } from '@/templates/index.ts'
import { ApplyStoreContext } from '@/ui/apply/apply-context.tsx'
import { RunStep } from '@/ui/apply/run-step.tsx'
import { sandboxApplyEffects } from '../../support/apply-effects.ts'
import { VirtualClock } from '../../support/virtual-clock.ts'
import { renderWithStore } from '../render.tsx'

/** Scenario 2: 14 steps, two of them T-SQL to run by hand. */
const scenario2 = templateById('scenario-2')!.design

describe('apply run', () => {
  it('counts the steps left to do by hand apart from the skipped ones, as the report does', async () => {
    const store = createApplyStore(sandboxApplyEffects(new VirtualClock()))
    await store.getState().chooseTarget('sandbox')
    await store.getState().bind(scenario2)
    await store.getState().readPreview()
    await store.getState().run()
    renderWithStore(
      <ApplyStoreContext.Provider value={store}>
        <RunStep />
      </ApplyStoreContext.Provider>,
      scenario2,
    )
    expect(screen.getByText(/created ·/)).toHaveTextContent(
      '12 created · 0 unchanged · 0 failed · 0 skipped · 2 manual',
    )
    // Cosmos DB looked the identity made by this run up in Entra ID before it knew it: the log
    // says why the step waited, not a bare "BadRequest".
    expect(
      screen.getAllByText(
        /^Grant Cosmos DB Built-in Data Contributor .*: Microsoft Entra ID does not know the new identity yet \(BadRequest\), retrying in \d+\.\d s$/,
      ).length,
    ).toBeGreaterThan(0)
  })
})
