import type { ApplyEvent } from '../apply/run.ts'
import type { ApplyReport, StepResult } from '../apply/report.ts'

/** One progress line per finished step or retry, for stderr. */
export function formatApplyEvent(event: ApplyEvent): string | undefined {
  switch (event.type) {
    case 'started':
      return `Applying ${event.total} steps…`
    case 'stepStarted':
      return undefined
    case 'retry':
      return `        retry  ${event.step.title}: ${event.note.failure.code}${event.note.failure.status ? ` (${event.note.failure.status})` : ''}, waiting ${(event.note.waitMs / 1000).toFixed(1)} s`
    case 'stepFinished': {
      const width = String(event.total).length
      const r = event.result
      const label = r.manual ? 'manual' : r.outcome
      return `[${String(event.done).padStart(width)}/${event.total}] ${label.padEnd(9)} ${r.title}${r.failure ? ` — ${r.failure.code}: ${r.failure.message}` : ''}`
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
    `${report.cancelled ? 'Cancelled' : 'Applied'} "${report.design}" to ${report.target.resourceGroup} (subscription ${report.target.subscriptionId}) in ${(report.durationMs / 1000).toFixed(1)} s`,
    `  created ${c.created}, unchanged ${c.unchanged}, failed ${c.failed}, skipped ${c.skipped}${manual.length ? ` (${manual.length} manual)` : ''}`,
    ...section(
      'Failed',
      report.steps.filter((s) => s.outcome === 'failed'),
      (s) => [
        `  ${s.title}`,
        `    ${s.failure?.code}${s.failure?.status ? ` (${s.failure.status})` : ''}: ${s.failure?.message}`,
        ...(s.failure?.advice ? [`    → ${s.failure.advice}`] : []),
      ],
    ),
    ...section(
      'Skipped',
      report.steps.filter((s) => s.outcome === 'skipped' && !s.manual),
      (s) => [`  ${s.title}: ${s.detail ?? ''}`],
    ),
    ...section('Manual steps', manual, (s) => [
      `  ${s.title}`,
      ...(s.script
        ? s.script
            .trimEnd()
            .split('\n')
            .map((l) => `    ${l}`)
        : [`    ${s.detail ?? ''}`]),
    ]),
  ]
  if (report.cancelled)
    lines.push(
      '',
      'Run the same command again to finish: completed steps are kept and nothing is duplicated.',
    )
  return `${lines.join('\n')}\n`
}
