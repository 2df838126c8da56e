import { Fragment, useLayoutEffect, useRef, type CSSProperties } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { EdgeDrawing } from '../../store/types.ts'
import { useDesigner, useStoreApi } from '../store-context.tsx'
import { FindBox } from './find-box.tsx'
import { GroupingChoice } from './groups/grouping-choice.tsx'
import { nodeById } from './lookups.ts'

const DRAWINGS: readonly { id: EdgeDrawing; label: string; title: string }[] = [
  {
    id: 'bundled',
    label: 'Through identities',
    title: 'Access through a user-assigned identity drawn app → identity → service',
  },
  {
    id: 'direct',
    label: 'Direct',
    title: 'Every access drawn from the app straight to the service',
  },
]

/**
 * Over the canvas: where the view is (the whole design, or the neighbourhood in focus, with the
 * way back), find, how access is drawn and how nodes are grouped. Its shape does not follow the
 * selection (Focus is the inspector's): a bar that wrapped when a node was selected covered the
 * canvas's top row and moved nodes placed below it.
 */
export function ViewBar(props: {
  /** How far down the canvas the bar reaches, on every change (it wraps in a narrow canvas); 0 once gone. */
  onBottom?: (bottom: number) => void
}) {
  const { onBottom } = props
  const store = useStoreApi()
  const ref = useRef<HTMLDivElement>(null)
  useLayoutEffect(() => {
    const el = ref.current
    if (!el || !onBottom) return
    const report = (): void => {
      const parent = el.parentElement
      if (parent) onBottom(el.getBoundingClientRect().bottom - parent.getBoundingClientRect().top)
    }
    report()
    // Not in every test environment (jsdom has none): the first measure stands there.
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(report)
    observer?.observe(el)
    return () => {
      observer?.disconnect()
      onBottom(0)
    }
  }, [onBottom])
  const { drawing, root } = useDesigner(
    useShallow((s) => ({
      drawing: s.edgeDrawing,
      root: s.neighbourhood !== null ? (nodeById(s.design, s.neighbourhood) ?? null) : null,
    })),
  )
  // Steps back to earlier focuses whose node is still there (compared node by node).
  const steps = useDesigner(
    useShallow((s) => s.focusTrail.flatMap((id) => nodeById(s.design, id) ?? [])),
  )
  const showNeighbourhood = (id: string | null) => store.getState().showNeighbourhood(id)
  return (
    <div className="view-bar" ref={ref}>
      <nav
        className="breadcrumb"
        aria-label="View"
        style={{ '--crumbs': root ? steps.length + 1 : 0 } as CSSProperties}
      >
        <div className="crumbs">
          {root ? (
            <>
              <button type="button" className="crumb" onClick={() => showNeighbourhood(null)}>
                Whole design
              </button>
              {steps.map((node) => (
                <Fragment key={node.id}>
                  <span aria-hidden="true">›</span>
                  <button
                    type="button"
                    className="crumb"
                    title={`Back to the focus on ${node.name}`}
                    onClick={() => showNeighbourhood(node.id)}
                  >
                    <bdi>{node.name}</bdi>
                  </button>
                </Fragment>
              ))}
              <span aria-hidden="true">›</span>
              <span className="crumb-here" aria-current="location" title={root.name}>
                <bdi>{root.name}</bdi>
              </span>
            </>
          ) : (
            <span className="crumb-here" aria-current="location">
              Whole design
            </span>
          )}
        </div>
      </nav>
      <FindBox />
      <div className="segmented" role="group" aria-label="Draw access">
        {DRAWINGS.map((d) => (
          <button
            key={d.id}
            type="button"
            aria-pressed={drawing === d.id}
            title={d.title}
            onClick={() => store.getState().setEdgeDrawing(d.id)}
          >
            {d.label}
          </button>
        ))}
      </div>
      <GroupingChoice />
    </div>
  )
}
