import { describe, expect, it } from 'vitest'
import { startAutosave } from '@/store/persist/autosave.ts'
import {
  docKey,
  listRecent,
  RECENT_KEY,
  RECENT_LIMIT,
  saveDoc,
  type RecentEntry,
} from '@/store/persist/session.ts'
import { designToJson } from '@/model/serialize.ts'
import type { Design } from '@/model/types.ts'
import { design } from '../../support/builder.ts'
import { testStore } from '../helpers.ts'

const VIEW = { x: 0, y: 0, zoom: 1 }

const receipts = (): Design =>
  design()
    .named('Receipts')
    .app('api', { position: { x: 0, y: 0 } })
    .service('st', 'storage', { position: { x: 300, y: 0 } })
    .access('api', 'st', ['Storage Blob Data Reader'])
    .build()

const docKeys = (t: ReturnType<typeof testStore>): string[] =>
  [...t.storage.data.keys()].filter((k) => k.startsWith('doc:')).sort()

describe('recent designs: each design once', () => {
  it('a design opened again (a file, a template, a link) is listed once, the newest', async () => {
    const t = testStore()
    const autosave = startAutosave(t.store, t.effects)
    for (let i = 0; i < 3; i++) {
      // Every open is a new document (a new id): the same file opened three times.
      t.store.getState().loadDesign(receipts())
      t.tick(1000)
      await autosave.flush()
    }
    const recent = await listRecent(t.storage)
    expect(recent.map((r) => [r.docId, r.name])).toEqual([['id-4', 'Receipts']])
    // The copies left out are not kept unreachable in storage.
    expect(docKeys(t)).toEqual([docKey('id-4')])
    autosave.stop()
  })

  it('is most recent first, and a design edited since it was opened is a design of its own', async () => {
    const t = testStore()
    const autosave = startAutosave(t.store, t.effects)
    const open = async (d: Design): Promise<void> => {
      t.store.getState().loadDesign(d)
      t.tick(1000)
      await autosave.flush()
    }
    await open(receipts())
    t.store.getState().updateNode('api', { name: 'receipts-api' })
    await autosave.flush()
    await open(design().named('Other').app('x').build())
    await open(receipts())
    const recent = await listRecent(t.storage)
    expect(recent.map((r) => [r.docId, r.name])).toEqual([
      ['id-4', 'Receipts'],
      ['id-3', 'Other'],
      ['id-2', 'Receipts'],
    ])
    // Opening the edited one's original again leaves that edit where it was.
    const edited = (t.storage.data.get(docKey('id-2')) as { design: { nodes: { name: string }[] } })
      .design
    expect(edited.nodes[0]?.name).toBe('receipts-api')
    autosave.stop()
  })

  it('keeps the cap in distinct designs', async () => {
    const t = testStore()
    for (let i = 0; i < RECENT_LIMIT + 3; i++) {
      await saveDoc(t.storage, `a-${i}`, receipts(), VIEW, 1000 + i)
      await saveDoc(t.storage, `b-${i}`, design().named(`Design ${i}`).build(), VIEW, 2000 + i)
    }
    const recent = await listRecent(t.storage)
    expect(recent).toHaveLength(RECENT_LIMIT)
    expect(recent.filter((r) => r.name === 'Receipts').map((r) => r.docId)).toEqual([
      `a-${RECENT_LIMIT + 2}`,
    ])
    expect(recent[0]?.name).toBe(`Design ${RECENT_LIMIT + 2}`)
    expect(docKeys(t)).toHaveLength(RECENT_LIMIT)
  })

  it('shows a list stored with duplicates once each, the newest first', async () => {
    const t = testStore()
    const stored = (docId: string, d: Design, savedAt: number): RecentEntry => {
      t.storage.data.set(docKey(docId), {
        version: 1,
        docId,
        design: designToJson(d),
        viewport: VIEW,
        savedAt,
      })
      return { docId, name: d.name, savedAt, nodes: d.nodes.length }
    }
    const list = [
      stored('c', receipts(), 5000),
      stored('b', design().named('Other').build(), 4000),
      stored('a2', receipts(), 3000),
      // Same name and size, other content: another design.
      stored(
        'moved',
        { ...receipts(), nodes: receipts().nodes.map((n) => ({ ...n, position: { x: 1, y: 1 } })) },
        2500,
      ),
      stored('a1', receipts(), 2000),
    ]
    t.storage.data.set(RECENT_KEY, list)
    expect((await listRecent(t.storage)).map((r) => r.docId)).toEqual(['c', 'b', 'moved'])
  })

  it('compares copies at a document’s first save only, not at every autosave after it', async () => {
    const t = testStore()
    const moved = {
      ...receipts(),
      nodes: receipts().nodes.map((n) => ({ ...n, position: { x: 1, y: 1 } })),
    }
    await saveDoc(t.storage, 'edited', moved, VIEW, 1000)
    await saveDoc(t.storage, 'open', receipts(), VIEW, 2000)
    const read: string[] = []
    const get = t.storage.get.bind(t.storage)
    t.storage.get = (key) => {
      read.push(key)
      return get(key)
    }
    // Same name and size as 'edited', other content: both stay listed, and autosaves of 'open'
    // leave 'edited' unread.
    for (let i = 0; i < 3; i++) await saveDoc(t.storage, 'open', receipts(), VIEW, 3000 + i)
    expect(read).toEqual([RECENT_KEY, RECENT_KEY, RECENT_KEY])
    expect((await listRecent(t.storage)).map((r) => r.docId)).toEqual(['open', 'edited'])
  })
})
