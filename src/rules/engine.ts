import { DesignIndex } from '../analysis/design-index.ts'
import { compareOrdinal } from '../lib/compare.ts'
import type { Design } from '../model/types.ts'
import { designScope, Fixer } from './fixer.ts'
import { Labels } from './labels.ts'
import { compileMessage, fillMessage, type CompiledMessage } from './messages.ts'
import { RULES } from './registry.ts'
import type {
  ComponentRule,
  DesignRule,
  DesignTotals,
  FilledMessage,
  FixBuilder,
  Listeners,
  MessageData,
  Rule,
  RuleContext,
} from './rule.ts'
import { walk } from './walk.ts'
import { NO_OFFERS, SEVERITIES, type Finding, type Offers, type Severity } from './types.ts'

export const INTERNAL_ERROR_RULE = 'internal-error'

/**
 * One walk of the component rules over an index: findings in report order, and beside each (same
 * position) the fix and suggestion builders its rule handed over, if any.
 */
export interface RuleRun {
  readonly index: DesignIndex
  readonly labels: Labels
  readonly findings: readonly Finding[]
  readonly fixes: readonly (FixBuilder | undefined)[]
  readonly suggestions: readonly (FixBuilder | undefined)[]
}

/**
 * Runs component rules over one index in a single walk (walk.ts). A rule that throws stops
 * hearing events and yields an `internal-error` finding naming it; the others go on.
 */
export function runRules(rules: readonly ComponentRule[], index: DesignIndex): RuleRun {
  const labels = new Labels(index)
  const findings: Finding[] = []
  const fixes: (FixBuilder | undefined)[] = []
  const suggestions: (FixBuilder | undefined)[] = []
  const failed = (rule: Rule, e: unknown): void => {
    findings.push(internalError(rule, e))
    fixes.push(undefined)
    suggestions.push(undefined)
  }
  const listeners = rules.map((rule): Listeners => {
    const id = rule.meta.id
    const messages = compiler(rule.meta.messages)
    const fill = (messageId: string, data: MessageData = NO_DATA) =>
      fillMessage(messages(messageId), data) as FilledMessage<string>
    const context: RuleContext<string> = {
      index,
      label: (node) => labels.of(node),
      labelAt: (n) => labels.at(n),
      fill,
      report(r) {
        const message = r.message ?? fill(r.messageId, r.data)
        const severity = r.severity ?? rule.meta.severity
        const finding: Finding =
          r.related && r.related.length > 0
            ? { rule: id, severity, subject: r.subject, message, related: r.related }
            : { rule: id, severity, subject: r.subject, message }
        findings.push(finding)
        fixes.push(r.fix)
        suggestions.push(r.suggest)
      },
    }
    try {
      return rule.create(context)
    } catch (e) {
      failed(rule, e)
      return {}
    }
  })
  walk(index, listeners, (r, e) => failed(rules[r] as Rule, e))
  return { index, labels, findings, fixes, suggestions }
}

/** The design-wide rules over the design's totals. */
export function runDesignRules(rules: readonly DesignRule[], totals: DesignTotals): Finding[] {
  const findings: Finding[] = []
  for (const rule of rules) {
    const messages = compiler(rule.meta.messages)
    try {
      rule
        .create({
          report(r) {
            findings.push({
              rule: rule.meta.id,
              severity: r.severity ?? rule.meta.severity,
              subject: null,
              message: fillMessage(messages(r.messageId), r.data ?? NO_DATA),
            })
          },
        })
        .design(totals)
    } catch (e) {
      findings.push(internalError(rule, e))
    }
  }
  return findings
}

export function totalsOf(index: DesignIndex): DesignTotals {
  return { rbacAssignments: index.rbacAssignmentCount() }
}

/** The fixes and suggestions of the run's finding at `position`, built against `fixer`'s design. */
export function buildOffers(run: RuleRun, position: number, fixer: Fixer): Offers {
  const fix = run.fixes[position]
  const suggest = run.suggestions[position]
  if (!fix && !suggest) return NO_OFFERS
  return { fixes: fix?.(fixer) ?? [], suggestions: suggest?.(fixer) ?? [] }
}

