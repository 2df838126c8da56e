import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AUTOSAVE_DELAY_MS, startAutosave, VIEW_SAVE_DELAY_MS } from '@/store/persist/autosave.ts'
import { dropLinkWhenSaved, restoreSession } from '@/store/persist/restore.ts'
import { listRecent, RECENT_LIMIT } from '@/store/persist/session.ts'
import { shareHash } from '@/store/persist/share-link.ts'
import { createDesignerStore } from '@/store/create-store.ts'
import type { Effects } from '@/store/effects.ts'
import { design } from '../../support/builder.ts'
import { testStore } from '../helpers.ts'

const sample = () =>
  design()
    .named('Receipts <script>alert(1)</script>')
    .app('api', { systemAssigned: true, position: { x: 1, y: 2 } })
    .service('st', 'storage')
    .access('api', 'st', ['Storage Blob Data Reader'], { via: 'system' })
    .build()

describe('autosave and restore', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('saves after a change and a reload restores the design and the view', async () => {
    const t = testStore(sample())
    const autosave = startAutosave(t.store, t.effects)
    t.store.getState().updateNode('api', { name: 'receipts-api' })
    t.store.getState().setViewport({ x: 12, y: 34, zoom: 0.8 })
    expect(t.store.getState().saveState).toBe('saving')
    await vi.advanceTimersByTimeAsync(400)
    expect(t.store.getState().saveState).toBe('saved')
    autosave.stop()

    // A fresh page: a new store over the same storage.
    const reloaded = createDesignerStore(t.effects)
    await restoreSession(reloaded, t.effects, '')
    const state = reloaded.getState()
    expect(state.design).toEqual(t.store.getState().design)
    expect(state.docId).toBe(t.store.getState().docId)
    expect(state.viewCommand.viewport).toEqual({ x: 12, y: 34, zoom: 0.8 })
    expect(reloaded.temporal.getState().pastStates).toHaveLength(0)
    expect([state.saveState, state.savedAt]).toEqual(['saved', t.store.getState().savedAt])
    expect(state.savedAt).not.toBeNull()
  })

  it('a change of the view alone is written once the view has rested, an edit soon', async () => {
    const t = testStore(sample())
    const setSpy = vi.spyOn(t.storage, 'set')
    const docWrites = () => setSpy.mock.calls.filter(([key]) => String(key).startsWith('doc:'))
    const autosave = startAutosave(t.store, t.effects)
    t.store.getState().setViewport({ x: 1, y: 2, zoom: 0.5 })
    await vi.advanceTimersByTimeAsync(1000)
    t.store.getState().setViewport({ x: 3, y: 4, zoom: 0.6 })
    await vi.advanceTimersByTimeAsync(1000)
    expect(docWrites()).toHaveLength(0)
    expect(t.store.getState().saveState).toBe('saving')
    await vi.advanceTimersByTimeAsync(VIEW_SAVE_DELAY_MS)
    expect(docWrites()).toHaveLength(1)
    expect(docWrites()[0]?.[1]).toMatchObject({ viewport: { x: 3, y: 4, zoom: 0.6 } })
    t.store.getState().setViewport({ x: 5, y: 6, zoom: 0.7 })
    t.store.getState().updateNode('api', { name: 'receipts-api' })
    t.store.getState().setViewport({ x: 7, y: 8, zoom: 0.8 })
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS + 100)
    expect(docWrites()).toHaveLength(2)
    expect(docWrites()[1]?.[1]).toMatchObject({ viewport: { x: 7, y: 8, zoom: 0.8 } })
    autosave.stop()
  })

  it('a burst of edits is one write', async () => {
    const t = testStore(sample())
    const setSpy = vi.spyOn(t.storage, 'set')
    const autosave = startAutosave(t.store, t.effects)
    for (let i = 0; i < 5; i++) t.store.getState().renameDesign(`n${i}`)
    await vi.advanceTimersByTimeAsync(400)
    expect(setSpy.mock.calls.filter(([key]) => String(key).startsWith('doc:'))).toHaveLength(1)
    autosave.stop()
  })

  it('flush saves at once; recent designs list the newest first and stay bounded', async () => {
    const t = testStore(sample())
    const autosave = startAutosave(t.store, t.effects)
    for (let i = 0; i < RECENT_LIMIT + 2; i++) {
      t.store.getState().loadDesign(design().named(`Design ${i}`).build())
      t.tick(1000)
      await autosave.flush()
    }
    const recent = await listRecent(t.storage)
    expect(recent).toHaveLength(RECENT_LIMIT)
    expect(recent[0]?.name).toBe(`Design ${RECENT_LIMIT + 1}`)
    const docKeys = [...t.storage.data.keys()].filter((k) => k.startsWith('doc:'))
    expect(docKeys).toHaveLength(RECENT_LIMIT)
    autosave.stop()
  })

  it('a share link opens its design over the saved session', async () => {
    const t = testStore(sample())
    const autosave = startAutosave(t.store, t.effects)
    await vi.advanceTimersByTimeAsync(0)
    t.store.getState().renameDesign('saved one')
    await autosave.flush()
    const shared = design().named('Shared').app('x').build()
    const fresh = createDesignerStore(t.effects)
    const { consumedHash } = await restoreSession(fresh, t.effects, shareHash(shared))
    expect(consumedHash).toBe(true)
    expect(fresh.getState().design).toEqual(shared)
    autosave.stop()
  })

  it('a design opened from a share link is saved without an edit, so a reload keeps it', async () => {
    const t = testStore(sample())
    const shared = design().named('Shared').app('x').build()
    const opened = createDesignerStore(t.effects)
    const { unsaved } = await restoreSession(opened, t.effects, shareHash(shared))
    expect(unsaved).toBe(true)
    const autosave = startAutosave(opened, t.effects, { unsaved })
    expect(opened.getState().saveState).toBe('saving')
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS + 100)
    expect(opened.getState().saveState).toBe('saved')
    autosave.stop()
    // The reload: the hash is gone from the address bar, so the session opens.
    const reloaded = createDesignerStore(t.effects)
    expect(await restoreSession(reloaded, t.effects, '')).toEqual({
      consumedHash: false,
      unsaved: false,
    })
    expect(reloaded.getState().design).toEqual(shared)
    expect(reloaded.getState().docId).toBe(opened.getState().docId)
    expect((await listRecent(t.storage)).map((r) => r.name)).toContain('Shared')
  })

  it('a damaged share link is reported and the saved session opens instead', async () => {
    const t = testStore(sample())
    const autosave = startAutosave(t.store, t.effects)
    t.store.getState().renameDesign('saved one')
    await autosave.flush()
    const fresh = createDesignerStore(t.effects)
    await restoreSession(fresh, t.effects, '#design=%%%garbage')
    expect(fresh.getState().design.name).toBe('saved one')
    expect(fresh.getState().notice?.tone).toBe('error')
    autosave.stop()
  })
})

