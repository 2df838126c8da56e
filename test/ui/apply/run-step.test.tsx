import { screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import type { TimedProgress } from '@/apply/time-left.ts'
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

  it('says about how long the run has left, from its pace and the retries it waits for', async () => {
    const clock = new VirtualClock()
    const store = createApplyStore(sandboxApplyEffects(clock))
    const progress: TimedProgress[] = []
    store.subscribe((s) => {
      if (progress.at(-1) !== s.progress) progress.push(s.progress)
    })
    await store.getState().chooseTarget('sandbox')
    await store.getState().bind(scenario2)
    await store.getState().readPreview()
    const start = clock.now()
    await store.getState().run()
    // The run's progress as the store kept it: its start, each retry's next attempt by step.
    const run = progress.filter((p) => p.total > 0)
    expect(run[0]).toEqual({ startedAt: start, done: 0, total: 14, retries: {} })
    const cosmos = run.find((p) => Object.keys(p.retries).length > 0)
    const id = 'assignCosmosDataRole:mi-data:cosmos:00000000-0000-0000-0000-000000000002'
    expect(Object.keys(cosmos?.retries ?? {})).toEqual([id])
    expect(cosmos?.retries[id]).toBeGreaterThan(start)
    expect(run.at(-1)).toMatchObject({ done: 14, total: 14, retries: {} })

    // Shown part way: 10 of 40 steps in 10 s.
    store.setState({
      progress: { startedAt: clock.now() - 10_000, done: 10, total: 40, retries: {} },
    })
    renderWithStore(
      <ApplyStoreContext.Provider value={store}>
        <RunStep />
      </ApplyStoreContext.Provider>,
      scenario2,
    )
    expect(screen.getByText(/^10 \/ 40/)).toHaveTextContent('10 / 40 (25%) · about 30 s left')
  })
})
