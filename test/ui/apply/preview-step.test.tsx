import { act, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { createApplyStore } from '@/store/apply/apply-store.ts'
import { ApplyStoreContext } from '@/ui/apply/apply-context.tsx'
import { PreviewStep } from '@/ui/apply/preview-step.tsx'
import { ReportStep } from '@/ui/apply/report-step.tsx'
import { design } from '../../support/builder.ts'
import { sandboxApplyEffects } from '../../support/apply-effects.ts'
import { VirtualClock } from '../../support/virtual-clock.ts'
import { renderWithStore } from '../render.tsx'

/** The seeded sandbox has contoso-web and contosoassets; Owner is privileged, and the missing via is an error. */
const risky = design()
  .app('web', { name: 'contoso-web', systemAssigned: true })
  .service('blob', 'storage', { name: 'contosoassets' })
  .access('web', 'blob', ['Owner'], { via: 'system' })
  .build()

async function previewed() {
  const store = createApplyStore(sandboxApplyEffects(new VirtualClock()))
  await store.getState().chooseTarget('sandbox')
  await store.getState().bind(risky)
  await store.getState().readPreview()
  return store
}

describe('apply preview', () => {
  it('needs explicit confirmations of privileged roles and of error findings before it applies', async () => {
    const store = await previewed()
    renderWithStore(
      <ApplyStoreContext.Provider value={store}>
        <PreviewStep />
      </ApplyStoreContext.Provider>,
      risky,
    )
    const apply = screen.getByRole('button', { name: /^Apply \d+ changes?$/ })
    expect(apply).toBeDisabled()
    expect(screen.getByRole('list', { name: 'Preview counts' })).toHaveTextContent('2 to create')
    await userEvent.click(
      screen.getByRole('checkbox', { name: /privileged grants.*Owner on contosoassets/ }),
    )
    // Owner on an app's edge is also an error finding (privileged-role): that needs its own yes.
    expect(apply).toBeDisabled()
    await userEvent.click(screen.getByRole('checkbox', { name: /error finding.*Apply anyway/ }))
    expect(apply).toBeEnabled()
  })

  it('shows the report with failures, manual steps and a downloadable JSON', async () => {
    const store = await previewed()
    store.getState().confirmPrivileged(true)
    await act(() => store.getState().run())
    const r = renderWithStore(
      <ApplyStoreContext.Provider value={store}>
        <ReportStep onClose={() => {}} />
      </ApplyStoreContext.Provider>,
      risky,
    )
    expect(screen.getAllByRole('status')[0]).toHaveTextContent('Applied.')
    expect(screen.getByRole('list', { name: 'Report counts' })).toHaveTextContent('2 created')
    await userEvent.click(screen.getByRole('button', { name: 'Download report' }))
    expect(r.downloads.at(-1)?.name).toMatch(/\.apply-report\.json$/)
  })
})
