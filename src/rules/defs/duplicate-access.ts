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
    // (source, target, scope, resolution) → the first edge carrying each role key, with its position.
    const firstWith = new Map<string, Map<string, { edge: AccessEdge; at: number }>>()
    index.accessEdges.forEach((edge, at) => {
      const r = index.resolutionOf(edge.id)
      const key = `${edge.source}\u0000${edge.target}\u0000${edge.scope ?? 'resource'}\u0000${r.resolved ? principalKey(r.principal) : ''}`
      let seen = firstWith.get(key)
      if (!seen) {
        seen = new Map()
        firstWith.set(key, seen)
      }
      const keys = index.rolesOf(edge.id).map(roleKey)
      // The earliest edge that shares a role with this one.
      let earlier: { edge: AccessEdge; at: number } | undefined
      const shared: string[] = []
      keys.forEach((k, i) => {
        const first = seen.get(k)
        if (!first) return
        if (!earlier || first.at < earlier.at) earlier = first
        shared.push(edge.roles[i] as string)
      })
      for (const k of keys) if (!seen.has(k)) seen.set(k, { edge, at })
      if (!earlier) return
      const target = earlier.edge
      const merged = [...target.roles]
      for (const role of edge.roles) if (!merged.includes(role)) merged.push(role)
      report({
        subject: edge.id,
        message: formatMessage(meta.messages.duplicate, {
          roles: [...new Set(shared)].map((r) => JSON.stringify(r)).join(', '),
          earlier: JSON.stringify(target.id),
        }),
        related: [target.id],
        fixes: [
          {
            title: `Merge into ${JSON.stringify(target.id)}`,
            edits: [
              ...(merged.length === target.roles.length
                ? []
                : [{ type: 'updateEdge' as const, id: target.id, set: { roles: merged } }]),
              { type: 'removeEdge', id: edge.id },
            ],
          },
        ],
      })
    })
  },
})