/** The position in the run of each finding that has a fix or suggestion builder. */
function builderPositions(run: RuleRun): Map<Finding, number> {
  const out = new Map<Finding, number>()
  run.findings.forEach((f, i) => {
    if (run.fixes[i] || run.suggestions[i]) out.set(f, i)
  })
  return out
}

/** The rules split by scope (RuleMeta.scope). */
export function byScope(rules: readonly Rule[]): {
  component: ComponentRule[]
  design: DesignRule[]
} {
  const component: ComponentRule[] = []
  const design: DesignRule[] = []
  for (const rule of rules)
    if (rule.meta.scope === 'design') design.push(rule as DesignRule)
    else component.push(rule as ComponentRule)
  return { component, design }
}

/** The findings of one check of a design, and its fixes on request. */
export interface Check {
  /** Sorted by severity, rule, subject and message (stable). */
  readonly findings: readonly Finding[]
  /** The fixes and suggestions of one of `findings`, built on first request and kept. */
  offers(finding: Finding): Offers
}

export function runCheck(design: Design, rules: readonly Rule[] = RULES): Check {
  const index = new DesignIndex(design)
  const { component, design: wide } = byScope(rules)
  const run = runRules(component, index)
  const findings = [...run.findings]
  if (wide.length > 0) findings.push(...runDesignRules(wide, totalsOf(index)))
  let fixer: Fixer | undefined
  let at: Map<Finding, number> | undefined
  // Offers kept by position in the run, not in a second map keyed by finding (the designer may
  // ask for all ten thousand); made on the first request, as `at`.
  let built: (Offers | undefined)[] | undefined
  return {
    findings: sortFindings(findings),
    offers(finding) {
      const position = (at ??= builderPositions(run)).get(finding)
      if (position === undefined) return NO_OFFERS
      fixer ??= new Fixer(index, run.labels, designScope(design))
      built ??= new Array<Offers | undefined>(run.findings.length)
      return (built[position] ??= buildOffers(run, position, fixer))
    },
  }
}

/** Every rule's findings on a design, sorted (see runCheck for their fixes). */
export function checkDesign(design: Design, rules: readonly Rule[] = RULES): Finding[] {
  return runCheck(design, rules).findings as Finding[]
}

/**
 * Severity, then rule id, subject and message in ordinal order; stable for equal keys. Severity
 * and rule become one number, the findings are bucketed by it (stable), and only each bucket is
 * sorted, comparing subjects read from one flat array (not from findings of several shapes).
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const rules = [...new Set(findings.map((f) => f.rule))].sort(compareOrdinal)
  const ruleRank = new Map(rules.map((r, i) => [r, i]))
  const buckets: number[][] = Array.from({ length: SEVERITIES.length * rules.length }, () => [])
  const subjects = new Array<string>(findings.length)
  findings.forEach((f, i) => {
    subjects[i] = f.subject ?? ''
    ;(
      buckets[
        SEVERITY_RANK[f.severity] * rules.length + (ruleRank.get(f.rule) as number)
      ] as number[]
    ).push(i)
  })
  const bySubject = (i: number, j: number): number =>
    compareOrdinal(subjects[i] as string, subjects[j] as string) ||
    compareOrdinal((findings[i] as Finding).message, (findings[j] as Finding).message) ||
    i - j
  const out: Finding[] = []
  for (const bucket of buckets) {
    if (bucket.length > 1) bucket.sort(bySubject)
    for (const i of bucket) out.push(findings[i] as Finding)
  }
  return out
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 }

export interface FindingCounts {
  error: number
  warning: number
  info: number
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const counts = { error: 0, warning: 0, info: 0 }
  for (const f of findings) counts[f.severity]++
  return counts
}

const NO_DATA = {}

/** Each message template of a rule compiled on first use, for one run. */
function compiler(messages: Readonly<Record<string, string>>): (id: string) => CompiledMessage {
  const compiled = new Map<string, CompiledMessage>()
  return (id) => {
    let parts = compiled.get(id)
    if (!parts) compiled.set(id, (parts = compileMessage(messages[id] as string)))
    return parts
  }
}

function internalError(rule: Rule, e: unknown): Finding {
  return {
    rule: INTERNAL_ERROR_RULE,
    severity: 'error',
    subject: null,
    message: `rule ${rule.meta.id} failed: ${e instanceof Error ? e.message : String(e)}`,
  }
}
