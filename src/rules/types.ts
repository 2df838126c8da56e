import type { DesignIndex } from '../analysis/design-index.ts'
import type { Edit } from '../model/edits.ts'
import type { RuleFacts } from './facts.ts'

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

export interface Finding {
  readonly rule: string
  readonly severity: Severity
  /** A node or edge id, or null for the whole design. */
  readonly subject: string | null
  readonly message: string
  readonly related?: readonly string[]
  readonly fixes?: readonly Fix[]
  readonly suggestions?: readonly Fix[]
}

export interface RuleMeta {
  /** The contract id (PRODUCT.md §5); also the file name of the rule and its doc page. */
  readonly id: string
  readonly severity: Severity
  readonly description: string
  /** What the subject is: shown in rule listings. */
  readonly subject: 'access edge' | 'identity' | 'service' | 'app' | 'developer' | 'design'
  readonly hasFixes: boolean
  /** Message templates by message id; `{name}` placeholders are filled by formatMessage. */
  readonly messages: Readonly<Record<string, string>>
  /** The Microsoft Learn page that explains the practice (SARIF helpUri, doc links). */
  readonly learnMore: string
}

export type Report = (
  finding: Omit<Finding, 'rule' | 'severity'> & { readonly severity?: Severity },
) => void

export interface RuleContext {
  readonly index: DesignIndex
  /** Lookups over the same design that only rules need, built lazily once per check. */
  readonly facts: RuleFacts
  readonly report: Report
}

export interface Rule {
  readonly meta: RuleMeta
  check(context: RuleContext): void
}

export function defineRule(rule: Rule): Rule {
  return rule
}

/** Fills `{name}` placeholders of a message template; an unknown placeholder is left as written. */
export function formatMessage(
  template: string,
  data: Readonly<Record<string, string | number>>,
): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in data ? String(data[key]) : whole,
  )
}
