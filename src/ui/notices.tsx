import { useEffect, useId, useState } from 'react'
import type { Notice } from '../store/types.ts'
import { Icon } from './icons.tsx'
import { useDesigner, useStoreApi } from './store-context.tsx'

const AUTO_DISMISS_MS = 5000

const TONE_ICONS = { error: 'error', warning: 'warning', success: 'check', info: 'info' } as const

/**
 * Toasts and alerts. A notice with details (such as every problem of a refused file, or an
 * import's summary) or an error stays until dismissed; others fade after a few seconds. Only an
 * error is announced as an alert. An error shows its details (why a file was refused); any other
 * notice keeps them behind a Details button, so it takes one line over the canvas, not half of it.
 */
export function Notices() {
  const notice = useDesigner((s) => s.notice)
  const store = useStoreApi()
  const sticky = !!notice?.details?.length || notice?.tone === 'error'
  useEffect(() => {
    if (!notice || sticky) return
    const t = setTimeout(() => store.getState().dismissNotice(), AUTO_DISMISS_MS)
    return () => clearTimeout(t)
  }, [notice, sticky, store])
  return (
    <div className="notices" aria-live="polite">
      {notice && <NoticeCard notice={notice} key={notice.id} />}
    </div>
  )
}

function NoticeCard({ notice }: { notice: Notice }) {
  const store = useStoreApi()
  const details = notice.details ?? []
  const [open, setOpen] = useState(notice.tone === 'error')
  const detailsId = useId()
  return (
    <div
      className={`notice tone-${notice.tone}`}
      role={notice.tone === 'error' ? 'alert' : 'status'}
    >
      <span className="notice-icon" aria-hidden="true">
        <Icon name={TONE_ICONS[notice.tone]} size={18} />
      </span>
      <div className="notice-body">
        <p className="notice-title">
          {notice.title}
          {details.length > 0 && notice.tone !== 'error' && (
            <>
              {' '}
              <button
                type="button"
                className="link-button notice-toggle"
                aria-expanded={open}
                aria-controls={detailsId}
                onClick={() => setOpen((o) => !o)}
              >
                <Icon name="chevron" size={12} /> Details ({details.length})
              </button>
            </>
          )}
        </p>
        {details.length > 0 && (
          <ul className="notice-details" id={detailsId} hidden={!open}>
            {details.map((d, i) => (
              <li key={i}>
                <code>{d}</code>
              </li>
            ))}
          </ul>
        )}
      </div>
      <button
        type="button"
        className="icon-button"
        aria-label="Dismiss"
        onClick={() => store.getState().dismissNotice()}
      >
        <Icon name="close" size={14} />
      </button>
    </div>
  )
}
