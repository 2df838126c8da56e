import type { TimedProgress } from '../../apply/time-left.ts'
import type { BindingProblem } from '../../apply/binding.ts'
import type { EntraSettings } from '../../apply/entra-settings.ts'
import type { LiveResource, ResourceGroup, Subscription, Tenant } from '../../apply/gateway.ts'
import type { ApplyJournal, ApplyTarget, SignedInAccount } from '../../apply/ports.ts'
import type { Prepared } from '../../apply/prepare.ts'
import type { Preview } from '../../apply/preview.ts'
import type { PruneCandidate, PruneResult } from '../../apply/prune.ts'
import type { ApplyReport, StepResult } from '../../apply/report.ts'
import type { Drift, LiveState } from '../../import/drift.ts'
import type { Result } from '../../lib/result.ts'
import type { Design } from '../../model/types.ts'
import type { FaultConfig } from '../../sandbox/core/faults.ts'

export type ApplyPhase = 'setup' | 'bind' | 'preview' | 'running' | 'report'

export interface LogLine {
  readonly seq: number
  readonly tone: 'info' | 'success' | 'warning' | 'error'
  readonly text: string
}

export interface ApplyState {
  /**
   * The designer document this state belongs to: opening or creating another design starts over
   * (nothing of one design's bindings, preview or report carries over to another by node id).
   */
  readonly docId: string | null
  /** The design as it was last bound (before picks), to notice a design changed since. */
  readonly boundFrom: Design | null
  /** While some nodes still need a choice: the design with every binding that did succeed. */
  readonly partial: Design | null
  /** A passing note for the user (e.g. the design changed, so it was bound again). */
  readonly notice: string | null
  readonly phase: ApplyPhase
  readonly target: ApplyTarget
  /** What is being loaded right now, for the spinner; null when idle. */
  readonly busy: string | null
  readonly error: string | null
  /** The error is binding's read failing in a way that may pass: the dialog offers to bind again. */
  readonly retryBind: boolean
  readonly entra: EntraSettings | null
  readonly account: SignedInAccount | null
  readonly subscriptions: readonly Subscription[]
  /**
   * The tenants the signed-in account is in, read when it sees no subscription (they are in
   * another tenant: a guest's, a consultant's); empty otherwise.
   */
  readonly tenants: readonly Tenant[]
  readonly subscriptionId: string
  readonly groups: readonly ResourceGroup[]
  readonly resourceGroup: string
  readonly location: string
  readonly resources: readonly LiveResource[]
  /** Resource chosen by hand for a node (overrides the match by name). */
  readonly picks: Readonly<Record<string, string>>
  readonly developerIds: Readonly<Record<string, string>>
  readonly problems: readonly BindingProblem[]
  readonly prepared: Prepared | null
  readonly preview: Preview | null
  readonly confirmedPrivileged: boolean
  readonly confirmedErrors: boolean
  /** Run the steps the preview found the caller lacks permission for: ARM answers for them. */
  readonly confirmedDenied: boolean
  /** The run's steps finished and waiting to retry, for its bar and its time left (time-left.ts). */
  readonly progress: TimedProgress
  readonly results: Readonly<Record<string, StepResult>>
  readonly log: readonly LogLine[]
  readonly report: ApplyReport | null
  readonly prunable: readonly PruneCandidate[] | null
  readonly pruned: readonly PruneResult[] | null
  readonly sandboxFaults: FaultConfig | null
  /** A run that never finished (the tab closed while it ran), found when the dialog opened. */
  readonly interrupted: ApplyJournal | null
  /**
   * The last Compare with Azure, and the design it compared: reopening the dialog on the same
   * design (after Show on the canvas) finds its lists again; any edit makes it stale.
   */
  readonly comparison: { readonly design: Design; readonly value: Comparison } | null
}

/** A design compared with its group: the drift, and what it was computed from. */
export interface Comparison {
  readonly drift: Result<Drift, BindingProblem[]>
  /** The design bound to the group (names for the lists), when it binds. */
  readonly bound: Design | null
  readonly live: LiveState
  readonly developerIds: Readonly<Record<string, string>>
  readonly resourceGroup: string
}
