import {
  lazy,
  Suspense,
  useEffect,
  useMemo,
  useRef,
  type KeyboardEvent,
  type ReactNode,
} from 'react'
import { analyze, planOf } from '../../store/derived.ts'
import type { Design } from '../../model/types.ts'
import type { PanelTab } from '../../store/types.ts'
import { useDesigner, useStoreApi } from '../store-context.tsx'
import { PlanPanel } from './plan-panel.tsx'
import { useIdleValue } from './use-idle-value.ts'
import { ProblemsPanel } from './problems-panel.tsx'

// The guide and its code generators are not needed to draw the designer: load them on demand.
const GuideTab = lazy(() => import('./guide-tab.tsx'))

function countActions(input: { docId: string; design: Design }) {
  return { docId: input.docId, actions: planOf(input.design).actions.length }
}

/** Problems | Plan | Guide: a tab list with arrow-key navigation (WAI-ARIA tabs pattern). */
export function BottomPanel() {
  const store = useStoreApi()
  const panel = useDesigner((s) => s.panel)
  const counts = useDesigner((s) => analyze(s.design).counts)
  // The plan is derived off the urgent path: an edit shows its findings first, the count follows.
  // Another document's count is not this one's: none shows until this one's is worked out.
  const docId = useDesigner((s) => s.docId)
  const design = useDesigner((s) => s.design)
  const plan = useIdleValue(
    useMemo(() => ({ docId, design }), [docId, design]),
    countActions,
  )
  const actions = plan?.docId === docId ? plan.actions : undefined
  const tabs: { id: PanelTab; label: ReactNode; name: string }[] = [
    {
      id: 'problems',
      name: 'Problems',
      label: (
        <>
          Problems{' '}
          <span
            className={`count ${counts.error ? 'count-error' : counts.warning ? 'count-warning' : ''}`}
          >
            {counts.error + counts.warning + counts.info}
          </span>
        </>
      ),
    },
    {
      id: 'plan',
      name: 'Plan',
      label: <>Plan {actions !== undefined && <span className="count">{actions}</span>}</>,
    },
    { id: 'guide', name: 'Guide', label: <>Guide</> },
  ]
  const refs = useRef<Partial<Record<PanelTab, HTMLButtonElement | null>>>({})
  // Another design opens at the top of its problems, not where the last one was scrolled to.
  const problems = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (problems.current) problems.current.scrollTop = 0
  }, [docId])
  const active = tabs.some((t) => t.id === panel) ? panel : 'problems'
  const onKeyDown = (event: KeyboardEvent): void => {
    const at = tabs.findIndex((t) => t.id === active)
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    if (!step) return
    event.preventDefault()
    const next = tabs[(at + step + tabs.length) % tabs.length]
    if (!next) return
    store.getState().setPanel(next.id)
    refs.current[next.id]?.focus()
  }
  return (
    <section className="bottom-panel" aria-label="Problems, plan and guide">
      <div role="tablist" aria-label="Panels" className="tabs" onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[t.id] = el
            }}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-controls={`tabpanel-${t.id}`}
            aria-selected={active === t.id}
            tabIndex={active === t.id ? 0 : -1}
            className="tab"
            onClick={() => store.getState().setPanel(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {/* Problems stays mounted (hidden when another tab shows): it keeps its place and paging. */}
      <div
        role="tabpanel"
        id="tabpanel-problems"
        aria-labelledby="tab-problems"
        className="tab-body"
        ref={problems}
        hidden={active !== 'problems'}
      >
        <ProblemsPanel />
      </div>
      {active !== 'problems' && (
        <div
          role="tabpanel"
          id={`tabpanel-${active}`}
          aria-labelledby={`tab-${active}`}
          className="tab-body"
        >
          {active === 'plan' ? (
            <PlanPanel />
          ) : (
            <Suspense fallback={<p className="panel-empty">Loading the guide…</p>}>
              <GuideTab />
            </Suspense>
          )}
        </div>
      )}
    </section>
  )
}
