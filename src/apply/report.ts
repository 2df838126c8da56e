import type { ArmFailure } from './failure.ts'
import type { KnownPrincipal } from './principals.ts'
import type { StepKindName } from './steps.ts'

export type Outcome = 'created' | 'unchanged' | 'failed' | 'skipped'
export const OUTCOMES: readonly Outcome[] = ['created', 'unchanged', 'failed', 'skipped']

export interface StepResult {
  readonly id: string
  readonly kind: StepKindName
  readonly title: string
  readonly outcome: Outcome
  /** What happened, in words: the assignment adopted, why it was skipped, what to do. */
  readonly detail?: string
  readonly failure?: ArmFailure & { readonly advice?: string }
  /** The step's calls to ARM, retries included (a read then a write is 2). */
  readonly attempts: number
  /**
   * The Azure resource or scope the step changed, and its Access control page in its cloud's
   * portal (clouds.ts; none for a sandbox run).
   */
  readonly resourceId?: string
  readonly portalUrl?: string
  /** T-SQL to run by hand (SQL steps). */
  readonly script?: string
  /** Work outside ARM the user does by hand (SQL users, AKS federated credentials, container env). */
  readonly manual?: boolean
}

export interface ApplyReport {
  readonly format: 'identity-apply-report'
  readonly version: 1
  readonly design: string
  readonly target: {
    readonly subscriptionId: string
    readonly resourceGroup: string
    readonly endpoint: string
  }
  readonly startedAt: string
  readonly durationMs: number
  readonly cancelled: boolean
  readonly counts: Record<Outcome, number>
  readonly steps: readonly StepResult[]
  /**
   * The principal and client ids known when the run ended, by plan principal
   * (`userAssigned:<node>`, `systemAssigned:<app>`, `developer:<node>`): what the preview read plus
   * what the run made.
   */
  readonly principals: Readonly<Record<string, KnownPrincipal>>
}

export function countOutcomes(results: readonly StepResult[]): Record<Outcome, number> {
  const counts: Record<Outcome, number> = { created: 0, unchanged: 0, failed: 0, skipped: 0 }
  for (const r of results) counts[r.outcome]++
  return counts
}

/** Done when nothing failed, nothing was cancelled, and only manual steps were skipped. */
export function succeeded(report: ApplyReport): boolean {
  return (
    !report.cancelled &&
    report.steps.every(
      (s) => s.outcome === 'created' || s.outcome === 'unchanged' || s.manual === true,
    )
  )
}
