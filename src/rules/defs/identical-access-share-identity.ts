import { compareOrdinal } from '../../lib/compare.ts'
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
  check({ index, facts, report }) {
    const groups = new Map<string, Member[]>()
    for (const [key, grants] of index.grantsByPrincipal) {
      const principal = grants[0]?.principal
      if (principal === undefined || principal.type === 'developer') continue
      const set = facts.grantSetKey(key) as string
      const list = groups.get(set)
      const member: Member = { type: principal.type, node: principal.node }
      if (list) list.push(member)
      else groups.set(set, [member])
    }
    for (const [set, members] of groups) {
      if (members.length < 2) continue
      members.sort((a, b) => compareOrdinal(a.node, b.node))
      const [first, ...rest] = members as [Member, ...Member[]]
      const describe = (m: Member): string =>
        m.type === 'systemAssigned'
          ? `the system-assigned identity of ${facts.label(m.node)}`
          : `identity ${facts.label(m.node)}`
      const fix = shareIdentityFix(facts, members)
      report({
        subject: first.node,
        message: formatMessage(meta.messages.identical, {
          members: members.map(describe).join(', '),
          count: set.split('\n').length,
        }),
        related: rest.map((m) => m.node),
        fixes: fix ? [fix] : [],
      })
    }
  },
})
