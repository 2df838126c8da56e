import type { useReactFlow } from '@xyflow/react'
import { useEffect, useLayoutEffect, useState } from 'react'
import type { Viewport } from '../../store/types.ts'
import { motionDuration } from '../a11y/motion.ts'
import { useDesigner, useStoreApi } from '../store-context.tsx'
import { fitViewport } from './fit.ts'
import type { FlowEdge, FlowNode } from './flow-elements.ts'
import type { Neighbourhood } from './neighbourhood.ts'

/**
 * The view React Flow starts with, decided before it first draws (the pane is measured in a
 * layout effect): a pending fit is computed from positions, so a large design is drawn once,
 * already framed.
 */
export function useInitialViewport(pane: React.RefObject<HTMLDivElement | null>) {
  const store = useStoreApi()
  const [initial, setInitial] = useState<{ viewport: Viewport; seq: number } | null>(null)
  useLayoutEffect(() => {
    const { viewCommand, viewport, design, measured, grouping } = store.getState()
    const el = pane.current
    const fitted =
      viewCommand.seq > 0 && !viewCommand.viewport && el
        ? fitViewport(design, measured, el.clientWidth, el.clientHeight, undefined, {
            bar: viewBarBottom(el),
            grouping,
          })
        : (viewCommand.viewport ?? viewport)
    // Measuring the pane before the first paint is what layout effects are for.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setInitial({ viewport: fitted, seq: viewCommand.seq })
  }, [store, pane])
  return initial
}

/**
 * Applies the store's view commands: fit the design (or the neighbourhood in focus), show a saved
 * viewport, bring an item into view (leaving the focus when the item is outside it).
 */
export function useViewCommands(
  flow: ReturnType<typeof useReactFlow<FlowNode, FlowEdge>>,
  pane: React.RefObject<HTMLDivElement | null>,
  handledSeq: number | undefined,
  neighbourhood: Neighbourhood | null,
) {
  const command = useDesigner((s) => s.viewCommand)
  const focus = useDesigner((s) => s.focusRequest)
  const store = useStoreApi()
  // A layout effect: the new view applies in the same frame as the new design, never after it.
  useLayoutEffect(() => {
    if (handledSeq === undefined || command.seq <= handledSeq) return
    if (command.viewport) {
      void flow.setViewport(command.viewport)
      return
    }
    const el = pane.current
    if (!el) return
    const { design, measured, grouping } = store.getState()
    void flow.setViewport(
      fitViewport(design, measured, el.clientWidth, el.clientHeight, neighbourhood?.nodes, {
        bar: viewBarBottom(el),
        grouping,
        ...(command.around !== undefined ? { around: command.around } : {}),
      }),
    )
    // The neighbourhood is read when a command comes, not watched: it changes with the design.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [command, flow, pane, store, handledSeq])
  useEffect(() => {
    if (!focus) return
    const { design } = store.getState()
    const edge = design.edges.find((e) => e.id === focus.id)
    const ids = edge ? [edge.source, edge.target] : [focus.id]
    if (neighbourhood && ids.some((id) => !neighbourhood.nodes.has(id))) {
      // Outside the focus: show the whole design again, then come back to this item.
      store.getState().showNeighbourhood(null)
      store.getState().focus(focus.id)
      return
    }
    const targets = ids.flatMap((id) => {
      const n = flow.getInternalNode(id)
      return n ? [n] : []
    })
    if (targets.length === 0) return
    const xs = targets.map((n) => n.internals.positionAbsolute.x + (n.measured.width ?? 220) / 2)
    const ys = targets.map((n) => n.internals.positionAbsolute.y + (n.measured.height ?? 80) / 2)
    const x = xs.reduce((a, b) => a + b, 0) / xs.length
    const y = ys.reduce((a, b) => a + b, 0) / ys.length
    void flow.setCenter(x, y, {
      zoom: Math.max(flow.getZoom(), 0.9),
      duration: motionDuration(250),
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus, flow, store])
}

/** How far down the pane the view bar reaches (0 when it is not drawn). */
function viewBarBottom(pane: HTMLElement): number {
  const bar = pane.querySelector('.view-bar')
  return bar ? bar.getBoundingClientRect().bottom - pane.getBoundingClientRect().top : 0
}
