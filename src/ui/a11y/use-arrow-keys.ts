import { useReactFlow } from '@xyflow/react'
import { useCallback, type KeyboardEvent } from 'react'
import type { FlowEdge, FlowNode } from '../canvas/flow-elements.ts'
import { ARROW_DIRECTIONS, nearestToward } from '../canvas/focus-order.ts'
import { focusNode } from './use-neighbour-keys.ts'

/**
 * The canvas's arrow keys on a focused node that is not selected: the focus goes to the nearest
 * node that way (focus-order.ts), brought into view if it is not. On a selected node they are
 * React Flow's: they move it (it has handled the key by then). Returns the canvas's keydown
 * handler.
 */
export function useArrowKeys(): (event: KeyboardEvent) => void {
  const flow = useReactFlow<FlowNode, FlowEdge>()
  return useCallback(
    (event: KeyboardEvent) => {
      const direction = ARROW_DIRECTIONS[event.key]
      if (direction === undefined || event.isDefaultPrevented()) return
      if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return
      const el = event.target as HTMLElement
      const id = el.dataset.id
      const from = el.classList.contains('react-flow__node') && id ? flow.getNode(id) : undefined
      if (!from) return
      // The page would scroll.
      event.preventDefault()
      // Group boxes and cards are no stops of their own (their button is).
      const others = flow
        .getNodes()
        .filter((n) => n.id !== id && n.focusable !== false && !n.hidden)
      const to = nearestToward(from.position, others, direction)
      if (to !== undefined) void focusNode(flow, to)
    },
    [flow],
  )
}
