import { nodeLabel, type BindingProblem } from '../apply/bind-target.ts'
import { retryReason } from '../apply/failure.ts'
import { nextAttempt } from '../apply/retry.ts'
import type { ApplyEvent } from '../apply/run.ts'
import type { ApplyReport, StepResult } from '../apply/report.ts'
import { formatDuration } from '../lib/duration.ts'
import { terminalText as t } from '../lib/encode/terminal.ts'
import type { Design } from '../model/types.ts'

// Titles, ARM's messages, the design's name: every text that can hold a name goes through
// terminalText, so no name can move the cursor, recolour or rewrite the line of a grant.

/**
 * Why `file` cannot be bound to `group` (apply, drift): one line per problem, each naming its node
 * by path, id and name (`nodes[3] (id "web", name "contoso-web"): no Microsoft.Web/sites named …`).
 */
export function formatBindingFailure(
  file: string,
  group: string,
  design: Design,
  problems: readonly BindingProblem[],
): string {
  const lines = problems.map(
    (p) =>
      `  ${t(p.node === '(design)' ? p.message : `${nodeLabel(design, p.node)}: ${p.message}`)}`,
  )
  return `${t(file)}: cannot bind the design to ${t(group)}\n${lines.join('\n')}`
}

/** One progress line per finished step or retry, for stderr. */
export function formatApplyEvent(event: ApplyEvent): string | undefined {
  switch (event.type) {
    case 'started':
      return `Applying ${event.total} steps…`
    case 'stepStarted':
      return undefined
    case 'retry':
      return `        retry  ${t(event.step.title)}: ${t(retryReason(event.note.failure))}, waiting ${formatDuration(event.note.waitMs)}${nextAttempt(event.note)}`
    case 'stepFinished': {
      const width = String(event.total).length
      const r = event.result
      const label = r.manual ? 'manual' : r.outcome
      return `[${String(event.done).padStart(width)}/${event.total}] ${label.padEnd(9)} ${t(r.title)}${r.failure ? ` — ${t(r.failure.code)}: ${t(r.failure.message)}` : ''}`
    }
  }
}

const section = (
  title: string,
  steps: readonly StepResult[],
  line: (s: StepResult) => string[],
): string[] => (steps.length === 0 ? [] : ['', `${title}:`, ...steps.flatMap(line)])

/** The summary for stdout: counts, failures with ARM's error and advice, manual steps, cancellation. */
export function formatApplySummary(report: ApplyReport): string {
  const c = report.counts
  const manual = report.steps.filter((s) => s.manual)
  const lines = [
    `${report.cancelled ? 'Cancelled' : 'Applied'} "${t(report.design)}" to ${t(report.target.resourceGroup)} (subscription ${t(report.target.subscriptionId)}) in ${formatDuration(report.durationMs)}`,
    // Manual steps apart from the skipped ones (report.counts files them as skipped), as the
    // designer's report shows them: work left to do by hand, not something that went wrong.
    `  created ${c.created}, unchanged ${c.unchanged}, failed ${c.failed}, skipped ${c.skipped - manual.length}${manual.length ? `; ${manual.length} to do by hand (below)` : ''}`,
    ...section(
      'Failed',
      report.steps.filter((s) => s.outcome === 'failed'),
      (s) => [
        `  ${t(s.title)}`,
        `    ${t(s.failure?.code ?? '')}${s.failure?.status ? ` (${s.failure.status})` : ''}: ${t(s.failure?.message ?? '')}`,
        ...(s.failure?.advice ? [`    → ${t(s.failure.advice)}`] : []),
      ],
    ),
    ...section(
      'Skipped',
      report.steps.filter((s) => s.outcome === 'skipped' && !s.manual),
      (s) => [`  ${t(s.title)}: ${t(s.detail ?? '')}`],
    ),
    ...section('Manual steps', manual, (s) => [
      `  ${t(s.title)}`,
      ...(s.script
        ? s.script
            .trimEnd()
            .split('\n')
            .map((l) => `    ${t(l)}`)
        : [`    ${t(s.detail ?? '')}`]),
    ]),
  ]
  if (report.cancelled)
    lines.push(
      '',
      'Run the same command again to finish: completed steps are kept and nothing is duplicated.',
    )
  return `${lines.join('\n')}\n`
}
