import { roleKey } from '../../catalog/roles.ts'
import { principalKey } from '../../model/queries.ts'
import type { AccessEdge } from '../../model/types.ts'
import { defineRule, formatMessage, type RuleMeta } from '../types.ts'

const meta = {
  id: 'duplicate-access',
  severity: 'warning',
  subject: 'access edge',
  description:
    'Two access edges with the same source, target, identity and scope share a role: the later one repeats the earlier.',
  hasFixes: true,
  messages: {
    duplicate:
      'This access repeats {roles} of {earlier} (same source, target, identity and scope).',
  },
  learnMore: 'https://learn.microsoft.com/azure/role-based-access-control/role-assignments-steps',
} as const satisfies RuleMeta

export const duplicateAccess = defineRule({
  meta,
  check({ index, report }) {
    // (source, target, scope, resolution) → the first edge carrying each role key.
    const firstWith = new Map<string, Map<string, AccessEdge>>()
    for (const edge of index.accessEdges) {
      const r = index.resolutionOf(edge.id)
      const key = `${edge.source}\u0000${edge.target}\u0000${edge.scope ?? 'resource'}\u0000${r.resolved ? principalKey(r.principal) : ''}`
      let seen = firstWith.get(key)
      if (!seen) {
        seen = new Map()
        firstWith.set(key, seen)
      }
      const keys = index.rolesOf(edge.id).map(roleKey)
      let earlier: AccessEdge | undefined
      const shared: string[] = []
      keys.forEach((k, i) => {
        const first = seen.get(k)
        if (first && first !== edge) {
          earlier ??= first
          shared.push(edge.roles[i] as string)
        }
      })
      for (const k of keys) if (!seen.has(k)) seen.set(k, edge)
      if (!earlier) continue
      const merged = [...earlier.roles]
      for (const role of edge.roles) if (!merged.includes(role)) merged.push(role)
      report({
        subject: edge.id,
        message: formatMessage(meta.messages.duplicate, {
          roles: [...new Set(shared)].map((r) => JSON.stringify(r)).join(', '),
          earlier: JSON.stringify(earlier.id),
        }),
        related: [earlier.id],
        fixes: [
          {
            title: `Merge into ${JSON.stringify(earlier.id)}`,
            edits: [
              ...(merged.length === earlier.roles.length
                ? []
                : [{ type: 'updateEdge' as const, id: earlier.id, set: { roles: merged } }]),
              { type: 'removeEdge', id: edge.id },
            ],
          },
        ],
      })
    }
  },
})
