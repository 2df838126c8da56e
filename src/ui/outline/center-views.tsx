import { lazy, Suspense, useRef, type KeyboardEvent } from 'react'
import type { CenterView } from '../../store/types.ts'
import { Canvas } from '../canvas/canvas.tsx'
import { useDesigner, useStoreApi } from '../store-context.tsx'
import './outline.css'

// The outline is not needed to draw the designer: it loads when first shown.
const OutlineView = lazy(() =>
  import('./outline-view.tsx').then((m) => ({ default: m.OutlineView })),
)

const VIEWS: readonly { id: CenterView; label: string }[] = [
  { id: 'canvas', label: 'Canvas' },
  { id: 'outline', label: 'Outline' },
]

/**
 * Canvas | Outline: two views of the same design and the same selection (WAI-ARIA tabs, arrow
 * keys switch). The canvas stays mounted under the outline, inert and hidden from assistive
 * technology, so its view, the minimap and the diagram export keep working.
 */
export function CenterViews() {
  const store = useStoreApi()
  const view = useDesigner((s) => s.centerView)
  const refs = useRef<Partial<Record<CenterView, HTMLButtonElement | null>>>({})
  const onKeyDown = (event: KeyboardEvent): void => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    if (!step) return
    event.preventDefault()
    const at = VIEWS.findIndex((v) => v.id === view)
    const next = VIEWS[(at + step + VIEWS.length) % VIEWS.length]
    if (!next) return
    store.getState().setCenterView(next.id)
    refs.current[next.id]?.focus()
  }
  const outline = view === 'outline'
  return (
    <div className="center-views">
      <div role="tablist" aria-label="Views" className="tabs view-tabs" onKeyDown={onKeyDown}>
        {VIEWS.map((v) => (
          <button
            key={v.id}
            ref={(el) => {
              refs.current[v.id] = el
            }}
            type="button"
            role="tab"
            id={`view-tab-${v.id}`}
            aria-controls={`view-${v.id}`}
            aria-selected={view === v.id}
            tabIndex={view === v.id ? 0 : -1}
            className="tab"
            onClick={() => store.getState().setCenterView(v.id)}
          >
            {v.label}
          </button>
        ))}
      </div>
      <div className="view-stack">
        <div
          role="tabpanel"
          id="view-canvas"
          aria-labelledby="view-tab-canvas"
          className="view-panel"
          inert={outline}
        >
          <Canvas />
        </div>
        {outline && (
          <div
            role="tabpanel"
            id="view-outline"
            aria-labelledby="view-tab-outline"
            className="view-panel view-outline"
          >
            <Suspense fallback={<p className="outline-empty">Loading the outline…</p>}>
              <OutlineView />
            </Suspense>
          </div>
        )}
      </div>
    </div>
  )
}
