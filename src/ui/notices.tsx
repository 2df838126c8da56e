import { useEffect } from 'react'
import { Icon } from './icons.tsx'
import { useDesigner, useStoreApi } from './store-context.tsx'

const AUTO_DISMISS_MS = 5000

/**
 * Toasts and alerts. A notice with details (such as every problem of a refused file, or an
 * import's summary) or an error stays until dismissed; others fade after a few seconds. Only an
 * error is announced as an alert.
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
      {notice && (
        <div
          className={`notice tone-${notice.tone}`}
          role={notice.tone === 'error' ? 'alert' : 'status'}
          key={notice.id}
        >
          <span className="notice-icon" aria-hidden="true">
            <Icon
              name={
                notice.tone === 'error'
                  ? 'error'
                  : notice.tone === 'warning'
                    ? 'warning'
                    : notice.tone === 'success'
                      ? 'check'
                      : 'info'
              }
              size={18}
            />
          </span>
          <div className="notice-body">
            <p className="notice-title">{notice.title}</p>
            {notice.details && notice.details.length > 0 && (
              <ul className="notice-details">
                {notice.details.map((d, i) => (
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
      )}
    </div>
  )
}
