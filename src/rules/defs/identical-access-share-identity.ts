import { compareOrdinal } from '../../lib/compare.ts'
import { groupsWithEqualSets } from '../equal-sets.ts'
import { shareIdentityFix, type Member } from '../fixes/share-identity.ts'
import { createRule } from '../rule.ts'

export const identicalAccessShareIdentity = createRule({
  meta: {
    id: 'identical-access-share-identity',
    severity: 'info',
    subject: 'identity',
    scope: 'component',
    description:
      'Two or more workload identities hold identical grants: one shared user-assigned identity would need a single set of role assignments.',
    hasFixes: true,
    messages: {
      identical:
        '{members} hold identical access ({count} grants each): one shared user-assigned identity would need a single set of role assignments.',
    },
    learnMore:
      'https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/managed-identity-best-practice-recommendations#choosing-system-or-user-assigned-managed-identities',
  },
  create({ index, label, report }) {
    const workloads: { member: Member; set: readonly number[] }[] = []
    return {
      principal(p) {
        const { type, node } = index.principals[p] as (typeof index.principals)[number]
        const set = index.principalGrants().sets[p] as readonly number[]
        if (type === 'developer' || set.length === 0) return
        workloads.push({ member: { type, node, principal: p }, set })
      },
      design() {
        for (const group of groupsWithEqualSets(workloads, (w) => w.set)) {
          const members = group.map((w) => w.member)
          const count = (group[0] as { set: readonly number[] }).set.length
          members.sort((a, b) => compareOrdinal(a.node, b.node))
          const [first, ...rest] = members as [Member, ...Member[]]
          const describe = (m: Member): string =>
            m.type === 'systemAssigned'
              ? `the system-assigned identity of ${label(m.node)}`
              : `identity ${label(m.node)}`
          report({
            subject: first.node,
            messageId: 'identical',
            data: { members: members.map(describe).join(', '), count },
            related: rest.map((m) => m.node),
            fix: (fixer) => {
              const fix = shareIdentityFix(fixer, members)
              return fix ? [fix] : []
            },
          })
        }
      },
    }
  },
})