describe('a share link in the address bar', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  /** An address bar holding `hash`. */
  const addressBar = (hash: string) => {
    const bar = { now: hash, hash: () => bar.now, drop: () => void (bar.now = '') }
    return bar
  }
  /** The effects of `t` with a storage whose writes wait for `release`. */
  function slowWrites(t: ReturnType<typeof testStore>): { effects: Effects; release: () => void } {
    let release = (): void => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    const storage = {
      ...t.storage,
      set: (key: string, value: unknown) => gate.then(() => t.storage.set(key, value)),
    }
    return { effects: { ...t.effects, storage }, release }
  }
  const shared = () => design().named('Shared').app('x').build()

  async function savedSession(t: ReturnType<typeof testStore>): Promise<void> {
    const autosave = startAutosave(t.store, t.effects)
    t.store.getState().renameDesign('saved one')
    await autosave.flush()
    autosave.stop()
  }

  it('stays until the design it opened is saved: a reload meanwhile opens the link again', async () => {
    const t = testStore(sample())
    await savedSession(t)
    const link = shareHash(shared())
    const bar = addressBar(link)
    const { effects, release } = slowWrites(t)
    const opened = createDesignerStore(effects)
    const { unsaved } = await restoreSession(opened, effects, link)
    const autosave = startAutosave(opened, effects, { unsaved })
    const dropping = dropLinkWhenSaved(opened, autosave, bar, link, unsaved)
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 3)
    expect(bar.hash()).toBe(link)
    const early = createDesignerStore(t.effects)
    await restoreSession(early, t.effects, bar.hash())
    expect(early.getState().design).toEqual(shared())

    release()
    await dropping
    expect(bar.hash()).toBe('')
    expect(opened.getState().saveState).toBe('saved')
    const reloaded = createDesignerStore(t.effects)
    await restoreSession(reloaded, t.effects, bar.hash())
    expect(reloaded.getState().design).toEqual(shared())
    autosave.stop()
  })

  it('goes at once when it opened nothing, and stays when its design could not be saved', async () => {
    const t = testStore(sample())
    const damaged = addressBar('#design=%%%garbage')
    await dropLinkWhenSaved(
      t.store,
      { flush: () => Promise.resolve() },
      damaged,
      damaged.hash(),
      false,
    )
    expect(damaged.hash()).toBe('')

    const link = shareHash(shared())
    const bar = addressBar(link)
    const full: Effects = {
      ...t.effects,
      storage: { ...t.storage, set: () => Promise.reject(new Error('QuotaExceededError')) },
    }
    const opened = createDesignerStore(full)
    const { unsaved } = await restoreSession(opened, full, link)
    const autosave = startAutosave(opened, full, { unsaved })
    await dropLinkWhenSaved(opened, autosave, bar, link, unsaved)
    expect(opened.getState().saveState).toBe('error')
    expect(bar.hash()).toBe(link)
    autosave.stop()
  })

  it('leaves a link pasted while the first was being saved to its own call', async () => {
    const t = testStore(sample())
    const first = shareHash(shared())
    const bar = addressBar(first)
    const { effects, release } = slowWrites(t)
    const opened = createDesignerStore(effects)
    const { unsaved } = await restoreSession(opened, effects, first)
    const autosave = startAutosave(opened, effects, { unsaved })
    const dropping = dropLinkWhenSaved(opened, autosave, bar, first, unsaved)
    const second = shareHash(design().named('Second').app('y').build())
    bar.now = second
    release()
    await dropping
    expect(bar.hash()).toBe(second)
    autosave.stop()
  })
})
