import type { Needed } from './permission-check.ts'
import type { PrincipalDirectory } from './principals.ts'
import type { Step } from './steps.ts'

export type PreviewStatus = 'create' | 'inPlace' | 'conflict' | 'cannot' | 'manual'

export interface PreviewItem {
  readonly step: Step
  readonly status: PreviewStatus
  /** Why: what exists, what differs, or what stops the step. */
  readonly reason?: string
  /** Set when the step is "cannot" only because the caller lacks this permission: ARM may still
   * allow it (a role just granted, a condition the permissions API does not show), so a run may try. */
  readonly denied?: Needed
}

export interface Preview {
  readonly items: PreviewItem[]
  readonly principals: PrincipalDirectory
}
