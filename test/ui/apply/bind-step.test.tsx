import { act, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { createApplyStore } from '@/store/apply/apply-store.ts'
import { ApplyStoreContext } from '@/ui/apply/apply-context.tsx'
import ApplyDialog from '@/ui/apply/apply-dialog.tsx'
import type { Design } from '@/model/types.ts'
import { design } from '../../support/builder.ts'
import { sandboxApplyEffects } from '../../support/apply-effects.ts'
import { VirtualClock } from '../../support/virtual-clock.ts'
import { renderWithStore } from '../render.tsx'

/** The dialog over a sandbox holding `web&1`, a site whose id the design file refuses (`&`). */
async function bindOver(topology: Design): Promise<ReturnType<typeof createApplyStore>> {
  const effects = sandboxApplyEffects(new VirtualClock())
  const store = createApplyStore(effects)
  await store.getState().chooseTarget('sandbox')
  effects.sandbox.seed({
    resources: [{ type: 'Microsoft.Web/sites', name: 'web&1', resourceGroup: 'sandbox-rg' }],
  })
  renderWithStore(
    <ApplyStoreContext.Provider value={store}>
      <ApplyDialog onClose={() => {}} />
    </ApplyStoreContext.Provider>,
    topology,
  )
  await userEvent.click(await screen.findByRole('button', { name: 'Bind resources' }))
  await screen.findByRole('table')
  return store
}

const REFUSED =
  'nodes[0] (id "w1", name "web&1"): azure.resourceId: not an ARM resource id: the name "web&1" holds a character no ARM resource name has (< > % & \\ ? # or a control character), got the string "/subscriptions/11111111-1111-1111-1111-1…"'

describe('Bind step, a binding problem of the design as a whole (no row of its own)', () => {
  it('is listed as text and the step does not say the nodes are bound', async () => {
    // Azure names a resource as it likes; binding w1 to it writes an id the design refuses.
    await bindOver(design().app('w1', { name: 'web&1' }).build())
    expect(screen.getByRole('status')).toHaveTextContent(
      /^Binding failed: 1 problem of the design as a whole, listed below\.$/,
    )
    const list = screen.getByRole('list', { name: 'Binding problems of the design' })
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([REFUSED])
    expect(screen.getByRole('button', { name: 'Preview changes' })).toBeDisabled()
  })

  it('is listed beside the nodes that need a choice, both in the summary', async () => {
    const topology = design()
      .app('w1', { name: 'contoso-web' })
      .service('st', 'storage', { name: 'nosuchaccount' })
      .build()
    const store = await bindOver(topology)
    // Binding reports a design-wide refusal only once every node is bound; any list of problems
    // is shown whole all the same.
    const refused = { node: '(design)', message: 'azure.resourceId: refused' }
    act(() => store.setState({ problems: [...store.getState().problems, refused] }))
    expect(screen.getByRole('status')).toHaveTextContent(
      /^1 of 2 nodes needs a choice: marked below\. Binding failed: 1 problem of the design as a whole, listed below\.$/,
    )
    const list = screen.getByRole('list', { name: 'Binding problems of the design' })
    expect(within(list).getByRole('listitem')).toHaveTextContent(/^azure\.resourceId: refused$/)
  })

  it('says a one-node design is bound as one node, not "All 1 nodes"', async () => {
    await bindOver(design().app('w1', { name: 'contoso-web' }).build())
    expect(screen.getByRole('status')).toHaveTextContent(/^The node is bound\.$/)
    expect(screen.queryByRole('list', { name: 'Binding problems of the design' })).toBeNull()
  })
})
