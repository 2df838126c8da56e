import { useEffect, useState } from 'react'
import { describeTimeLeft, timeLeft } from '../../apply/time-left.ts'
import { useApply } from './apply-context.tsx'
import { ApplyLog } from './apply-log.tsx'

/** The run: a progress bar, per-step outcomes as they land, and Cancel. */
export function RunStep() {
  const progress = useApply((s) => s.progress)
  const results = useApply((s) => s.results)
  const cancel = useApply((s) => s.cancel)
  const values = Object.values(results)
  // Manual steps apart, as the report counts them: they are never run, not skipped.
  const count = (o: string): number => values.filter((r) => r.outcome === o && !r.manual).length
  const manual = values.filter((r) => r.manual).length
  const percent = progress.total === 0 ? 0 : Math.round((progress.done / progress.total) * 100)
  return (
    <div className="run-step">
      <div className="progress-row">
        <progress
          className="apply-progress"
          max={Math.max(1, progress.total)}
          value={progress.done}
          aria-label="Apply progress"
          aria-valuetext={`${progress.done} of ${progress.total} steps`}
        />
        <span className="progress-text">
          {progress.done} / {progress.total} ({percent}%)
          <TimeLeft />
        </span>
      </div>
      <p className="run-counts" aria-live="polite">
        {count('created')} created · {count('unchanged')} unchanged · {count('failed')} failed ·{' '}
        {count('skipped')} skipped{manual > 0 ? ` · ${manual} manual` : ''}
      </p>
      <ApplyLog />
      <div className="apply-actions">
        <button type="button" className="button danger" onClick={cancel}>
          Cancel apply
        </button>
      </div>
    </div>
  )
}

/**
 * " · about 30 s left", counted down each second between the run's events (nothing until it can
 * be said). Apart, so that its ticks redraw it alone, not the run's log.
 */
function TimeLeft() {
  const progress = useApply((s) => s.progress)
  const now = useApply((s) => s.now)
  const [, tick] = useState(0)
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 1000)
    return () => clearInterval(timer)
  }, [])
  const left = timeLeft(progress, now())
  return left === undefined ? null : <>{` · ${describeTimeLeft(left)}`}</>
}
