import { useEffect } from 'react'

/**
 * Escape in the inspector returns the keyboard to where it came from (the outline's active row,
 * the canvas node or line Enter was pressed on: `target`, null when there is none), when it has
 * nothing of its own to undo: a text field showing its saved value (CommitText marks it with
 * data-committed), an empty search box, a closed list, or any other control. `target` keeps its
 * identity (useCallback). Several places may ask (the palette, and the outline or the canvas): the
 * first that has somewhere to return to takes the key.
 */
export function useReturnFromInspector(target: () => HTMLElement | null | undefined): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented) return
      if (event.key !== 'Escape' || event.ctrlKey || event.altKey || event.metaKey) return
      const from = event.target as HTMLElement | null
      if (!from?.closest('aside.inspector') || !canLeave(from)) return
      const to = target()
      if (!to) return
      event.preventDefault()
      event.stopPropagation()
      to.focus()
    }
    // Capture: before the field's own Escape (revert) and the designer's (clear the selection).
    window.addEventListener('keydown', onKeyDown, true)
    return () => window.removeEventListener('keydown', onKeyDown, true)
  }, [target])
}

function canLeave(target: HTMLElement): boolean {
  if (target.getAttribute('aria-expanded') === 'true') return false
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) {
    if (target.type === 'checkbox' || target.type === 'radio') return true
    const saved = target.dataset.committed
    return saved !== undefined ? target.value === saved : target.value === ''
  }
  return true
}
