import { useReactFlow } from '@xyflow/react'
import { useCallback, useRef, type KeyboardEvent } from 'react'
import { useStoreApi } from '../store-context.tsx'
import type { FlowEdge, FlowNode } from '../canvas/flow-elements.ts'
import { useAnnounce } from './announce-context.ts'
import { motionDuration } from './motion.ts'
import { accessibleNames } from './names.ts'
import { stepWalk, type Walk } from './neighbours.ts'

/** How long to wait for a node brought into view to be drawn (only visible nodes are). */
const DRAWN_WITHIN_MS = 1000

/**
 * The canvas's keyboard walk between connected nodes: on a focused node, ] and [ move the focus
 * to the next and previous node connected to where the walk started; on a focused connection,
 * ] goes to its target and [ to its source. Each step is announced with the node's name and its
 * place ("2 of 4 connected to contoso-web-1"). Returns the canvas's keydown handler.
 */
export function useNeighbourKeys(): (event: KeyboardEvent) => void {
  const store = useStoreApi()
  const flow = useReactFlow<FlowNode, FlowEdge>()
  const announce = useAnnounce()
  const walk = useRef<Walk | null>(null)
  return useCallback(
    (event: KeyboardEvent) => {
      if (event.key !== ']' && event.key !== '[') return
      if (event.ctrlKey || event.metaKey || event.altKey) return
      const target = event.target as HTMLElement
      const node = target.closest<HTMLElement>('.react-flow__node')
      const edge = target.closest<HTMLElement>('.react-flow__edge')
      const id = (node ?? edge)?.dataset.id
      if (!id) return
      event.preventDefault()
      const { design } = store.getState()
      const names = accessibleNames(design)
      const forward = event.key === ']'
      if (edge) {
        // A drawn line may stand for several design edges (bundled through an identity): its
        // ends are the line's own.
        const e = flow.getEdge(id)
        if (!e) return
        walk.current = null
        void focusNode(flow, forward ? e.target : e.source).then((ok) => {
          if (ok) announce(names.node(forward ? e.target : e.source))
        })
        return
      }
      const step = stepWalk(design, walk.current, id, forward ? 1 : -1)
      if (!step) {
        announce('No connections')
        return
      }
      walk.current = step.walk
      const anchor = design.nodes.find((n) => n.id === step.walk.anchor)?.name ?? step.walk.anchor
      void focusNode(flow, step.to).then((ok) => {
        if (ok)
          announce(
            `${names.node(step.to)}. ${step.position} of ${step.count} connected to ${anchor}`,
          )
      })
    },
    [store, flow, announce],
  )
}

/** Brings a node into view if needed, waits until it is drawn, and focuses it. */
export async function focusNode(
  flow: ReturnType<typeof useReactFlow<FlowNode, FlowEdge>>,
  id: string,
): Promise<boolean> {
  const find = (): HTMLElement | null =>
    document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`)
  if (!find()) {
    const n = flow.getInternalNode(id)
    if (!n) return false
    await flow.setCenter(
      n.internals.positionAbsolute.x + (n.measured.width ?? 0) / 2,
      n.internals.positionAbsolute.y + (n.measured.height ?? 0) / 2,
      { zoom: flow.getZoom(), duration: motionDuration(200) },
    )
  }
  const started = performance.now()
  while (!find() && performance.now() - started < DRAWN_WITHIN_MS)
    await new Promise((resolve) => requestAnimationFrame(resolve))
  const el = find()
  el?.focus()
  return !!el
}
