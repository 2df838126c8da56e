import { render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { designToJson } from '@/model/serialize.ts'
import { docKey, RECENT_KEY, saveDoc } from '@/store/persist/session.ts'
import { RecentDialog } from '@/ui/dialogs/recent-dialog.tsx'
import { EffectsContext, StoreContext } from '@/ui/store-context.tsx'
import { design } from '../../support/builder.ts'
import { testStore } from '../../store/helpers.ts'

function renderDialog(t: ReturnType<typeof testStore>): void {
  render(
    <StoreContext.Provider value={t.store}>
      <EffectsContext.Provider value={t.effects}>
        <RecentDialog onClose={() => {}} />
      </EffectsContext.Provider>
    </StoreContext.Provider>,
  )
}

describe('Recent designs', () => {
  it('counts one node as "1 node", not "1 nodes"', async () => {
    const t = testStore()
    const vault = design().named('Just a vault').service('kv', 'keyVault', { name: 'kv-1' }).build()
    const apps = design().named('Two apps').app('a', { name: 'a' }).app('b', { name: 'b' }).build()
    await saveDoc(t.storage, 'doc-vault', vault, { x: 0, y: 0, zoom: 1 }, 1_000)
    await saveDoc(t.storage, 'doc-apps', apps, { x: 0, y: 0, zoom: 1 }, 2_000)
    renderDialog(t)
    expect(await screen.findByRole('button', { name: /^Just a vault/ })).toHaveTextContent(
      /1 node · saved/,
    )
    expect(screen.getByRole('button', { name: /^Two apps/ })).toHaveTextContent(/2 nodes · saved/)
  })

  it('lists a design opened several times once, the most recent first', async () => {
    const t = testStore()
    const vault = design().named('Just a vault').service('kv', 'keyVault', { name: 'kv-1' }).build()
    const apps = design().named('Two apps').app('a', { name: 'a' }).app('b', { name: 'b' }).build()
    // A list stored before designs were listed once: the vault opened three times.
    const list = (
      [
        ['vault-3', vault, 4_000],
        ['apps', apps, 3_000],
        ['vault-2', vault, 2_000],
        ['vault-1', vault, 1_000],
      ] as const
    ).map(([docId, d, savedAt]) => {
      t.storage.data.set(docKey(docId), {
        version: 1,
        docId,
        design: designToJson(d),
        viewport: { x: 0, y: 0, zoom: 1 },
        savedAt,
      })
      return { docId, name: d.name, savedAt, nodes: d.nodes.length }
    })
    t.storage.data.set(RECENT_KEY, list)
    renderDialog(t)
    const items = within(await screen.findByRole('list')).getAllByRole('button')
    expect(items).toHaveLength(2)
    expect(items[0]).toHaveAccessibleName(/^Just a vault/)
    expect(items[1]).toHaveAccessibleName(/^Two apps/)
    expect(items[0]).toHaveTextContent(new Date(4_000).toLocaleString())
  })
})
