import { appliesTo, type RoleRef } from '@/catalog/roles.ts'
import { SERVICES } from '@/catalog/services.ts'
import { replaceRoleSuggestions } from '../fixes/role-fixes.ts'
import { quoteRoles } from '../messages.ts'
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
  check({ facts, report }) {
    for (const info of facts.flagged('wrongService')) {
      const { edge, service } = info
      if (!service) continue
      const wrong = (role: RoleRef): boolean =>
        role.kind === 'builtin' && !appliesTo(role.fact, service.service)
      report({
        subject: edge.id,
        message: formatMessage(meta.messages.wrongService, {
          roles: quoteRoles(info, wrong),
          service: facts.label(edge.target),
          kind: SERVICES[service.service].label,
        }),
        related: [edge.target],
        suggestions: () => replaceRoleSuggestions(info, wrong),
      })
    }
  },
})
