import { countPhrase, GRANT_COUNT_LABELS, type GrantCounts } from '../analysis/grant-counts.ts'
import { terminalText as t } from '../lib/encode/terminal.ts'
import type { IdentitySummary, OptimizeSummary } from '../optimize/types.ts'

const list = (items: readonly IdentitySummary[]): string =>
  items.map((i) => (i.id === i.name ? t(i.id) : `${t(i.id)} (${t(i.name)})`)).join(', ')

/** The optimize summary as a few lines for stderr. */
export function formatOptimizeSummary(
  file: string,
  s: OptimizeSummary,
  changed: boolean,
  counts: { readonly before: GrantCounts; readonly after: GrantCounts },
): string {
  if (!changed) {
    const azure = counts.before.azureRoleAssignments
    return `${t(file)}: already optimal (${countPhrase(azure, ...GRANT_COUNT_LABELS.azureRoleAssignments)}); nothing changed\n`
  }
  const lines = [`${t(file)}: optimized identities`]
  const add = (label: string, value: string): void => {
    if (value !== '') lines.push(`  ${label.padEnd(26)} ${value}`)
  }
  add(`identities created (${s.identitiesCreated.length})`, list(s.identitiesCreated))
  add(`identities removed (${s.identitiesRemoved.length})`, list(s.identitiesRemoved))
  add(`identities kept (${s.identitiesKept.length})`, list(s.identitiesKept))
  add('system-assigned on', t(s.systemAssignedOn.join(', ')))
  add('system-assigned off', t(s.systemAssignedOff.join(', ')))
  add(
    'edges split',
    t(s.edgesSplit.map((e) => `${e.edge} → ${[e.edge, ...e.into].join(' + ')}`).join(', ')),
  )
  add('repeated roles dropped', t(s.repeatsDropped.join(', ')))
  for (const kind of Object.keys(GRANT_COUNT_LABELS) as (keyof GrantCounts)[]) {
    const [before, after] = [counts.before[kind], counts.after[kind]]
    if (kind === 'azureRoleAssignments' || before + after > 0)
      lines.push(`  ${GRANT_COUNT_LABELS[kind][1].padEnd(26)} ${before} → ${after}`)
  }
  return `${lines.join('\n')}\n`
}
