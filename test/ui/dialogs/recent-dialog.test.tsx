import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { designToJson } from '@/model/serialize.ts'
import { docKey, loadDoc, RECENT_KEY, saveDoc } from '@/store/persist/session.ts'
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
    const items = within(await screen.findByRole('list')).getAllByRole('button', { name: /saved/ })
    expect(items).toHaveLength(2)
    expect(items[0]).toHaveAccessibleName(/^Just a vault/)
    expect(items[1]).toHaveAccessibleName(/^Two apps/)
    expect(items[0]).toHaveTextContent(new Date(4_000).toLocaleString())
  })
})

describe('Recent designs: removing one', () => {
  const VIEW = { x: 0, y: 0, zoom: 1 }

  async function threeSaved(t: ReturnType<typeof testStore>): Promise<void> {
    const named = (name: string, app: string) =>
      design().named(name).app(app, { name: app }).build()
    await saveDoc(t.storage, 'doc-old', named('Old sketch', 'a'), VIEW, 1_000)
    await saveDoc(t.storage, 'doc-mid', named('Untitled design', 'b'), VIEW, 2_000)
    await saveDoc(t.storage, 'doc-new', named('Receipts', 'c'), VIEW, 3_000)
  }
  const titles = (): string[] =>
    within(screen.getByRole('list'))
      .getAllByRole('button', { name: /saved/ })
      .map((b) => b.querySelector('.template-title')!.textContent!)

  it('removes a design from this browser: its line and its stored copy', async () => {
    const t = testStore()
    await threeSaved(t)
    renderDialog(t)
    fireEvent.click(
      await screen.findByRole('button', { name: 'Remove Untitled design from this browser' }),
    )
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Removed “Untitled design” from this browser. Undo',
    )
    expect(titles()).toEqual(['Receipts', 'Old sketch'])
    expect(screen.getByRole('button', { name: 'Undo' })).toHaveFocus()
    expect(t.storage.data.has(docKey('doc-mid'))).toBe(false)
    expect((t.storage.data.get(RECENT_KEY) as { docId: string }[]).map((e) => e.docId)).toEqual([
      'doc-new',
      'doc-old',
    ])
  })

  it('puts it back in its place on Undo, the same document as before', async () => {
    const t = testStore()
    await threeSaved(t)
    const before = structuredClone(t.storage.data.get(docKey('doc-mid')))
    renderDialog(t)
    fireEvent.click(
      await screen.findByRole('button', { name: 'Remove Untitled design from this browser' }),
    )
    fireEvent.click(await screen.findByRole('button', { name: 'Undo' }))
    await waitFor(() => expect(titles()).toEqual(['Receipts', 'Untitled design', 'Old sketch']))
    expect(screen.queryByRole('status')).toBeNull()
    expect(t.storage.data.get(docKey('doc-mid'))).toEqual(before)
    const reopened = await loadDoc(t.storage, 'doc-mid')
    expect(reopened?.design.nodes.map((n) => n.name)).toEqual(['b'])
  })

  it('offers no removal of the design that is open', async () => {
    const t = testStore()
    await threeSaved(t)
    t.store.setState({ docId: 'doc-new' })
    renderDialog(t)
    await screen.findByRole('button', { name: /^Receipts/ })
    expect(screen.queryByRole('button', { name: 'Remove Receipts from this browser' })).toBeNull()
    expect(
      screen.getAllByRole('button', { name: /from this browser$/ }).map((b) => b.ariaLabel),
    ).toEqual(['Remove Untitled design from this browser', 'Remove Old sketch from this browser'])
  })
})
