import { useMemo, useState } from 'react'
import { shareLink } from '../files/file-actions.ts'
import { useStoreApi } from '../store-context.tsx'
import { Modal } from './modal.tsx'

/** The share link: the whole design compressed into the URL, opened on load. */
export function ShareDialog({ onClose }: { onClose: () => void }) {
  const store = useStoreApi()
  const link = useMemo(() => shareLink(store, window.location), [store])
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no')
  const copy = (): void => {
    navigator.clipboard.writeText(link).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    )
  }
  return (
    <Modal
      title="Share link"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          <button type="button" className="button primary" onClick={copy} data-autofocus>
            Copy link
          </button>
        </>
      }
    >
      <p className="muted">
        The design travels inside the link (compressed): nothing is uploaded. Anyone who opens it
        gets their own copy.
      </p>
      <label className="field">
        <span className="field-label">Link ({link.length.toLocaleString()} characters)</span>
        <input className="input mono" readOnly value={link} onFocus={(e) => e.target.select()} />
      </label>
      <p role="status" className="field-hint">
        {copied === 'yes'
          ? 'Copied to the clipboard.'
          : copied === 'failed'
            ? 'Copy failed: select the link and copy it.'
            : ''}
      </p>
    </Modal>
  )
}
