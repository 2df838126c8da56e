import { act, screen, within } from '@testing-library/react'
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

  it('finds and removes access the design no longer has from the preview, with nothing to apply', async () => {
    const before = design()
      .app('web', { name: 'contoso-web', systemAssigned: true })
      .service('blob', 'storage', { name: 'contosoassets' })
      .access('web', 'blob', ['Storage Blob Data Reader', 'Storage Queue Data Reader'], {
        via: 'system',
      })
      .build()
    const after = {
      ...before,
      edges: before.edges.map((e) =>
        e.kind === 'access' ? { ...e, roles: ['Storage Blob Data Reader'] } : e,
      ),
    }
    const store = createApplyStore(sandboxApplyEffects(new VirtualClock()))
    await store.getState().chooseTarget('sandbox')
    await store.getState().bind(before)
    await store.getState().readPreview()
    await act(() => store.getState().run())
    expect(store.getState().report?.counts.failed).toBe(0)
    // The queue role taken out of the design, and the design applied again.
    await store.getState().bind(after)
    await store.getState().readPreview()
    renderWithStore(
      <ApplyStoreContext.Provider value={store}>
        <PreviewStep />
      </ApplyStoreContext.Provider>,
      after,
    )
    expect(screen.getByRole('button', { name: 'Nothing to apply' })).toBeDisabled()
    await userEvent.click(
      screen.getByRole('button', { name: 'Find assignments the design no longer has' }),
    )
    const prune = await screen.findByRole('region', { name: 'Prune' })
    expect(within(prune).getByRole('heading')).toHaveTextContent(
      'Assignments the design no longer has (1)',
    )
    await userEvent.click(
      within(prune).getByRole('checkbox', {
        name: /^Storage Queue Data Reader for contoso-web on /,
      }),
    )
    await userEvent.click(within(prune).getByRole('checkbox', { name: /lose this access at once/ }))
    await userEvent.click(within(prune).getByRole('button', { name: 'Delete 1 assignment' }))
    expect(await within(prune).findByRole('status')).toHaveTextContent('Deleted 1.')
    expect(within(prune).getByRole('heading')).toHaveTextContent(
      'Assignments the design no longer has (0)',
    )
  })
})
