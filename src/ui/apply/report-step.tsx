import { CodeBlock } from '../a11y/code-block.tsx'
import { portalAccessControlUrl } from '../../apply/clouds.ts'
import type { StepResult } from '../../apply/report.ts'
import { formatDuration } from '../../lib/duration.ts'
import { stableJson } from '../../lib/json.ts'
import { planFileName } from '../../plan/export.ts'
import { clipboardCopy } from '../guide/clipboard.ts'
import { CopyButton } from '../guide/copy-button.tsx'
import { useEffects } from '../store-context.tsx'
import { useApply } from './apply-context.tsx'
import { PrunePanel } from './prune-panel.tsx'
import { reportHeadline, reportLists, sandboxOf, type ReportLists } from './report-summary.ts'

/** The final report: counts, failures with ARM's error and what to do, manual steps, links, JSON. */
export function ReportStep({ onClose }: { onClose: () => void }) {
  const report = useApply((s) => s.report)
  const target = useApply((s) => s.target)
  const again = useApply((s) => s.again)
  const { download } = useEffects()
  if (!report) return null
  const lists = reportLists(report)
  const { failed, skipped, manual, done } = lists
  const headline = reportHeadline(report, lists)
  // A sandbox's resources have no page in the Azure portal: a link there would lead nowhere.
  const sandbox = sandboxOf(target, report.target.endpoint)
  // The portal of the cloud the run was against (Azure Government's is portal.azure.us).
  const portalUrl = (s: StepResult): string | undefined =>
    s.resourceId && !sandbox
      ? portalAccessControlUrl(s.resourceId, report.target.endpoint)
      : undefined
  const fileName = planFileName(report.design).replace(/\.plan\.json$/, '.apply-report.json')
  return (
    <div className="report-step">
      <p className={`report-headline ${headline.tone}`} role="status">
        {headline.text} Took {formatDuration(report.durationMs)}.
      </p>
      <ReportCounts lists={lists} />
      {report.cancelled && (
        <p className="muted">
          Apply again to finish: completed steps are kept and nothing is duplicated.
        </p>
      )}
      <Section title="Failed" items={failed} render={(s) => <Failure step={s} />} />
      <Section
        title="Skipped"
        items={skipped}
        render={(s) => <span className="muted">{s.detail}</span>}
      />
      <Section
        title="Manual steps"
        items={manual}
        render={(s) =>
          s.script ? (
            <div className="script-block">
              <CodeBlock label={`Script: ${s.title}`} code={s.script} />
              <CopyButton text={s.script} label={`Copy T-SQL: ${s.title}`} copy={clipboardCopy} />
            </div>
          ) : (
            <span className="muted">{s.detail}</span>
          )
        }
      />
      <details className="report-done">
        <summary>Done: created or already in place ({done.length})</summary>
        {sandbox && (
          <p className="muted">
            These are in {sandbox}, not in Azure: the Azure portal has no page for them.
          </p>
        )}
        <ul>
          {done.map((s) => {
            const url = portalUrl(s)
            return (
              <li key={s.id}>
                <span className={`outcome outcome-${s.outcome}`}>{s.outcome}</span> {s.title}{' '}
                {url && (
                  <a href={url} target="_blank" rel="noreferrer">
                    Access control in the portal
                  </a>
                )}
              </li>
            )
          })}
        </ul>
      </details>
      <PrunePanel />
      <div className="apply-actions">
        <button
          type="button"
          className="button"
          onClick={() => download(fileName, stableJson(report), 'application/json')}
        >
          Download report
        </button>
        <button type="button" className="button" onClick={() => void again()}>
          Apply again
        </button>
        <button type="button" className="button primary" onClick={onClose}>
          Done
        </button>
      </div>
    </div>
  )
}

/**
 * One badge per list below (created and unchanged together make the done list): the report's own
 * counts file manual steps under skipped, which the Skipped list does not show.
 */
function ReportCounts({ lists }: { lists: ReportLists }) {
  const badges = [
    ['created', lists.done.filter((s) => s.outcome === 'created').length],
    ['unchanged', lists.done.filter((s) => s.outcome === 'unchanged').length],
    ['failed', lists.failed.length],
    ['skipped', lists.skipped.length],
    ['manual', lists.manual.length],
  ] as const
  return (
    <ul className="preview-counts" aria-label="Report counts">
      {badges.map(([label, n]) => (
        <li key={label} className={`count outcome-${label}`}>
          <strong>{n}</strong> {label}
        </li>
      ))}
    </ul>
  )
}

function Section(props: {
  title: string
  items: readonly StepResult[]
  render: (s: StepResult) => React.ReactNode
}) {
  if (props.items.length === 0) return null
  return (
    <section className="report-section" aria-label={`${props.title} (${props.items.length})`}>
      <h3>
        {props.title} ({props.items.length})
      </h3>
      <ul>
        {props.items.map((s) => (
          <li key={s.id}>
            <div className="step-title">{s.title}</div>
            {props.render(s)}
          </li>
        ))}
      </ul>
    </section>
  )
}

function Failure({ step }: { step: StepResult }) {
  const f = step.failure
  return (
    <div className="failure">
      <code>
        {f?.code}
        {f?.status ? ` (${f.status})` : ''}
      </code>{' '}
      {f?.message}
      {f?.advice && <div className="advice">{f.advice}</div>}
      {/* A step's calls to ARM, retries included: a read and a write are two, not a retry. */}
      {step.attempts > 1 && <div className="muted">after {step.attempts} calls to ARM</div>}
    </div>
  )
}
