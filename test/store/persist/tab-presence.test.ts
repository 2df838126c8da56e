import { describe, expect, it, onTestFinished } from 'vitest'
import type { Effects, TabChannel } from '@/store/effects.ts'
import { createDesignerStore } from '@/store/create-store.ts'
import { PING_MS, startTabPresence, type PresenceHost } from '@/store/persist/tab-presence.ts'
import { memoryStorage } from '@/store/effects.ts'

/** An in-process stand-in for BroadcastChannel: every channel hears the others, not itself. */
function bus() {
  const channels = new Set<{ listeners: Set<(e: MessageEvent) => void> }>()
  return (): TabChannel => {
    const me = { listeners: new Set<(e: MessageEvent) => void>() }
    channels.add(me)
    return {
      postMessage: (data) => {
        if (!channels.has(me)) return
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
let now = 0

/**
 * A tab on the bus with the document `docId`: its page (pagehide, pageshow), its own ticker
 * (`tick()` runs what its timer would), and `crash()`, after which it neither hears nor speaks.
 */
function tab(openChannel: () => TabChannel, docId: string) {
  let channel: TabChannel | undefined
  const effects: Effects = {
    storage: memoryStorage(),
    clock: { now: () => now },
    download: () => {},
    newId: () => `id-${++n}`,
    openChannel: () => (channel = openChannel()),
  }
  const store = createDesignerStore(effects, { name: 'x', nodes: [], edges: [] })
  store.getState().loadDesign(store.getState().design, { docId })
  const page = new EventTarget()
  let ticks: (() => void) | undefined
  const stop = startTabPresence(store, effects, {
    page: page as unknown as PresenceHost['page'],
    every: (ms, tick) => {
      expect(ms).toBe(PING_MS)
      ticks = tick
      return () => (ticks = undefined)
    },
  })
  onTestFinished(stop)
  return {
    store,
    otherTab: () => store.getState().otherTab,
    tick: () => ticks?.(),
    hide: () => page.dispatchEvent(new Event('pagehide')),
    /** Back from the back/forward cache. */
    show: () => page.dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true })),
    crash: () => {
      ticks = undefined
      channel?.close()
    },
  }
}

/** Two tabs on one bus, the second with `docB`. */
function twoTabs(docB = 'doc-1') {
  const open = bus()
  return [tab(open, 'doc-1'), tab(open, docB)] as const
}

/** PING_MS passes: every tab still running ticks. */
function later(...tabs: readonly ReturnType<typeof tab>[]): void {
  now += PING_MS
  for (const t of tabs) t.tick()
}

describe('tab presence', () => {
  it('two tabs with the same document warn each other', () => {
    const open = bus()
    const a = tab(open, 'doc-1')
    expect(a.otherTab()).toBe(false)
    const b = tab(open, 'doc-1')
    expect(a.otherTab()).toBe(true)
    expect(b.otherTab()).toBe(true)
  })

  it('tabs with different documents do not', () => {
    const [a, b] = twoTabs('doc-2')
    b.store.getState().renameDesign('edited')
    expect(a.otherTab()).toBe(false)
    expect(b.otherTab()).toBe(false)
  })

  it('an edit in another tab of the same document is noticed', () => {
    const [a, b] = twoTabs()
    a.store.getState().setOtherTab(false)
    b.store.getState().renameDesign('edited')
    expect(a.otherTab()).toBe(true)
  })

  it('the warning goes at once when the other tab closes or navigates away (pagehide)', () => {
    const [a, b] = twoTabs()
    expect(a.otherTab()).toBe(true)
    b.hide()
    expect(a.otherTab()).toBe(false)
    // Edits go on in the tab left: nothing brings the warning back.
    a.store.getState().renameDesign('edited')
    later(a)
    expect(a.otherTab()).toBe(false)
  })

  it('the warning goes when the other tab opens another design', () => {
    const [a, b] = twoTabs()
    b.store.getState().loadDesign(b.store.getState().design, { docId: 'doc-2' })
    expect(a.otherTab()).toBe(false)
    expect(b.otherTab()).toBe(false)
  })

  it('the warning goes when the other tab stops answering, without a word (a crash)', () => {
    const [a, b] = twoTabs()
    later(a, b)
    expect(a.otherTab()).toBe(true)
    b.crash()
    later(a)
    later(a)
    expect(a.otherTab()).toBe(false)
  })

  it('stays while the other tab answers, however slow its own timer (a background tab)', () => {
    const [a, b] = twoTabs()
    // The browser runs b's timer once a minute: b only answers a's pings.
    for (let i = 0; i < 24; i++) later(a)
    expect(a.otherTab()).toBe(true)
    later(b)
    expect(b.otherTab()).toBe(true)
    // Answers to pings leave a dismissed warning dismissed; news (an edit) raises it again.
    a.store.getState().setOtherTab(false)
    later(a, b)
    later(a, b)
    expect(a.otherTab()).toBe(false)
    b.store.getState().renameDesign('edited')
    expect(a.otherTab()).toBe(true)
  })

  it('a tab back from the back/forward cache says hello again', () => {
    const [a, b] = twoTabs()
    b.hide()
    expect(a.otherTab()).toBe(false)
    b.show()
    expect(a.otherTab()).toBe(true)
  })
})
