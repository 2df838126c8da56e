import type { Finding, Offers, Severity } from '../../rules/types.ts'
import type { OutlineItem } from './outline-item.ts'

const SEVERITY_WORD: Record<Severity, string> = {
  error: 'Error',
  warning: 'Warning',
  info: 'Suggestion',
}

/** A subject's findings as rows ("Error missing-identity: …"), in the inspector's order. */
export function findingItems(
  parent: string,
  subject: string | null,
  findings: readonly Finding[],
  offers: (finding: Finding) => Offers,
): OutlineItem[] {
  return findings.map((f, i) => ({
    key: `${parent}/f:${i}`,
    kind: 'finding',
    label: `${SEVERITY_WORD[f.severity]} ${f.rule}: ${f.message}`,
    emphasis: f.rule,
    subject,
    severity: f.severity,
    findingIndex: i,
    hasChildren: offers(f).fixes.length + offers(f).suggestions.length > 0,
  }))
}

/** A finding's fixes, then its suggestions, as rows that Enter applies. */
export function fixItems(
  item: OutlineItem,
  finding: Finding | undefined,
  offers: (finding: Finding) => Offers,
): OutlineItem[] {
  if (!finding) return []
  const { fixes: own, suggestions } = offers(finding)
  const fixes = [
    ...own.map((fix) => ({ fix, word: 'Fix' })),
    ...suggestions.map((fix) => ({ fix, word: 'Suggestion' })),
  ]
  return fixes.map(({ fix, word }, i) => ({
    key: `${item.key}/x:${i}`,
    kind: 'fix',
    label: `${word}: ${fix.title}`,
    subject: item.subject,
    fix,
    hasChildren: false,
  }))
}
