import { grantCount, sameGrants } from '../../analysis/grant-sets.ts'
import { compareOrdinal } from '../../lib/compare.ts'
import { groupsWithEqualSets } from '../equal-sets.ts'
import { shareIdentityFix, type Member } from '../fixes/share-identity.ts'
import { createRule } from '../rule.ts'

/** How many members a message names before it counts the rest. */
const NAMED = 5

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
        '{members} hold identical access ({grants} each): one shared user-assigned identity would need a single set of role assignments.',
    },
    learnMore:
      'https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/managed-identity-best-practice-recommendations#choosing-system-or-user-assigned-managed-identities',
  },
  create({ index, label, report }) {
    // Workload principals (not developers) holding at least one grant.
    const workloads: number[] = []
    const grants = index.principalGrants()
    return {
      principal(p) {
        if (index.principalType(p) !== 'developer' && grantCount(grants, p) > 0) workloads.push(p)
      },
      design() {
        const hashOf = (p: number): number => grants.hash[p] as number
        const same = (p: number, q: number): boolean => sameGrants(grants, p, q)
        for (const group of groupsWithEqualSets(workloads, hashOf, same)) {
          const members = group.map((p): Member => ({
            type: index.principalType(p) as Member['type'],
            node: index.principalNode(p),
            principal: p,
          }))
          const count = grantCount(grants, group[0] as number)
          members.sort((a, b) => compareOrdinal(a.node, b.node))
          const [first, ...rest] = members as [Member, ...Member[]]
          const describe = (m: Member): string =>
            m.type === 'systemAssigned'
              ? `the system-assigned identity of ${label(m.node)}`
              : `identity ${label(m.node)}`
          // Thousands of apps can hold one grant set: the message names a few (related lists all).
          const named = members.slice(0, NAMED).map(describe).join(', ')
          const more = members.length - NAMED
          report({
            subject: first.node,
            messageId: 'identical',
            data: {
              members: more > 0 ? `${named} and ${more.toLocaleString('en-US')} more` : named,
              grants: `${count} grant${count === 1 ? '' : 's'}`,
            },
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
