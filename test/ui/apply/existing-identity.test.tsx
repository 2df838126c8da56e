import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { createApplyStore } from '@/store/apply/apply-store.ts'
import { ApplyStoreContext } from '@/ui/apply/apply-context.tsx'
import ApplyDialog from '@/ui/apply/apply-dialog.tsx'
import { design } from '../../support/builder.ts'
import { sandboxApplyEffects } from '../../support/apply-effects.ts'
import { VirtualClock } from '../../support/virtual-clock.ts'
import { renderWithStore } from '../render.tsx'

const withIdentity = design()
  .app('web', { name: 'contoso-web' })
  .identity('mi', { name: 'mi-contoso-web' })
  .attach('web', 'mi')
  .service('blob', 'storage', { name: 'contosoassets' })
  .access('web', 'blob', ['Storage Blob Data Reader'], { via: 'mi' })
  .build()

function openApply(store: ReturnType<typeof createApplyStore>): void {
  renderWithStore(
    <ApplyStoreContext.Provider value={store}>
      <ApplyDialog onClose={() => {}} />
    </ApplyStoreContext.Provider>,
    withIdentity,
  )
}

describe('an identity applied before is shown as existing, not to create', () => {
  it('at Bind and in the preview’s table of what it touches, as the preview’s steps say', async () => {
    const store = createApplyStore(sandboxApplyEffects(new VirtualClock()))
    await store.getState().chooseTarget('sandbox')
    await store.getState().bind(withIdentity)
    await store.getState().readPreview()
    await store.getState().run()
    expect(store.getState().report?.counts.created).toBeGreaterThan(0)
    openApply(store)

    await userEvent.click(await screen.findByRole('button', { name: 'Bind resources' }))
    expect(await screen.findByRole('cell', { name: 'Exists in sandbox-rg: kept' })).toBeVisible()
    await userEvent.click(await screen.findByRole('button', { name: 'Preview changes' }))
    const touched = await screen.findByRole('region', { name: 'What this touches' })
    expect(within(touched).getByRole('row', { name: /^mi-contoso-web/ })).toHaveTextContent(
      /^mi-contoso-web\s*mi-contoso-web\s*sandbox-rg$/,
    )
  })

  it('at Bind and in the table, one not in the group yet is to create there', async () => {
    const store = createApplyStore(sandboxApplyEffects(new VirtualClock()))
    await store.getState().chooseTarget('sandbox')
    openApply(store)
    await userEvent.click(await screen.findByRole('button', { name: 'Bind resources' }))
    expect(await screen.findByRole('cell', { name: 'To create in sandbox-rg' })).toBeVisible()
    await userEvent.click(await screen.findByRole('button', { name: 'Preview changes' }))
    const touched = await screen.findByRole('region', { name: 'What this touches' })
    expect(within(touched).getByRole('row', { name: /^mi-contoso-web/ })).toHaveTextContent(
      /^mi-contoso-web\s*mi-contoso-web \(to create\)\s*sandbox-rg$/,
    )
  })
})
