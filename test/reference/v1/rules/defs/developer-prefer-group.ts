import { compareOrdinal } from '@/lib/compare.ts'
import type { Edit } from '@/model/edits.ts'
import type { DeveloperNode } from '@/model/types.ts'
import type { RuleFacts } from '../facts.ts'
import { groupsWithEqualSets } from '../principals.ts'
import { defineRule, formatMessage, type Fix, type RuleMeta } from '../types.ts'

const meta = {
  id: 'developer-prefer-group',
  severity: 'info',
  subject: 'developer',
  description:
    'Two or more individual developers have identical access: grant it once, to a security group.',
  hasFixes: true,
  messages: {
    group:
      '{users} have identical access: grant it once to a Microsoft Entra security group with them as members, instead of once per person.',
  },
  learnMore:
    'https://learn.microsoft.com/azure/role-based-access-control/best-practices#assign-roles-to-groups-not-users',
} as const satisfies RuleMeta

export const developerPreferGroup = defineRule({
  meta,
  check({ index, facts, report }) {
    const candidates: { node: DeveloperNode; set: readonly number[] }[] = []
    for (const node of index.design.nodes) {
      if (node.kind !== 'developer' || node.principal !== 'user') continue
      const summary = facts.principal('developer', node.id)
      if (summary && summary.set.length > 0) candidates.push({ node, set: summary.set })
    }
    for (const group of groupsWithEqualSets(candidates, (u) => u.set)) {
      const users = group.map((u) => u.node)
      users.sort((a, b) => compareOrdinal(a.id, b.id))
      const [first, ...rest] = users as [DeveloperNode, ...DeveloperNode[]]
      report({
        subject: first.id,
        message: formatMessage(meta.messages.group, {
          users: users.map((u) => facts.label(u.id)).join(', '),
        }),
        related: rest.map((u) => u.id),
        fixes: () => [groupFix(facts, users)],
      })
    }
  },
})

/** A new group developer with the first user's access edges; the users themselves are removed. */
function groupFix(facts: RuleFacts, users: readonly DeveloperNode[]): Fix {
  const [first] = users as [DeveloperNode]
  const ids = facts.newIds()
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
  for (const { edge } of facts.edgesFrom(first.id))
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
  for (const user of users) edits.push({ type: 'removeNode', id: user.id })
  return { title: 'Replace them with one security group holding their access', edits }
}
