import { useEffect, useId, useRef, type ReactNode } from 'react'
import { Icon } from '../icons.tsx'

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])'

/**
 * The controls Tab reaches, in order: a closed disclosure's content is not among them (the
 * Apply dialog's last control is the summary of its closed "Sandbox settings and faults").
 */
function tabbable(dialog: HTMLElement): HTMLElement[] {
  return [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !el.closest('details:not([open]) > :not(summary)'),
  )
}

/**
 * A modal dialog: labelled, focus moves in on open and back on close, Tab stays inside,
 * Escape and the backdrop close it.
 */
export function Modal(props: {
  title: string
  onClose: () => void
  children: ReactNode
  footer?: ReactNode
  wide?: boolean
}) {
  const titleId = useId()
  const ref = useRef<HTMLDivElement>(null)
  const { onClose } = props
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    const previous = document.activeElement as HTMLElement | null
    const focusFirst = (): void =>
      (dialog.querySelector<HTMLElement>('[data-autofocus]') ?? tabbable(dialog)[0])?.focus()
    focusFirst()
    // A step that replaces the control that had the focus (Compare's button by the differences)
    // would leave the keyboard on the page behind, out of reach of Tab and Escape: it comes back
    // to where the dialog starts. Observed, not polled: the mutation that removed it says so.
    // Only when that control is gone: a blur that changes the dialog on its way (the Bind step
    // binds again as its object-id field is left) leaves the focus on the page for a moment, and
    // the browser's next Tab still goes on from the field, which must not be undone.
    let focused: Element | null = document.activeElement
    const track = (event: FocusEvent): void => {
      focused = event.target as Element
    }
    dialog.addEventListener('focusin', track)
    const lost = new MutationObserver(() => {
      const onPage = document.activeElement === null || document.activeElement === document.body
      if (onPage && !focused?.isConnected) focusFirst()
    })
    lost.observe(dialog, { childList: true, subtree: true })
    return () => {
      lost.disconnect()
      dialog.removeEventListener('focusin', track)
      previous?.focus()
    }
  }, [])
  const onKeyDown = (event: React.KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.stopPropagation()
      onClose()
      return
    }
    if (event.key !== 'Tab' || !ref.current) return
    const items = tabbable(ref.current)
    const first = items[0]
    const last = items[items.length - 1]
    if (!first || !last) return
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault()
      first.focus()
    }
  }
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={ref}
        className={`modal${props.wide ? ' wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={onKeyDown}
      >
        <header className="modal-head">
          <h2 id={titleId}>{props.title}</h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            <Icon name="close" size={16} />
          </button>
        </header>
        <div className="modal-body">{props.children}</div>
        {props.footer && <footer className="modal-foot">{props.footer}</footer>}
      </div>
    </div>
  )
}
