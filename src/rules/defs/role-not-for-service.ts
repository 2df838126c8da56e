import { appliesTo, type RoleRef } from '../../catalog/roles.ts'
import { SERVICES } from '../../catalog/services.ts'
import { dataRolesFor, replaceRoleSuggestions } from '../fixes/role-fixes.ts'
import { quoteRoles } from '../messages.ts'
import { createRule } from '../rule.ts'

export const roleNotForService = createRule({
  meta: {
    id: 'role-not-for-service',
    severity: 'error',
    subject: 'access edge',
    scope: 'component',
    description:
      "An access edge carries a built-in role that does not apply to the target's service kind.",
    hasFixes: true,
    messages: {
      wrongService: '{roles} cannot be granted on {service}, a {kind}: it has no effect there.',
    },
    learnMore: 'https://learn.microsoft.com/azure/role-based-access-control/built-in-roles',
  },
  create({ index, label, report }) {
    return {
      accessEdge(edge, at) {
        const service = index.serviceAt(at)
        if (!service) return
        const kind = service.service
        const wrong = (role: RoleRef): boolean =>
          role.kind === 'builtin' && !appliesTo(role.fact, kind)
        const refs = index.rolesAt[at] as readonly RoleRef[]
        if (!refs.some(wrong)) return
        report({
          subject: edge.id,
          messageId: 'wrongService',
          data: {
            roles: quoteRoles(edge.roles, refs, wrong),
            service: label(edge.target),
            kind: SERVICES[kind].label,
          },
          related: [edge.target],
          suggest: () => replaceRoleSuggestions(edge, refs, wrong, dataRolesFor(kind)),
        })
      },
    }
  },
})
