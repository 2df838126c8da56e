import { grantCount, sameGrants } from '../../analysis/grant-sets.ts'
import { compareOrdinal } from '../../lib/compare.ts'
import type { Edit } from '../../model/edits.ts'
import type { DeveloperNode } from '../../model/types.ts'
import { groupsWithEqualSets } from '../equal-sets.ts'
import type { Fixer } from '../fixer.ts'
import { createRule } from '../rule.ts'
import type { Fix } from '../types.ts'

export const developerPreferGroup = createRule({
  meta: {
    id: 'developer-prefer-group',
    severity: 'info',
    subject: 'developer',
    scope: 'component',
    description:
      'Two or more individual developers have identical access: grant it once, to a security group.',
    hasFixes: true,
    messages: {
      group:
        '{users} have identical access: grant it once to a Microsoft Entra security group with them as members, instead of once per person.',
    },
    learnMore:
      'https://learn.microsoft.com/azure/role-based-access-control/best-practices#assign-roles-to-groups-not-users',
  },
  create({ index, label, report }) {
    const candidates: { node: DeveloperNode; p: number }[] = []
    const grants = index.principalGrants()
    return {
      developer(node) {
        if (node.principal !== 'user') return
        const p = index.principalNumber('developer', node.id)
        if (p !== undefined && grantCount(grants, p) > 0) candidates.push({ node, p })
      },
      design() {
        const hashOf = (u: { p: number }): number => grants.hash[u.p] as number
        const same = (u: { p: number }, v: { p: number }): boolean => sameGrants(grants, u.p, v.p)
        for (const group of groupsWithEqualSets(candidates, hashOf, same)) {
          const users = group.map((u) => u.node)
          users.sort((a, b) => compareOrdinal(a.id, b.id))
          const [first, ...rest] = users as [DeveloperNode, ...DeveloperNode[]]
          report({
            subject: first.id,
            messageId: 'group',
            data: { users: users.map((u) => label(u.id)).join(', ') },
            related: rest.map((u) => u.id),
            fix: (fixer) => [groupFix(fixer, users)],
          })
        }
      },
    }
  },
})

/** A new group developer with the first user's access edges; the users themselves are removed. */
function groupFix(fixer: Fixer, users: readonly DeveloperNode[]): Fix {
  const [first] = users as [DeveloperNode]
  const ids = fixer.newIds()
  const id = ids.fresh(`${first.id}-group`)
  const name = `Developers: ${users.map((u) => u.name).join(', ')}`
  const edits: Edit[] = [
    {
      type: 'addNode',
      node: {
        id,
        kind: 'developer',
        name: name.length > 128 ? `${name.slice(0, 127)}…` : name,
        principal: 'group',
        ...(first.position ? { position: first.position } : {}),
      },
    },
  ]
  for (const at of fixer.edgesFrom(first.id)) {
    const edge = fixer.index.accessEdge(at)
    edits.push({
      type: 'addEdge',
      edge: {
        id: ids.fresh(`${id}-${edge.target}`),
        kind: 'access',
        source: id,
        target: edge.target,
        roles: edge.roles,
        ...(edge.scope !== undefined ? { scope: edge.scope } : {}),
      },
    })
  }
  for (const user of users) edits.push({ type: 'removeNode', id: user.id })
  return { title: 'Replace them with one security group holding their access', edits }
}
