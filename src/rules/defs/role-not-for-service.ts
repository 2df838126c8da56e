import { appliesTo, type RoleRef } from '../../catalog/roles.ts'
import { SERVICES } from '../../catalog/services.ts'
import type { ServiceKind } from '../../model/kinds.ts'
import { replaceRoleSuggestions } from '../fixes/role-fixes.ts'
import { defineRule, formatMessage, type RuleMeta } from '../types.ts'

const meta = {
  id: 'role-not-for-service',
  severity: 'error',
  subject: 'access edge',
  description:
    "An access edge carries a built-in role that does not apply to the target's service kind.",
  hasFixes: true,
  messages: {
    wrongService: '{roles} cannot be granted on {service}, a {kind}: it has no effect there.',
  },
  learnMore: 'https://learn.microsoft.com/azure/role-based-access-control/built-in-roles',
} as const satisfies RuleMeta

export const roleNotForService = defineRule({
  meta,
  check({ index, facts, report }) {
    for (const edge of index.accessEdges) {
      const kind = facts.serviceKind(edge.target)
      if (kind === undefined) continue
      const wrong = (role: RoleRef): boolean =>
        role.kind === 'builtin' && !appliesTo(role.fact, kind as ServiceKind)
      const refs = index.rolesOf(edge.id)
      if (!refs.some(wrong)) continue
      report({
        subject: edge.id,
        message: formatMessage(meta.messages.wrongService, {
          roles: edge.roles
            .filter((_, i) => wrong(refs[i] as RoleRef))
            .map((r) => JSON.stringify(r))
            .join(', '),
          service: facts.label(edge.target),
          kind: SERVICES[kind].label,
        }),
        related: [edge.target],
        suggestions: replaceRoleSuggestions(facts, edge, wrong),
      })
    }
  },
})
