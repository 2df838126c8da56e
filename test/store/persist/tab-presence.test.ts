import { describe, expect, it } from 'vitest'
import type { Effects, TabChannel } from '@/store/effects.ts'
import { createDesignerStore } from '@/store/create-store.ts'
import { startTabPresence } from '@/store/persist/tab-presence.ts'
import { memoryStorage } from '@/store/effects.ts'

/** An in-process stand-in for BroadcastChannel: every channel hears the others, not itself. */
function bus() {
  const channels = new Set<{ listeners: Set<(e: MessageEvent) => void> }>()
  return (): TabChannel => {
    const me = { listeners: new Set<(e: MessageEvent) => void>() }
    channels.add(me)
    return {
      postMessage: (data) => {
        for (const c of channels)
          if (c !== me) for (const l of c.listeners) l({ data } as MessageEvent)
      },
      addEventListener: (_, l) => me.listeners.add(l),
      removeEventListener: (_, l) => me.listeners.delete(l),
      close: () => channels.delete(me),
    }
  }
}

let n = 0

function tab(openChannel: () => TabChannel, docId: string) {
  const effects: Effects = {
    storage: memoryStorage(),
    clock: { now: () => 0 },
    download: () => {},
    newId: () => `id-${++n}`,
    openChannel,
  }
  const store = createDesignerStore(effects, { name: 'x', nodes: [], edges: [] })
  store.getState().loadDesign(store.getState().design, { docId })
  const stop = startTabPresence(store, effects)
  return { store, stop }
}

describe('tab presence', () => {
  it('two tabs with the same document warn each other', () => {
    const open = bus()
    const a = tab(open, 'doc-1')
    expect(a.store.getState().otherTab).toBe(false)
    const b = tab(open, 'doc-1')
    expect(a.store.getState().otherTab).toBe(true)
    expect(b.store.getState().otherTab).toBe(true)
    a.stop()
    b.stop()
  })

  it('tabs with different documents do not', () => {
    const open = bus()
    const a = tab(open, 'doc-1')
    const b = tab(open, 'doc-2')
    b.store.getState().renameDesign('edited')
    expect(a.store.getState().otherTab).toBe(false)
    expect(b.store.getState().otherTab).toBe(false)
    a.stop()
    b.stop()
  })

  it('an edit in another tab of the same document is noticed', () => {
    const open = bus()
    const a = tab(open, 'doc-1')
    const b = tab(open, 'doc-1')
    a.store.getState().setOtherTab(false)
    b.store.getState().renameDesign('edited')
    expect(a.store.getState().otherTab).toBe(true)
    a.stop()
    b.stop()
  })
})
