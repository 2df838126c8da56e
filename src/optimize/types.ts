import type { Edit } from '../model/edits.ts'
import type { Design } from '../model/types.ts'

/** A user-assigned identity named in a summary. */
export interface IdentitySummary {
  readonly id: string
  readonly name: string
}

/** An access edge whose roles went to different identities: `edge` kept its id, `into` are the new parts. */
export interface EdgeSplit {
  readonly edge: string
  readonly into: readonly string[]
}

/** What optimize changed, for the designer's dialog and the CLI's stderr report. */
export interface OptimizeSummary {
  readonly identitiesCreated: readonly IdentitySummary[]
  readonly identitiesRemoved: readonly IdentitySummary[]
  readonly identitiesKept: readonly IdentitySummary[]
  /** App ids whose system-assigned identity optimize switched on, and off. */
  readonly systemAssignedOn: readonly string[]
  readonly systemAssignedOff: readonly string[]
  readonly edgesSplit: readonly EdgeSplit[]
  /**
   * Access edges that, once on their new identity, repeated roles an earlier edge of the same app
   * to the same service and scope already carries there: those roles were dropped, and the edge
   * removed when none was left.
   */
  readonly repeatsDropped: readonly string[]
}

/**
 * The optimized design, the edits that turn the original into it (applied as one undo step:
 * `applyEdits(original, edits)` gives exactly `design`), and a summary. No edits: already optimal.
 */
export interface OptimizeResult {
  readonly design: Design
  readonly edits: readonly Edit[]
  readonly summary: OptimizeSummary
}
