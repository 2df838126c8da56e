import { useEffect, useId, useRef, useState, type ReactNode } from 'react'

export interface MenuItem {
  readonly label: string
  readonly onSelect: () => void
  readonly icon?: ReactNode
}

/** A menu button: Enter/Space/ArrowDown opens, arrows move, Escape closes and returns focus. */
export function MenuButton(props: {
  label: ReactNode
  ariaLabel: string
  items: readonly MenuItem[]
  /** In the toolbar: the window width below which the label hides (see toolbar.tsx). */
  foldBelow?: number
}) {
  const [open, setOpen] = useState(false)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const menuRef = useRef<HTMLUListElement>(null)
  const id = useId()
  useEffect(() => {
    if (!open) return
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus()
    const close = (e: MouseEvent): void => {
      if (!menuRef.current?.contains(e.target as Node) && e.target !== buttonRef.current)
        setOpen(false)
    }
    document.addEventListener('mousedown', close)
    return () => document.removeEventListener('mousedown', close)
  }, [open])
  const onMenuKey = (e: React.KeyboardEvent): void => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])]
    const at = items.indexOf(document.activeElement as HTMLElement)
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault()
      const next = (at + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length
      items[next]?.focus()
    } else if (e.key === 'Escape' || e.key === 'Tab') {
      if (e.key === 'Escape') e.preventDefault()
      setOpen(false)
      buttonRef.current?.focus()
    }
  }
  return (
    <div className="menu-wrap">
      <button
        ref={buttonRef}
        type="button"
        className={`tool${props.foldBelow ? ` fold-below-${props.foldBelow}` : ''}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={id}
        aria-label={props.ariaLabel}
        // Its name on hover too when the label is hidden (narrow windows).
        title={props.ariaLabel}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault()
            setOpen(true)
          }
        }}
      >
        {props.label}
      </button>
      {open && (
        <ul
          ref={menuRef}
          id={id}
          role="menu"
          className="menu"
          aria-label={props.ariaLabel}
          onKeyDown={onMenuKey}
        >
          {props.items.map((item) => (
            <li key={item.label} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                onClick={() => {
                  setOpen(false)
                  // The item goes with the menu: the focus returns to the button first (a dialog
                  // the item opens then returns it there on close), unless the item moves it.
                  buttonRef.current?.focus()
                  item.onSelect()
                }}
              >
                {item.icon}
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
