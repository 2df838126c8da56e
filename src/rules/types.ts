import type { Edit } from '../model/edits.ts'

export type Severity = 'error' | 'warning' | 'info'
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info']

/**
 * A change offered with a finding, as edits (one undo step in the designer). A *fix* keeps the
 * design's intent and may be applied in one click; a *suggestion* changes who can do what, so the
 * user picks among several.
 */
export interface Fix {
  readonly title: string
  readonly edits: readonly Edit[]
}

/** A finding's fixes and suggestions, built on request by the check that found it (`offers`). */
export interface Offers {
  readonly fixes: readonly Fix[]
  readonly suggestions: readonly Fix[]
}

export const NO_OFFERS: Offers = { fixes: [], suggestions: [] }

/** What a rule found: plain data, the same in the CLI's JSON, SARIF and the designer. */
export interface Finding {
  readonly rule: string
  readonly severity: Severity
  /** A node or edge id, or null for the whole design. */
  readonly subject: string | null
  readonly message: string
  readonly related?: readonly string[]
}

/**
 * A rule's contract data. `scope` says what its findings depend on: `component`, only the
 * connected part of the design its subject is in (the incremental checker re-runs some of them
 * only on the parts an edit touched); `design`, the design-wide totals (DesignTotals) summed over every part.
 */
export interface RuleMeta<MessageId extends string = string> {
  /** The contract id (PRODUCT.md §5); also the file name of the rule and its doc page. */
  readonly id: string
  readonly severity: Severity
  readonly description: string
  /** What the subject is: shown in rule listings. */
  readonly subject: 'access edge' | 'identity' | 'service' | 'app' | 'developer' | 'design'
  readonly scope: 'component' | 'design'
  readonly hasFixes: boolean
  /** Message templates by message id; `{name}` placeholders are filled from a report's data. */
  readonly messages: Readonly<Record<MessageId, string>>
  /** The Microsoft Learn page that explains the practice (SARIF helpUri, doc links). */
  readonly learnMore: string
}
