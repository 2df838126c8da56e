import { useStore as useFlowStore, type ReactFlowState } from '@xyflow/react'
import { useCallback, useEffect, useMemo, useState, type FocusEvent, type RefObject } from 'react'
import { useStoreApi } from '../store-context.tsx'
import { TAB_STOP } from './flow-elements.ts'
import { sameItem, tabStop, type CanvasItem } from './focus-order.ts'
import type { CanvasEdge } from './groups/group-flow.ts'

/** The canvas's tab stop, as the node or the line it is (at most one of them). */
export interface TabStop {
  readonly node: string | undefined
  readonly line: string | undefined
  /** The canvas's focus handler: where the keyboard is, it comes back. */
  readonly onFocus: (event: FocusEvent) => void
}

/**
 * The canvas's one stop in the page's Tab order (focus-order.ts): Tab enters the canvas on the
 * node or line the keyboard was last on, else the selection, else the first node in reading
 * order, and the next Tab leaves it. A selection made elsewhere (Problems, Find, the inspector)
 * while the keyboard is away becomes where it comes back. The node is made tabbable where the
 * canvas builds its nodes (FlowElementCache: a copy of a node without its measured size would
 * have React Flow measure it again, its lines gone meanwhile); the line with `linesWithTabStop`.
 */
export function useTabStop(pane: RefObject<HTMLElement | null>): TabStop {
  const store = useStoreApi()
  const [last, setLast] = useState<CanvasItem | null>(null)
  useEffect(
    () =>
      store.subscribe((state, before) => {
        if (state.selection !== before.selection && !pane.current?.contains(document.activeElement))
          setLast(null)
      }),
    [store, pane],
  )
  const stopOf = useCallback((s: ReactFlowState) => tabStop(s, last), [last])
  const stop = useFlowStore(stopOf, sameItem)
  const onFocus = useCallback((event: FocusEvent) => {
    const el = event.target as HTMLElement
    const id = el.dataset.id
    const kind = el.classList.contains('react-flow__node')
      ? 'node'
      : el.classList.contains('react-flow__edge')
        ? 'line'
        : undefined
    if (kind === undefined || id === undefined) return
    const item: CanvasItem = { kind, id }
    setLast((was) => (sameItem(was, item) ? was : item))
  }, [])
  return useMemo(
    () => ({
      node: stop?.kind === 'node' ? stop.id : undefined,
      line: stop?.kind === 'line' ? stop.id : undefined,
      onFocus,
    }),
    [stop, onFocus],
  )
}

/** The lines with the one whose id is `id` made tabbable (the same array when there is none). */
export function linesWithTabStop(lines: CanvasEdge[], id: string | undefined): CanvasEdge[] {
  if (id === undefined || !lines.some((line) => line.id === id)) return lines
  return lines.map((line) => (line.id === id ? { ...line, domAttributes: TAB_STOP } : line))
}
