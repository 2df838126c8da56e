import { useEffect, useState } from 'react'
import { plural } from '../../lib/plural.ts'
import { listRecent, loadDoc, type RecentEntry } from '../../store/persist/session.ts'
import { useDesigner, useEffects, useStoreApi } from '../store-context.tsx'
import { Modal } from './modal.tsx'

/** Designs autosaved in this browser, most recent first. */
export function RecentDialog({ onClose }: { onClose: () => void }) {
  const store = useStoreApi()
  const effects = useEffects()
  const current = useDesigner((s) => s.docId)
  const [entries, setEntries] = useState<RecentEntry[] | null>(null)
  useEffect(() => {
    void listRecent(effects.storage).then(setEntries, () => setEntries([]))
  }, [effects])
  const open = async (docId: string): Promise<void> => {
    const doc = await loadDoc(effects.storage, docId)
    if (doc) store.getState().loadDesign(doc.design, doc)
    else store.getState().notify({ tone: 'error', title: 'That design could not be restored.' })
    onClose()
  }
  return (
    <Modal title="Recent designs" onClose={onClose}>
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
            </li>
          ))}
        </ul>
      )}
    </Modal>
  )
}
