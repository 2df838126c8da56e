import { compareOrdinal } from '@/lib/compare.ts'
import { groupsWithEqualSets } from '../principals.ts'
import { defineRule, formatMessage, type RuleMeta } from '../types.ts'
import { shareIdentityFix, type Member } from '../fixes/share-identity.ts'

const meta = {
  id: 'identical-access-share-identity',
  severity: 'info',
  subject: 'identity',
  description:
    'Two or more workload identities hold identical grants: one shared user-assigned identity would need a single set of role assignments.',
  hasFixes: true,
  messages: {
    identical:
      '{members} hold identical access ({count} grants each): one shared user-assigned identity would need a single set of role assignments.',
  },
  learnMore:
    'https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/managed-identity-best-practice-recommendations#choosing-system-or-user-assigned-managed-identities',
} as const satisfies RuleMeta

export const identicalAccessShareIdentity = defineRule({
  meta,
  check({ facts, report }) {
    const workloads: { member: Member; set: readonly number[] }[] = []
    for (const summary of facts.principals()) {
      const { principal } = summary
      if (principal.type === 'developer' || summary.set.length === 0) continue
      workloads.push({ member: { type: principal.type, node: principal.node }, set: summary.set })
    }
    for (const group of groupsWithEqualSets(workloads, (w) => w.set)) {
      const members = group.map((w) => w.member)
      const count = (group[0] as { set: readonly number[] }).set.length
      members.sort((a, b) => compareOrdinal(a.node, b.node))
      const [first, ...rest] = members as [Member, ...Member[]]
      const describe = (m: Member): string =>
        m.type === 'systemAssigned'
          ? `the system-assigned identity of ${facts.label(m.node)}`
          : `identity ${facts.label(m.node)}`
      report({
        subject: first.node,
        message: formatMessage(meta.messages.identical, {
          members: members.map(describe).join(', '),
          count,
        }),
        related: rest.map((m) => m.node),
        fixes: () => {
          const fix = shareIdentityFix(facts, members)
          return fix ? [fix] : []
        },
      })
    }
  },
})
