import { useEffect, useRef } from 'react'
import { useKeepFocus } from '../a11y/keep-focus.ts'
import type { ApplyPhase } from '../../store/apply/types.ts'
import { Modal } from '../dialogs/modal.tsx'
import { useDesigner } from '../store-context.tsx'
import { useApply, useApplyStore } from './apply-context.tsx'
import { BindStep } from './bind-step.tsx'
import { InterruptedBanner } from './interrupted-banner.tsx'
import { PreviewStep } from './preview-step.tsx'
import { ReportStep } from './report-step.tsx'
import { RunStep } from './run-step.tsx'
import { SetupStep } from './setup-step.tsx'
import './apply.css'

const STEPS: { phase: ApplyPhase; label: string }[] = [
  { phase: 'setup', label: 'Target' },
  { phase: 'bind', label: 'Bind' },
  { phase: 'preview', label: 'Preview' },
  { phase: 'running', label: 'Apply' },
  { phase: 'report', label: 'Report' },
]

/** The apply flow: target → bind → preview → run → report, in one dialog, on the store in context. */
export default function ApplyDialog({ onClose }: { onClose: () => void }) {
  const store = useApplyStore()
  const docId = useDesigner((s) => s.docId)
  const design = useDesigner((s) => s.design)
  // Apply state belongs to the open design: another design starts over, a changed one rebinds.
  useEffect(() => store.getState().follow(docId, design), [store, docId, design])
  useEffect(() => {
    const s = store.getState()
    // A run a closed tab left behind is shown (InterruptedBanner) before anything else starts.
    void s.checkInterrupted()
    if (s.phase === 'setup' && s.subscriptions.length === 0 && !s.busy)
      void s.chooseTarget(s.target)
  }, [store])
  return <Flow onClose={onClose} />
}

function Flow({ onClose }: { onClose: () => void }) {
  const phase = useApply((s) => s.phase)
  const busy = useApply((s) => s.busy)
  const error = useApply((s) => s.error)
  const retryBind = useApply((s) => s.retryBind)
  const notice = useApply((s) => s.notice)
  const target = useApply((s) => s.target)
  const running = phase === 'running'
  useEffect(() => {
    if (!running) return
    // Closing the tab stops the run; the journal keeps what was done, but ask first.
    const warn = (event: BeforeUnloadEvent): void => event.preventDefault()
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [running])
  const at = STEPS.findIndex((s) => s.phase === phase)
  // Each step replaces the last one's buttons: the current step's name takes the focus they had.
  const current = useRef<HTMLLIElement>(null)
  const body = useKeepFocus<HTMLDivElement>([phase], () => current.current)
  return (
    <Modal
      title={target === 'sandbox' ? 'Apply to the sandbox' : 'Apply to Azure'}
      onClose={running ? () => {} : onClose}
      wide
    >
      <ol className="apply-steps" aria-label="Apply steps">
        {STEPS.map((s, i) => (
          <li
            key={s.phase}
            className={i < at ? 'done' : i === at ? 'current' : ''}
            aria-current={i === at ? 'step' : undefined}
            ref={i === at ? current : undefined}
            tabIndex={i === at ? -1 : undefined}
          >
            {s.label}
          </li>
        ))}
      </ol>
      {error && (
        <div className="apply-error" role="alert">
          {error}
          {retryBind && <RetryBind />}
        </div>
      )}
      {notice && !error && (
        <p className="apply-notice" role="status">
          {notice}
        </p>
      )}
      {busy && (
        <p className="apply-busy" role="status">
          <span className="spinner" aria-hidden="true" /> {busy}
        </p>
      )}
      <div ref={body}>
        {phase === 'setup' && <InterruptedBanner />}
        {phase === 'setup' && <SetupStep />}
        {phase === 'bind' && <BindStep />}
        {phase === 'preview' && <PreviewStep />}
        {phase === 'running' && <RunStep />}
        {phase === 'report' && <ReportStep onClose={onClose} />}
      </div>
    </Modal>
  )
}

/** Binding failed while only reading: nothing changed in Azure, so binding again is safe. */
function RetryBind() {
  const design = useDesigner((s) => s.design)
  const bind = useApply((s) => s.bind)
  return (
    <div className="apply-retry">
      <button type="button" className="button small" onClick={() => void bind(design)}>
        Retry binding
      </button>
    </div>
  )
}
