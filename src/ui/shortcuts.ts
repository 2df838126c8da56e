import { useEffect } from 'react'
import type { DesignerStore } from '../store/create-store.ts'
import { focusPasted } from './a11y/use-focused-item-keys.ts'

export interface ShortcutActions {
  save(): void
  open(): void
}

/** Whether the key goes to a text field (where Ctrl+Z, Delete and Ctrl+C keep their text meaning). */
function isTextTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return (
    target.isContentEditable ||
    target.tagName === 'TEXTAREA' ||
    target.tagName === 'SELECT' ||
    (target.tagName === 'INPUT' &&
      !['checkbox', 'radio', 'button'].includes((target as HTMLInputElement).type))
  )
}

/** Whether the key goes to a view of the design: the canvas, the outline, or nothing. */
function onCanvas(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return true
  return target === document.body || target.closest('.react-flow, [role="tree"]') !== null
}

function inTree(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('[role="tree"]') !== null
}

/**
 * The designer's keyboard: Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z or Ctrl+Y redo, Delete/Backspace
 * remove the selection, Ctrl+C/V copy and paste nodes (the focus going to the copy), Ctrl+S
 * save, Ctrl+O open, Escape clears the selection, F focuses the view on the one selected node's
 * neighbourhood. Inside text fields only Save and Open apply; copy, paste, delete and F need the
 * focus on the canvas (or nowhere; the outline takes copy, paste and delete too).
 */
export function useShortcuts(store: DesignerStore, actions: ShortcutActions): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented) return
      const mod = event.ctrlKey || event.metaKey
      const key = event.key.toLowerCase()
      const state = store.getState()
      if (mod && key === 's') {
        event.preventDefault()
        actions.save()
        return
      }
      if (mod && key === 'o') {
        event.preventDefault()
        actions.open()
        return
      }
      if (isTextTarget(event.target)) return
      if (document.querySelector('[aria-modal="true"]')) return
      if (mod && key === 'z') {
        event.preventDefault()
        if (event.shiftKey) state.redo()
        else state.undo()
      } else if (mod && key === 'y') {
        event.preventDefault()
        state.redo()
      } else if (event.key === 'Escape') {
        state.select({ nodes: [], edges: [] })
      } else if (!onCanvas(event.target)) {
        // Copy, paste and Delete act on the selection only where a view of the design (or
        // nothing) has the focus: elsewhere they keep their usual meaning (copying a message).
        return
      } else if (mod && key === 'c') {
        if (state.selection.nodes.length === 0) return
        event.preventDefault()
        state.copySelection()
      } else if (mod && key === 'v') {
        if (!state.clipboard) return
        event.preventDefault()
        const pasted = state.paste()
        // The outline follows the selection itself; on the canvas the focus goes to the copy.
        if (!inTree(event.target)) focusPasted(store, pasted)
      } else if (!mod && (event.key === 'Delete' || event.key === 'Backspace')) {
        if (state.selection.nodes.length + state.selection.edges.length === 0) return
        event.preventDefault()
        state.removeSelection()
      } else if (
        !mod &&
        !event.altKey &&
        event.key.toLowerCase() === 'f' &&
        !inTree(event.target)
      ) {
        // Not in the outline, where a letter moves to the next row starting with it.
        const [node] = state.selection.nodes
        if (state.selection.nodes.length !== 1 || state.selection.edges.length > 0) return
        if (!node || node === state.neighbourhood) return
        event.preventDefault()
        state.showNeighbourhood(node)
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [store, actions])
}
