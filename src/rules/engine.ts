import { DesignIndex } from '../analysis/design-index.ts'
import { compareOrdinal } from '../lib/compare.ts'
import type { Design } from '../model/types.ts'
import { RuleFacts } from './facts.ts'
import { RULES } from './registry.ts'
import { SEVERITIES, type Finding, type Rule } from './types.ts'

export const INTERNAL_ERROR_RULE = 'internal-error'

/**
 * Runs every rule over one index of the design. A rule that throws does not stop the others: it
 * yields an `internal-error` finding naming it. Findings come sorted by severity, rule and subject.
 */
export function checkDesign(
  design: Design,
  rules: readonly Rule[] = RULES,
  index = new DesignIndex(design),
): Finding[] {
  const findings: Finding[] = []
  const facts = new RuleFacts(index)
  for (const rule of rules) {
    const report = (
      f: Omit<Finding, 'rule' | 'severity'> & { severity?: Finding['severity'] },
    ): void => {
      findings.push(normalize(rule.meta.id, f.severity ?? rule.meta.severity, f))
    }
    try {
      rule.check({ index, facts, report })
    } catch (e) {
      findings.push({
        rule: INTERNAL_ERROR_RULE,
        severity: 'error',
        subject: null,
        message: `rule ${rule.meta.id} failed: ${e instanceof Error ? e.message : String(e)}`,
      })
    }
  }
  return sortFindings(findings)
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      compareOrdinal(a.rule, b.rule) ||
      compareOrdinal(a.subject ?? '', b.subject ?? '') ||
      compareOrdinal(a.message, b.message),
  )
}

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

/** The finding with the rule's id and severity; empty `related`, `fixes` and `suggestions` left out. */
function normalize(
  rule: string,
  severity: Finding['severity'],
  f: Omit<Finding, 'rule' | 'severity'>,
): Finding {
  return {
    rule,
    severity,
    subject: f.subject,
    message: f.message,
    ...(f.related && f.related.length > 0 ? { related: f.related } : {}),
    ...(f.fixes && f.fixes.length > 0 ? { fixes: f.fixes } : {}),
    ...(f.suggestions && f.suggestions.length > 0 ? { suggestions: f.suggestions } : {}),
  }
}
