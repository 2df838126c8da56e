import type { ArmFailure } from './failure.ts'
import type { StepKind } from './steps.ts'

export type Outcome = 'created' | 'unchanged' | 'failed' | 'skipped'
export const OUTCOMES: readonly Outcome[] = ['created', 'unchanged', 'failed', 'skipped']

export interface StepResult {
  readonly id: string
  readonly kind: StepKind
  readonly title: string
  readonly outcome: Outcome
  /** What happened, in words: the assignment adopted, why it was skipped, what to do. */
  readonly detail?: string
  readonly failure?: ArmFailure & { readonly advice?: string }
  readonly attempts: number
  /** The Azure resource or scope the step changed, and its Access control page in the portal. */
  readonly resourceId?: string
  readonly portalUrl?: string
  /** T-SQL to run by hand (SQL steps). */
  readonly script?: string
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
}

export function countOutcomes(results: readonly StepResult[]): Record<Outcome, number> {
  const counts: Record<Outcome, number> = { created: 0, unchanged: 0, failed: 0, skipped: 0 }
  for (const r of results) counts[r.outcome]++
  return counts
}

/** The Access control (IAM) blade of a resource or scope in the Azure portal. */
export function portalAccessControlUrl(resourceId: string): string {
  return `https://portal.azure.com/#@/resource${resourceId}/users`
}

/** A run is clean when nothing failed and nothing that could be done was skipped for a failure. */
export function succeeded(report: ApplyReport): boolean {
  return report.counts.failed === 0 && !report.cancelled
}
