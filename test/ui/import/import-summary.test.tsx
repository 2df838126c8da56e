import { act, fireEvent, screen, within } from '@testing-library/react'
import { useLayoutEffect } from 'react'
import { describe, expect, it } from 'vitest'
import { createApplyStore } from '@/store/apply/apply-store.ts'
import { templateById } from '@/templates/index.ts'
import { ApplyStoreContext } from '@/ui/apply/apply-context.tsx'
import { Canvas } from '@/ui/canvas/canvas.tsx'
import ImportDialog from '@/ui/import/import-dialog.tsx'
import { Notices } from '@/ui/notices.tsx'
import { BottomPanel } from '@/ui/panels/bottom-panel.tsx'
import { useDesigner } from '@/ui/store-context.tsx'
import { sandboxApplyEffects } from '../../support/apply-effects.ts'
import { VirtualClock } from '../../support/virtual-clock.ts'
import { renderWithStore } from '../render.tsx'

/** The demo estate imported from the in-page sandbox, with the notices shown. */
async function importDemoEstate(): Promise<void> {
  const store = createApplyStore(sandboxApplyEffects(new VirtualClock()))
  await store.getState().chooseTarget('sandbox')
  await store.getState().loadDemoEstate()
  renderWithStore(
    <ApplyStoreContext.Provider value={store}>
      <ImportDialog onClose={() => {}} />
      <Notices />
    </ApplyStoreContext.Provider>,
  )
  fireEvent.click(screen.getByRole('button', { name: 'Import contoso-prod' }))
}

describe('opening an imported design', () => {
  it('sums the import up in an informational notice, not an error alert', async () => {
    await importDemoEstate()
    // Reading the group and laying its design out takes a moment.
    const title = await screen.findByText(/^Imported contoso-prod: 5 apps/, undefined, {
      timeout: 10_000,
    })
    // The demo estate holds Owner grants (privileged-role errors): the import itself went well.
    const notice = title.closest('.notice')
    expect(notice).toHaveAttribute('role', 'status')
    expect(notice).toHaveClass('tone-info')
    expect(notice).toHaveTextContent('(privileged-role)')
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('keeps the notice to its one-line summary, the health lines and notes behind Details', async () => {
    await importDemoEstate()
    await screen.findByText(/^Imported contoso-prod: 5 apps/, undefined, { timeout: 10_000 })
    const notice = screen
      .getAllByRole('status')
      .find((s) => s.textContent?.startsWith('Imported contoso-prod'))!
    const details = within(notice).getByRole('button', { name: /^Details \(\d+\)$/ })
    expect(details).toHaveAttribute('aria-expanded', 'false')
    const health = within(notice).getByText(/2 orphaned role assignments/)
    expect(health).not.toBeVisible()
    fireEvent.click(details)
    expect(details).toHaveAttribute('aria-expanded', 'true')
    expect(health).toBeVisible()
    // Every line is there: the five health lines and the notes.
    expect(within(notice).getAllByRole('listitem')).toHaveLength(
      Number(/\((\d+)\)/.exec(details.textContent ?? '')?.[1]),
    )
    expect(within(notice).getByText(/mi-legacy, which no longer exists/)).toBeVisible()
    fireEvent.click(details)
    expect(health).not.toBeVisible()
    expect(notice).toHaveAttribute('role', 'status')
  })

  it('draws another design at once: no render shows its name over the last one’s canvas or plan count', async () => {
    const seen: { name: string; emptyCanvas: boolean; plan: string }[] = []
    /** What each commit shows: the design's name, the canvas's empty hint, the Plan tab. */
    function Probe() {
      const name = useDesigner((s) => s.design.name)
      useLayoutEffect(() => {
        seen.push({
          name,
          emptyCanvas: screen.queryByText('Start your identity topology') !== null,
          plan: screen.getByRole('tab', { name: /^Plan/ }).textContent ?? '',
        })
      })
      return null
    }
    const t = renderWithStore(
      <>
        <div style={{ width: 1000, height: 700 }}>
          <Canvas />
        </div>
        <BottomPanel />
        <Probe />
      </>,
      { name: 'Empty', nodes: [], edges: [] },
    )
    await screen.findByRole('tab', { name: 'Plan 0' })
    const next = templateById('scenario-1')!.design
    act(() => t.store.getState().loadDesign(next))
    await screen.findByRole('tab', { name: 'Plan 7' })
    const shown = seen.filter((s) => s.name === next.name)
    expect(shown.length).toBeGreaterThan(0)
    for (const s of shown) {
      expect(s.emptyCanvas).toBe(false)
      expect(s.plan).not.toBe('Plan 0')
    }
  })
})
