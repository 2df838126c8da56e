import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { analyze } from '../../store/derived.ts'
import { useDesigner, useStoreApi } from '../store-context.tsx'
import { findInDesign } from './find.ts'
import { nodeLook } from './node-look.ts'

const kindLabel = (n: Parameters<typeof nodeLook>[0]): string => nodeLook(n).kindLabel

/**
 * Find in the design (Ctrl+K or Ctrl+F): names, kinds, roles and rule ids. A combobox (WAI-ARIA
 * 1.2): arrows move through the hits, Enter shows one (selected and brought into view, leaving a
 * focus it is not in), Escape closes the list and gives the canvas the keyboard back.
 */
export function FindBox() {
  const store = useStoreApi()
  const design = useDesigner((s) => s.design)
  const [query, setQuery] = useState('')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const input = useRef<HTMLInputElement>(null)
  const listId = useId()
  const hits = useMemo(
    () => findInDesign({ design, findings: analyze(design).findings, kindLabel }, query),
    [design, query],
  )

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent): void => {
      const key = event.key.toLowerCase()
      if (!(event.ctrlKey || event.metaKey) || event.altKey || (key !== 'k' && key !== 'f')) return
      if (document.querySelector('[aria-modal="true"]')) return
      event.preventDefault()
      input.current?.focus()
      input.current?.select()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const show = (index: number): void => {
    const hit = hits[index]
    if (!hit) return
    store.getState().focus(hit.id)
    setOpen(false)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault()
        const step = event.key === 'ArrowDown' ? 1 : -1
        setOpen(true)
        setActive((a) => (hits.length === 0 ? 0 : (a + step + hits.length) % hits.length))
        return
      }
      case 'Enter':
        event.preventDefault()
        show(active)
        return
      case 'Escape':
        event.preventDefault()
        if (open && query) setOpen(false)
        else document.querySelector<HTMLElement>('.react-flow__pane')?.focus()
        return
    }
  }
  const expanded = open && query.trim() !== ''
  const optionId = (i: number): string => `${listId}-${i}`
  return (
    <div className="find-box">
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-label="Find in design"
        aria-keyshortcuts="Control+K Control+F"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        {...(expanded && hits.length > 0 ? { 'aria-activedescendant': optionId(active) } : {})}
        placeholder="Find… (Ctrl+K)"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value)
          setActive(0)
          setOpen(true)
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label="Found" className="find-hits" hidden={!expanded}>
        {expanded && hits.length === 0 && (
          <li role="option" aria-selected={false} aria-disabled="true" className="find-none">
            Nothing matches “{query.trim()}”
          </li>
        )}
        {expanded &&
          hits.map((hit, i) => (
            <li
              key={hit.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className="find-hit"
              // Chosen before the input loses the focus (and closes the list).
              onMouseDown={(e) => {
                e.preventDefault()
                show(i)
              }}
            >
              <span className="find-title">{hit.title}</span>
              <span className="find-why">{hit.why}</span>
            </li>
          ))}
      </ul>
    </div>
  )
}
