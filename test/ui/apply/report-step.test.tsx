import { act, fireEvent, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { createApplyStore, type ApplyStore } from '@/store/apply/apply-store.ts'
import { templateById } from '@/templates/index.ts'
import { ApplyStoreContext } from '@/ui/apply/apply-context.tsx'
import { ReportStep } from '@/ui/apply/report-step.tsx'
import { sandboxApplyEffects } from '../../support/apply-effects.ts'
import { VirtualClock } from '../../support/virtual-clock.ts'
import { renderWithStore } from '../render.tsx'

/** Scenario 2: 14 steps, two of them T-SQL to run by hand. */
const scenario2 = templateById('scenario-2')!.design

/** Scenario 2 previewed in the sandbox with role assignment writes refused on contosoassets. */
async function previewedWithoutBlobRights(): Promise<ApplyStore> {
  const store = createApplyStore(sandboxApplyEffects(new VirtualClock()))
  await store.getState().chooseTarget('sandbox')
  await store.getState().bind(scenario2)
  const blob = store.getState().resources.find((r) => r.name === 'contosoassets')!
  store.getState().setSandboxFaults({ forbiddenScopes: [blob.id] })
  await store.getState().readPreview()
  return store
}

/** A design applied in the sandbox on the virtual clock, with no faults. */
async function applied(design: typeof scenario2): Promise<ApplyStore> {
  const store = createApplyStore(sandboxApplyEffects(new VirtualClock()))
  await store.getState().chooseTarget('sandbox')
  await store.getState().bind(design)
  await store.getState().readPreview()
  await store.getState().run()
  return store
}

function renderReport(store: ApplyStore) {
  renderWithStore(
    <ApplyStoreContext.Provider value={store}>
      <ReportStep onClose={() => {}} />
    </ApplyStoreContext.Provider>,
    scenario2,
  )
  return screen.getAllByRole('status')[0]!
}

/** The badge's number for a label ("2 skipped" → 2). */
function badge(label: string): number {
  const counts = screen.getByRole('list', { name: 'Report counts' })
  const item = within(counts)
    .getAllByRole('listitem')
    .find((li) => li.textContent?.endsWith(` ${label}`))
  return Number(item?.textContent?.split(' ')[0])
}

/** How many steps a report region lists, checked against the count in its name. */
function listed(title: string): number {
  const region = screen.queryByRole('region', { name: new RegExp(`^${title} \\(\\d+\\)$`) })
  if (!region) return 0
  const items = within(region).getAllByRole('listitem').length
  expect(region).toHaveAccessibleName(`${title} (${items})`)
  return items
}

describe('apply report', () => {
  it('says which grants were skipped for want of permission and what is left to do by hand, not "Applied."', async () => {
    const store = await previewedWithoutBlobRights()
    await store.getState().run()
    const headline = renderReport(store)
    expect(headline).toHaveTextContent(
      'Applied in part. 10 of 14 steps done; 2 skipped, 2 manual steps left to do by hand.',
    )
    expect(headline).toHaveClass('warn')
    // Every number shown is the length of a list shown.
    expect(badge('skipped')).toBe(listed('Skipped'))
    expect(badge('skipped')).toBe(2)
    expect(badge('manual')).toBe(listed('Manual steps'))
    expect(badge('manual')).toBe(2)
    expect(badge('failed')).toBe(listed('Failed'))
    expect(badge('created') + badge('unchanged')).toBe(10)
    expect(screen.getByText('Done: created or already in place (10)')).toBeInTheDocument()
    expect(
      within(screen.getByRole('region', { name: 'Skipped (2)' })).getAllByText(
        /you lack Microsoft\.Authorization\/roleAssignments\/write/,
      ),
    ).toHaveLength(2)
  })

  it('reports the refused grants as failures when the user chose to try them anyway', async () => {
    const store = await previewedWithoutBlobRights()
    store.getState().confirmDenied(true)
    await store.getState().run()
    const headline = renderReport(store)
    expect(headline).toHaveTextContent(
      '2 steps failed. 10 of 14 steps done; 2 manual steps left to do by hand.',
    )
    expect(headline).toHaveClass('bad')
    expect(badge('failed')).toBe(listed('Failed'))
    expect(badge('failed')).toBe(2)
  })

  it('says a cancelled run was cancelled, what it did and what it did not, in no success colour', async () => {
    const store = createApplyStore(sandboxApplyEffects(new VirtualClock()))
    await store.getState().chooseTarget('sandbox')
    await store.getState().bind(scenario2)
    await store.getState().readPreview()
    // Cancel once the identities and their attachments (5 steps) are done.
    const stop = store.subscribe((s, before) => {
      const done = (state: typeof s) => Object.keys(state.results).length
      if (done(s) === 5 && done(before) === 4) s.cancel()
    })
    await store.getState().run()
    stop()
    const headline = renderReport(store)
    expect(headline).toHaveTextContent(
      'Cancelled. 5 of 14 steps done; 7 skipped, 2 manual steps left to do by hand.',
    )
    expect(headline).not.toHaveTextContent(/failed/)
    expect(headline).toHaveClass('warn')
    expect(badge('skipped')).toBe(listed('Skipped'))
    expect(badge('created')).toBe(5)
  })

  it('says "Applied." in the success tone when every step is done', async () => {
    const store = await applied({
      ...scenario2,
      nodes: scenario2.nodes.filter((n) => n.id !== 'db'),
      edges: scenario2.edges.filter((e) => e.target !== 'db'),
    })
    const headline = renderReport(store)
    expect(headline).toHaveTextContent(/^Applied\. All 12 steps done\. Took/)
    expect(headline).toHaveClass('good')
    expect(listed('Skipped') + listed('Manual steps') + listed('Failed')).toBe(0)
  })

  it("links done steps to the portal of the run's Azure cloud, and nowhere for a sandbox run, in the page or on this machine, which says where its resources are", async () => {
    const store = await applied(scenario2)
    renderReport(store)
    fireEvent.click(screen.getByText('Done: created or already in place (12)'))
    const portalLinks = () =>
      screen.queryAllByRole('link', { name: 'Access control in the portal' })
    expect(portalLinks()).toEqual([])
    expect(
      screen.getByText(
        'These are in the sandbox in this page, not in Azure: the Azure portal has no page for them.',
      ),
    ).toBeVisible()
    // The same report, had it run against Azure (or a sandbox entered as Azure's ARM endpoint).
    const report = store.getState().report!
    const ranAt = (endpoint: string) =>
      act(() =>
        store.setState({
          target: 'azure',
          report: { ...report, target: { ...report.target, endpoint } },
        }),
      )
    ranAt('https://management.azure.com')
    const linked = report.steps.filter((s) => s.resourceId && !s.manual && s.outcome !== 'skipped')
    expect(linked.length).toBeGreaterThan(0)
    expect(portalLinks().map((a) => a.getAttribute('href'))).toEqual(
      linked.map((s) => `https://portal.azure.com/#@/resource${s.resourceId}/users`),
    )
    expect(screen.queryByText(/the Azure portal has no page for them/)).toBeNull()
    // Azure Government's resources are in its own portal.
    ranAt('https://management.usgovcloudapi.net')
    expect(portalLinks().map((a) => a.getAttribute('href'))).toEqual(
      linked.map((s) => `https://portal.azure.us/#@/resource${s.resourceId}/users`),
    )
    ranAt('https://127.0.0.1:8443')
    expect(portalLinks()).toEqual([])
    expect(
      screen.getByText(
        'These are in the sandbox at https://127.0.0.1:8443, not in Azure: the Azure portal has no page for them.',
      ),
    ).toBeVisible()
  })

  it('says how long the run took in a unit that means something: ms, s to a tenth, or min and s', async () => {
    const store = await applied(scenario2)
    const headline = renderReport(store)
    // Seven seconds of paced writes on the virtual clock.
    expect(headline).toHaveTextContent(/ Took 7\.0 s\.$/)
    // A sandbox run takes milliseconds; a large one on Azure, minutes.
    const took = (durationMs: number): string | null => {
      const report = store.getState().report!
      act(() => store.setState({ report: { ...report, durationMs } }))
      return headline.textContent
    }
    expect(took(38)).toMatch(/\. Took 38 ms\.$/)
    expect(took(999)).toMatch(/\. Took 999 ms\.$/)
    expect(took(125_000)).toMatch(/\. Took 2 min 05 s\.$/)
  })
})
