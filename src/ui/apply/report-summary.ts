import { isLocalEndpoint } from '../../apply/clouds.ts'
import type { ApplyReport, StepResult } from '../../apply/report.ts'
import type { ApplyTarget } from '../../apply/ports.ts'

/**
 * A report's steps split the way the report shows them, each step in exactly one list: every
 * number the report prints is the length of one of these, so its counts and lists agree.
 */
export interface ReportLists {
  /** Created, or already in place. */
  readonly done: readonly StepResult[]
  readonly failed: readonly StepResult[]
  /** Not run (no permission, cancelled), other than the manual steps. */
  readonly skipped: readonly StepResult[]
  /** Work apply never does itself (T-SQL, ...): left to do by hand whatever the run did. */
  readonly manual: readonly StepResult[]
}

export function reportLists(report: ApplyReport): ReportLists {
  const manual = report.steps.filter((s) => s.manual)
  const run = report.steps.filter((s) => !s.manual)
  return {
    done: run.filter((s) => s.outcome === 'created' || s.outcome === 'unchanged'),
    failed: run.filter((s) => s.outcome === 'failed'),
    skipped: run.filter((s) => s.outcome === 'skipped'),
    manual,
  }
}

export type HeadlineTone = 'good' | 'warn' | 'bad'

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`

/**
 * What happened, in one line whose tone matches it: everything done; done but for manual steps;
 * some skipped; cancelled part way; or failures. It names every list that is not empty.
 */
export function reportHeadline(
  report: ApplyReport,
  lists: ReportLists,
): { tone: HeadlineTone; text: string } {
  const { done, failed, skipped, manual } = lists
  const total = report.steps.length
  const tone: HeadlineTone =
    failed.length > 0
      ? 'bad'
      : report.cancelled || skipped.length > 0 || manual.length > 0
        ? 'warn'
        : 'good'
  if (tone === 'good') return { tone, text: `Applied. All ${count(total, 'step')} done.` }
  // The lead already says how many failed, unless the run was cancelled.
  const failures = report.cancelled ? failed.length : 0
  const rest = [
    failures > 0 ? `${failures} failed` : '',
    skipped.length > 0 ? `${skipped.length} skipped` : '',
    manual.length > 0 ? `${count(manual.length, 'manual step')} left to do by hand` : '',
  ].filter(Boolean)
  const lead = report.cancelled
    ? 'Cancelled.'
    : failed.length > 0
      ? `${count(failed.length, 'step')} failed.`
      : skipped.length > 0
        ? 'Applied in part.'
        : 'Applied.'
  const tally = `${done.length} of ${count(total, 'step')} done${rest.length > 0 ? `; ${rest.join(', ')}` : ''}.`
  return { tone, text: `${lead} ${tally}` }
}

/**
 * Where a run's resources are when they are not in Azure: the sandbox in this page, or a sandbox
 * on this machine entered as the Azure target's ARM endpoint (`npm run sandbox`, which serves on
 * loopback). The Azure portal has no page for them. Null for Azure.
 */
export function sandboxOf(target: ApplyTarget, endpoint: string): string | null {
  if (target === 'sandbox') return 'the sandbox in this page'
  return isLocalEndpoint(endpoint) ? `the sandbox at ${endpoint}` : null
}
