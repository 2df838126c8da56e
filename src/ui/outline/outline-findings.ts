import type { Finding, Severity } from '../../rules/types.ts'
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
): OutlineItem[] {
  return findings.map((f, i) => ({
    key: `${parent}/f:${i}`,
    kind: 'finding',
    label: `${SEVERITY_WORD[f.severity]} ${f.rule}: ${f.message}`,
    emphasis: f.rule,
    subject,
    severity: f.severity,
    findingIndex: i,
    hasChildren: (f.fixes?.length ?? 0) + (f.suggestions?.length ?? 0) > 0,
  }))
}

/** A finding's fixes, then its suggestions, as rows that Enter applies. */
export function fixItems(item: OutlineItem, finding: Finding | undefined): OutlineItem[] {
  if (!finding) return []
  const fixes = [
    ...(finding.fixes ?? []).map((fix) => ({ fix, word: 'Fix' })),
    ...(finding.suggestions ?? []).map((fix) => ({ fix, word: 'Suggestion' })),
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
