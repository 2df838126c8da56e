import { useCallback, useEffect, useRef, useState } from 'react'
import { plural } from '../../lib/plural.ts'
import {
  forgetDoc,
  listRecent,
  loadDoc,
  rememberDoc,
  type ForgottenDoc,
  type RecentEntry,
} from '../../store/persist/session.ts'
import { Icon } from '../icons.tsx'
import { useDesigner, useEffects, useStoreApi } from '../store-context.tsx'
import { Modal } from './modal.tsx'

/**
 * Designs autosaved in this browser, most recent first. Each but the open one can be removed
 * from this browser; the last removal can be undone while the dialog is open.
 */
export function RecentDialog({ onClose }: { onClose: () => void }) {
  const store = useStoreApi()
  const effects = useEffects()
  const current = useDesigner((s) => s.docId)
  const [entries, setEntries] = useState<RecentEntry[] | null>(null)
  const [removed, setRemoved] = useState<ForgottenDoc | null>(null)
  // The remove button goes with its row: the keyboard goes to Undo rather than to the page.
  const undoButton = useRef<HTMLButtonElement>(null)
  useEffect(() => undoButton.current?.focus(), [removed])
  // A list that cannot be read shows as empty.
  const refresh = useCallback(
    (): Promise<void> => listRecent(effects.storage).then(setEntries, () => setEntries([])),
    [effects],
  )
  useEffect(() => void refresh(), [refresh])
  const open = async (docId: string): Promise<void> => {
    const doc = await loadDoc(effects.storage, docId)
    if (doc) store.getState().loadDesign(doc.design, doc)
    else store.getState().notify({ tone: 'error', title: 'That design could not be restored.' })
    onClose()
  }
  const remove = async (docId: string): Promise<void> => {
    setRemoved((await forgetDoc(effects.storage, docId)) ?? null)
    await refresh()
  }
  const undo = async (forgotten: ForgottenDoc): Promise<void> => {
    await rememberDoc(effects.storage, forgotten)
    setRemoved(null)
    await refresh()
  }
  return (
    <Modal title="Recent designs" onClose={onClose}>
      {removed && (
        <p className="recent-removed" role="status">
          Removed “{removed.entry.name}” from this browser.{' '}
          <button
            ref={undoButton}
            type="button"
            className="link-button"
            onClick={() => void undo(removed)}
          >
            Undo
          </button>
        </p>
      )}
      {entries === null ? (
        <p className="muted">Loading…</p>
      ) : entries.length === 0 ? (
        <p className="muted">No designs saved in this browser yet.</p>
      ) : (
        <ul className="recent-list">
          {entries.map((e) => (
            <li key={e.docId}>
              <button
                type="button"
                className="template"
                disabled={e.docId === current}
                onClick={() => void open(e.docId)}
              >
                <span className="template-title">{e.name}</span>
                <span className="template-meta">
                  {plural(e.nodes, 'node')} · saved {new Date(e.savedAt).toLocaleString()}
                  {e.docId === current ? ' · open now' : ''}
                </span>
              </button>
              {e.docId !== current && (
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove ${e.name} from this browser`}
                  title="Remove from this browser"
                  onClick={() => void remove(e.docId)}
                >
                  <Icon name="trash" size={16} />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Modal>
  )
}
