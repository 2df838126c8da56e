import type { DesignerStore } from '../create-store.ts'
import type { Effects } from '../effects.ts'

const TYPES = ['hello', 'here', 'editing', 'ping', 'bye'] as const

type PresenceMessage = {
  readonly type: (typeof TYPES)[number]
  readonly tab: string
  readonly docId: string
}

function isPresence(data: unknown): data is PresenceMessage {
  const m = data as Partial<PresenceMessage> | null
  return (
    typeof m === 'object' &&
    m !== null &&
    typeof m.tab === 'string' &&
    typeof m.docId === 'string' &&
    (TYPES as readonly unknown[]).includes(m.type)
  )
}

/** How often a tab that knows of others asks whether they are still there. */
export const PING_MS = 5_000

/** What the page and the timers are: the window's, or a test's. */
export interface PresenceHost {
  /** Where the page says it goes (`pagehide`) and comes back from the back/forward cache. */
  readonly page?: {
    addEventListener(type: 'pagehide' | 'pageshow', listener: (event: PageShow) => void): void
    removeEventListener(type: 'pagehide' | 'pageshow', listener: (event: PageShow) => void): void
  }
  /** Calls `tick` every `ms` until stopped. */
  readonly every?: (ms: number, tick: () => void) => () => void
}

type PageShow = { readonly persisted?: boolean }

const browserHost = (): PresenceHost => ({
  ...(typeof window === 'undefined' ? {} : { page: window }),
  every: (ms, tick) => {
    const timer = setInterval(tick, ms)
    return () => clearInterval(timer)
  },
})

/**
 * Notices another tab with the same document open (BroadcastChannel): a tab says `hello` when it
 * opens a document and `editing` when it changes it; a tab holding the same document answers
 * `here`. Either way both tabs learn of each other and warn, since their autosaves would overwrite
 * each other's work.
 *
 * The warning goes when the other tab does: it says `bye` as its page goes (`pagehide`: closed,
 * reloaded, navigated away) and names its new document when it opens another. A tab that goes
 * without a word is found out by asking: while a tab knows of others it sends `ping` every
 * PING_MS, which they answer `here` at once, and forgets one that has not answered by its next
 * ping. Counting unanswered pings rather than seconds keeps a background tab, whose timers the
 * browser slows to once a minute, from taking a live tab for gone: messages are not held back.
 */
export function startTabPresence(
  store: DesignerStore,
  effects: Effects,
  host: PresenceHost = browserHost(),
): () => void {
  if (!effects.openChannel) return () => {}
  const channel = effects.openChannel()
  const tab = effects.newId()
  const post = (type: PresenceMessage['type']): void =>
    channel.postMessage({ type, tab, docId: store.getState().docId })
  // The other tabs with this document, and when each was last heard from.
  const others = new Map<string, number>()
  let pinged: number | undefined
  const forget = (other: string): void => {
    if (others.delete(other) && others.size === 0) store.getState().setOtherTab(false)
  }

  const onMessage = (event: MessageEvent): void => {
    const message: unknown = event.data
    if (!isPresence(message) || message.tab === tab) return
    if (message.docId !== store.getState().docId || message.type === 'bye') {
      forget(message.tab)
      return
    }
    const known = others.has(message.tab)
    others.set(message.tab, effects.clock.now())
    if (message.type === 'hello' || message.type === 'ping') post('here')
    // Only news raises the warning again: answers to pings leave a dismissed one dismissed.
    if (!known || message.type === 'hello' || message.type === 'editing')
      store.getState().setOtherTab(true)
  }
  channel.addEventListener('message', onMessage)
  post('hello')

  const stopTicking = host.every?.(PING_MS, () => {
    const asked = pinged
    if (asked !== undefined) for (const [other, heard] of others) if (heard < asked) forget(other)
    pinged = undefined
    if (others.size === 0) return
    pinged = effects.clock.now()
    post('ping')
  })

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.docId !== previous.docId) {
      // The tabs of the last document are not this one's.
      others.clear()
      pinged = undefined
      post('hello')
    } else if (state.design !== previous.design) post('editing')
  })
  const onHide = (): void => post('bye')
  // Back from the back/forward cache: the others forgot this tab when it said bye.
  const onShow = (event: PageShow): void => {
    if (event.persisted) post('hello')
  }
  host.page?.addEventListener('pagehide', onHide)
  host.page?.addEventListener('pageshow', onShow)
  return () => {
    post('bye')
    host.page?.removeEventListener('pagehide', onHide)
    host.page?.removeEventListener('pageshow', onShow)
    stopTicking?.()
    unsubscribe()
    channel.removeEventListener('message', onMessage)
    channel.close()
  }
}
