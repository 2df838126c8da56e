import type { DesignerStore } from '../create-store.ts'
import type { Effects } from '../effects.ts'

type PresenceMessage = {
  readonly type: 'hello' | 'here' | 'editing'
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
    (m.type === 'hello' || m.type === 'here' || m.type === 'editing')
  )
}

/**
 * Notices another tab with the same document open (BroadcastChannel): a tab says `hello` when it
 * opens a document and `editing` when it changes it; a tab holding the same document answers
 * `here`. Either way both tabs learn of each other and warn, since their autosaves would overwrite
 * each other's work.
 */
export function startTabPresence(store: DesignerStore, effects: Effects): () => void {
  if (!effects.openChannel) return () => {}
  const channel = effects.openChannel()
  const tab = effects.newId()
  const post = (type: PresenceMessage['type']): void =>
    channel.postMessage({ type, tab, docId: store.getState().docId })

  const onMessage = (event: MessageEvent): void => {
    const message: unknown = event.data
    if (!isPresence(message) || message.tab === tab) return
    if (message.docId !== store.getState().docId) return
    if (message.type === 'hello') post('here')
    store.getState().setOtherTab(true)
  }
  channel.addEventListener('message', onMessage)
  post('hello')

  const unsubscribe = store.subscribe((state, previous) => {
    if (state.docId !== previous.docId) post('hello')
    else if (state.design !== previous.design) post('editing')
  })
  return () => {
    unsubscribe()
    channel.removeEventListener('message', onMessage)
    channel.close()
  }
}
