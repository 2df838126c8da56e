import { useEffect, type RefObject } from 'react'

/**
 * Escape in the inspector returns the keyboard to the outline's active row, when it has nothing
 * of its own to undo: a text field showing its saved value (CommitText marks it with
 * data-committed), an empty search box, a closed list, or any other control.
 */
export function useReturnFromInspector(tree: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' || event.ctrlKey || event.altKey || event.metaKey) return
      const target = event.target as HTMLElement | null
      if (!target?.closest('aside.inspector') || !canLeave(target)) return
      // The tree's one tab stop: its active row.
      const row = tree.current?.querySelector<HTMLElement>('[role="treeitem"][tabindex="0"]')
      if (!row) return
      event.preventDefault()
      event.stopPropagation()
      row.focus()
    }
    // Capture: before the field's own Escape (revert) and the designer's (clear the selection).
    window.addEventListener('keydown', onKeyDown, true)
    return () => window.removeEventListener('keydown', onKeyDown, true)
  }, [tree])
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
