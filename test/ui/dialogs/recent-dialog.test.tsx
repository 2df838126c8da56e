import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { saveDoc } from '@/store/persist/session.ts'
import { RecentDialog } from '@/ui/dialogs/recent-dialog.tsx'
import { EffectsContext, StoreContext } from '@/ui/store-context.tsx'
import { design } from '../../support/builder.ts'
import { testStore } from '../../store/helpers.ts'

describe('Recent designs', () => {
  it('counts one node as "1 node", not "1 nodes"', async () => {
    const t = testStore()
    const vault = design().named('Just a vault').service('kv', 'keyVault', { name: 'kv-1' }).build()
    const apps = design().named('Two apps').app('a', { name: 'a' }).app('b', { name: 'b' }).build()
    await saveDoc(t.storage, 'doc-vault', vault, { x: 0, y: 0, zoom: 1 }, 1_000)
    await saveDoc(t.storage, 'doc-apps', apps, { x: 0, y: 0, zoom: 1 }, 2_000)
    render(
      <StoreContext.Provider value={t.store}>
        <EffectsContext.Provider value={t.effects}>
          <RecentDialog onClose={() => {}} />
        </EffectsContext.Provider>
      </StoreContext.Provider>,
    )
    expect(await screen.findByRole('button', { name: /^Just a vault/ })).toHaveTextContent(
      /1 node · saved/,
    )
    expect(screen.getByRole('button', { name: /^Two apps/ })).toHaveTextContent(/2 nodes · saved/)
  })
})
