import { grantCount, sameGrants } from '../../analysis/grant-sets.ts'
import { compareOrdinal, sortBy } from '../../lib/compare.ts'
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
    // Workload principals (not developers) holding at least one grant, the first `count`.
    const workloads = new Int32Array(index.principalCount)
    let count = 0
    const grants = index.principalGrants()
    return {
      principal(p) {
        if (index.principalType(p) !== 'developer' && grantCount(grants, p) > 0)
          workloads[count++] = p
      },
      design() {
        const hashOf = (p: number): number => grants.hash[p] as number
        const same = (p: number, q: number): boolean => sameGrants(grants, p, q)
        const byNode = (p: number, q: number): number =>
          compareOrdinal(index.principalNode(p), index.principalNode(q))
        const describe = (p: number): string =>
          index.principalType(p) === 'systemAssigned'
            ? `the system-assigned identity of ${label(index.principalNode(p))}`
            : `identity ${label(index.principalNode(p))}`
        for (const group of groupsWithEqualSets(workloads.subarray(0, count), hashOf, same)) {
          // Principal numbers, by node id: Member objects only for the fix, if it is asked for.
          sortBy(group, byNode)
          const held = grantCount(grants, group[0] as number)
          // Thousands of apps can hold one grant set: the message names a few (related lists all).
          const named = group.slice(0, NAMED).map(describe).join(', ')
          const more = group.length - NAMED
          const related = new Array<string>(group.length - 1)
          for (let i = 1; i < group.length; i++)
            related[i - 1] = index.principalNode(group[i] as number)
          report({
            subject: index.principalNode(group[0] as number),
            messageId: 'identical',
            data: {
              members: more > 0 ? `${named} and ${more.toLocaleString('en-US')} more` : named,
              grants: `${held} grant${held === 1 ? '' : 's'}`,
            },
            related,
            fix: (fixer) => {
              const members = group.map((p): Member => ({
                type: index.principalType(p) as Member['type'],
                node: index.principalNode(p),
                principal: p,
              }))
              const fix = shareIdentityFix(fixer, members)
              return fix ? [fix] : []
            },
          })
        }
      },
    }
  },
})
