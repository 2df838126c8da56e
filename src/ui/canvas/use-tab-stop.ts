import { useReactFlow, useStoreApi as useFlowStoreApi } from '@xyflow/react'
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  type FocusEvent,
  type KeyboardEvent,
  type RefObject,
} from 'react'
import { focusNode } from '../a11y/use-neighbour-keys.ts'
import { useStoreApi } from '../store-context.tsx'
import type { FlowEdge, FlowNode } from './flow-elements.ts'
import { readingFirst, tabStop, type CanvasItem } from './focus-order.ts'

/** The canvas's one stop in the page's Tab order, and the canvas's handlers that go with it. */
export interface TabStop {
  /**
   * The focus handler of the stop: an element of its own (TAB_STOP_CLASS), first in the canvas;
   * it passes the focus on as it takes it.
   */
  readonly onStopFocus: () => void
  /** The canvas's focus handler: where the keyboard is, it comes back. */
  readonly onFocus: (event: FocusEvent) => void
  /** The canvas's keydown and blur handlers: Tab and Shift+Tab from inside leave the canvas. */
  readonly onKeyDown: (event: KeyboardEvent) => void
  readonly onBlur: (event: FocusEvent) => void
  /** The drawn node or line the canvas is entered on now; null when none is drawn. */
  readonly entry: () => HTMLElement | null
}

export const TAB_STOP_CLASS = 'canvas-tab-stop'

/** The canvas's stop, under the canvas's element. */
const stopIn = (canvas: Element): HTMLElement | null =>
  canvas.querySelector<HTMLElement>(`:scope > .${TAB_STOP_CLASS}`)

/** Whether an element is on the canvas's drawing: a node or line, or a control of one. */
const inside = (el: Element): boolean => el.closest('.react-flow__viewport') !== null

/** The canvas node or line an element is, if it is one. */
function itemOf(el: HTMLElement): CanvasItem | null {
  const id = el.dataset.id
  if (id === undefined) return null
  if (el.classList.contains('react-flow__node')) return { kind: 'node', id }
  if (el.classList.contains('react-flow__edge')) return { kind: 'line', id }
  return null
}

/**
 * The canvas as one stop of the page's Tab order (focus-order.ts): every node and line is out of
 * it (OFF_TAB_ORDER), and one element of its own stands in. When the focus comes to that element
 * (Tab, Shift+Tab, the skip link), it picks the node or line to enter on — the one the keyboard
 * was last on, else the selection, else the first node in reading order, among those drawn — and
 * passes the focus on to it. From a Tab or Shift+Tab inside the canvas until the focus is out of
 * it, the element is out of the Tab order, so the key leaves the canvas instead of coming back. A
 * selection made elsewhere (Problems, Find, the inspector) while the keyboard is away becomes
 * where it comes back.
 *
 * Nothing here follows the view: the entry is worked out only as the canvas takes the focus, so
 * panning and zooming cost nothing more and no node is drawn again for it.
 */
export function useTabStop(pane: RefObject<HTMLElement | null>): TabStop {
  const store = useStoreApi()
  const flowStore = useFlowStoreApi<FlowNode, FlowEdge>()
  const flow = useReactFlow<FlowNode, FlowEdge>()
  const last = useRef<CanvasItem | null>(null)
  useEffect(
    () =>
      store.subscribe((state, before) => {
        if (state.selection !== before.selection && !pane.current?.contains(document.activeElement))
          last.current = null
      }),
    [store, pane],
  )
  const entry = useCallback((): HTMLElement | null => {
    const item = tabStop(flowStore.getState(), last.current)
    if (!item) return null
    const kind = item.kind === 'node' ? 'react-flow__node' : 'react-flow__edge'
    return (
      pane.current?.querySelector<HTMLElement>(`.${kind}[data-id="${CSS.escape(item.id)}"]`) ?? null
    )
  }, [flowStore, pane])
  const onStopFocus = useCallback(() => {
    const el = entry()
    if (el) {
      el.focus()
      return
    }
    // Nothing drawn (the view is off the design): its first node, brought into view.
    const first = readingFirst(flow.getNodes().filter((n) => n.focusable !== false && !n.hidden))
    if (first) void focusNode(flow, first.id)
  }, [entry, flow])
  const onFocus = useCallback((event: FocusEvent) => {
    const item = itemOf(event.target as HTMLElement)
    if (item) last.current = item
  }, [])
  const onKeyDown = useCallback((event: KeyboardEvent) => {
    if (event.key !== 'Tab' || !inside(event.target as Element)) return
    const stop = stopIn(event.currentTarget)
    if (!stop || stop.tabIndex < 0) return
    // Out of the Tab order until the focus has left the canvas (onBlur below): Shift+Tab would
    // come back to it, and it would pass the focus on to where it came from.
    stop.tabIndex = -1
    stop.dataset.out = ''
  }, [])
  const onBlur = useCallback((event: FocusEvent) => {
    const stop = stopIn(event.currentTarget)
    if (stop?.dataset.out === undefined) return
    const to = event.relatedTarget as Element | null
    if (to && event.currentTarget.contains(to) && inside(to)) return
    delete stop.dataset.out
    stop.tabIndex = 0
  }, [])
  return useMemo(
    () => ({ onStopFocus, onFocus, onBlur, onKeyDown, entry }),
    [onStopFocus, onFocus, onBlur, onKeyDown, entry],
  )
}
