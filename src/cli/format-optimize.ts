import { terminalText as t } from '../lib/encode/terminal.ts'
import type { IdentitySummary, OptimizeSummary } from '../optimize/types.ts'

const list = (items: readonly IdentitySummary[]): string =>
  items.map((i) => (i.id === i.name ? t(i.id) : `${t(i.id)} (${t(i.name)})`)).join(', ')

/** The optimize summary as a few lines for stderr. */
export function formatOptimizeSummary(file: string, s: OptimizeSummary, changed: boolean): string {
  if (!changed)
    return `${t(file)}: already optimal (${s.roleAssignments.before} role assignments); nothing changed\n`
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
  lines.push(
    `  ${'role assignments'.padEnd(26)} ${s.roleAssignments.before} → ${s.roleAssignments.after}`,
  )
  return `${lines.join('\n')}\n`
}
