import { useCallback, useRef, type KeyboardEvent, type RefObject } from 'react'
import { focusInspector } from '../outline/inspector-focus.ts'
import { useReturnFromInspector } from '../outline/use-return-from-inspector.ts'
import type { DesignerStore } from '../../store/create-store.ts'
import { useStoreApi } from '../store-context.tsx'

/** The canvas's nodes and lines that take the focus (groups' cards do not), in page order. */
const ITEMS = '.react-flow__edge[tabindex], .react-flow__node[tabindex]'
/** The canvas draws a removal in a deferred render: wait this many frames for it at most. */
const DRAWN_WITHIN = 30

/**
 * Delete, Backspace and Ctrl/Cmd+C act on the selection (shortcuts.ts), but on the canvas the
 * arrow keys and ] / [ move the focus without selecting (Enter selects). A node or line that has
 * the focus and is not selected is what the key is meant for, not a selection elsewhere, perhaps
 * out of view: it becomes the selection first. After Delete the focus goes to the node or line now
 * in the removed one's place (the Canvas tab when none is left), never to the page. Enter selects
 * the focused node or line and takes the keyboard to the inspector's first field, as the outline's
 * Enter does; Escape there comes back to it. Returns the canvas's keydown handler; it runs before
 * the designer's own (on the window).
 */
export function useFocusedItemKeys(
  membersOf: RefObject<(id: string) => readonly string[]>,
  /** Where Tab would enter the canvas now (use-tab-stop.ts). */
  entry: () => HTMLElement | null,
): (event: KeyboardEvent) => void {
  const store = useStoreApi()
  // The node or line Enter took to the inspector: Escape there returns to it while it is still
  // drawn, selected and the canvas is the view shown. When the inspector has moved the selection
  // on (one of the node's connections, a connection's end), to where Tab would enter the canvas,
  // which follows the selection, if it is selected.
  const editing = useRef<HTMLElement | null>(null)
  const returnTo = useCallback(() => {
    if (!editing.current || store.getState().centerView !== 'canvas') return null
    const { selection } = store.getState()
    const selected = (item: HTMLElement | null): item is HTMLElement => {
      const id = item?.dataset.id
      if (!item?.isConnected || id === undefined) return false
      return item.classList.contains('react-flow__node')
        ? selection.nodes.includes(id)
        : membersOf.current(id).some((m) => selection.edges.includes(m))
    }
    if (selected(editing.current)) return editing.current
    const stop = entry()
    return selected(stop) ? stop : null
  }, [store, membersOf, entry])
  useReturnFromInspector(returnTo)
  return useCallback(
    (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey
      const remove = !mod && !event.altKey && (event.key === 'Delete' || event.key === 'Backspace')
      const copy = mod && event.key.toLowerCase() === 'c'
      const edit = !mod && !event.altKey && !event.shiftKey && event.key === 'Enter'
      if (!remove && !copy && !edit) return
      const item = (event.target as HTMLElement).closest<HTMLElement>(ITEMS)
      const id = item?.dataset.id
      if (!item || id === undefined) return
      // Enter on a control inside a node (a group's collapse button, a toggle) is that control's.
      if (edit && event.target !== item) return
      const { design, selection } = store.getState()
      let heading: string
      if (item.classList.contains('react-flow__node')) {
        // A group's box or card is no design node: it has no selection of its own to take.
        const node = design.nodes.find((n) => n.id === id)
        if (!node) return
        if (!selection.nodes.includes(id)) store.getState().select({ nodes: [id], edges: [] })
        heading = node.name
      } else {
        // A line standing for several connections, some of them selected (one chosen in the
        // inspector), is drawn selected: the key is for those, not for all it stands for.
        const members = membersOf.current(id)
        if (!members.some((m) => selection.edges.includes(m)))
          store.getState().select({ nodes: [], edges: [...members] })
        const chosen = store.getState().selection
        heading = chosen.nodes.length + chosen.edges.length === 1 ? 'Connection' : 'Selection'
      }
      if (remove) refocusAfterRemoval(item)
      if (edit) {
        event.preventDefault()
        editing.current = item
        focusInspector({ to: 'first' }, heading)
      }
    },
    [store, membersOf],
  )
}

function refocusAfterRemoval(item: HTMLElement): void {
  const at = [...document.querySelectorAll(ITEMS)].indexOf(item)
  whenDrawn(
    () => !item.isConnected,
    () => {
      const active = document.activeElement
      if (active !== null && active !== document.body) return
      const rest = [...document.querySelectorAll<HTMLElement>(ITEMS)]
      ;(rest[Math.min(at, rest.length - 1)] ?? document.getElementById('view-tab-canvas'))?.focus()
    },
  )
}

/**
 * After a paste on the canvas the keyboard goes to the first copy, once the canvas has drawn it:
 * left on the node copied, which is no longer selected, Delete or Ctrl+C would take that node for
 * theirs (see above). A copy out of view (or in a collapsed group) is brought into view first,
 * the copies staying the selection; one still not drawn leaves the focus on the Canvas tab. A
 * focus the user has moved meanwhile stays where they put it.
 */
export function focusPasted(store: DesignerStore, ids: readonly string[]): void {
  const [first] = ids
  if (first === undefined) return
  const from = document.activeElement
  const copy = (): HTMLElement | undefined =>
    [...document.querySelectorAll<HTMLElement>(ITEMS)].find(
      (el) => el.dataset.id === first && el.classList.contains('react-flow__node'),
    )
  const moved = (): boolean => {
    const active = document.activeElement
    return active !== from && active !== null && active !== document.body
  }
  const focusCopy = (): void => {
    if (!moved()) copy()?.focus()
  }
  whenDrawn(
    () => copy() !== undefined,
    focusCopy,
    () => {
      if (moved() || !sameIds(store.getState().selection.nodes, ids)) return
      store.getState().focus(first)
      store.getState().select({ nodes: [...ids], edges: [] })
      whenDrawn(
        () => copy() !== undefined,
        focusCopy,
        () => {
          if (!moved() && document.activeElement?.closest(ITEMS))
            document.getElementById('view-tab-canvas')?.focus()
        },
      )
    },
  )
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i])
}

/**
 * Waits for the canvas's deferred render: `then` once `done()` holds (checked each frame), or
 * `otherwise` when it still does not after DRAWN_WITHIN frames.
 */
function whenDrawn(done: () => boolean, then: () => void, otherwise?: () => void): void {
  let frames = 0
  const check = (): void => {
    if (done()) then()
    else if (++frames < DRAWN_WITHIN) requestAnimationFrame(check)
    else otherwise?.()
  }
  requestAnimationFrame(check)
}
