import type { DesignIndex } from '../analysis/design-index.ts'
import type { Edit } from '@/model/edits.ts'
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

/** Fixes as a list, or as a function the engine calls only when someone reads them. */
export type FixList = readonly Fix[] | (() => readonly Fix[])

export interface Reported {
  readonly subject: string | null
  readonly message: string
  readonly related?: readonly string[]
  readonly severity?: Severity
  readonly fixes?: FixList
  readonly suggestions?: FixList
}

export type Report = (finding: Reported) => void

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

const COMPILED = new Map<string, readonly string[]>()

/**
 * Fills `{name}` placeholders of a message template; an unknown placeholder is left as written.
 * Templates are split once (even parts text, odd parts names), so a finding costs one join.
 */
export function formatMessage(
  template: string,
  data: Readonly<Record<string, string | number>>,
): string {
  let parts = COMPILED.get(template)
  if (!parts) {
    parts = template.split(/\{(\w+)\}/)
    COMPILED.set(template, parts)
  }
  let out = ''
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string
    if (i % 2 === 0) out += part
    else out += part in data ? String(data[part]) : `{${part}}`
  }
  return out
}
