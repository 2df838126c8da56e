import { isPrivilegedRole } from '@/catalog/privilege.ts'
import type { RoleRef } from '@/catalog/roles.ts'
import { replaceRoleSuggestions } from '../fixes/role-fixes.ts'
import { quoteRoles } from '../messages.ts'
import { defineRule, formatMessage, type RuleMeta } from '../types.ts'

const meta = {
  id: 'privileged-role',
  severity: 'error',
  subject: 'access edge',
  description:
    'An access edge grants a privileged role (Owner, Contributor, User Access Administrator, Role Based Access Control Administrator, db_owner, or any built-in role whose permissions let it grant access); a warning on a developer’s edge.',
  hasFixes: true,
  messages: {
    privileged:
      '{source} gets the privileged role {roles} on {service}: grant the least-privileged data role it needs instead.',
  },
  learnMore: 'https://learn.microsoft.com/azure/role-based-access-control/best-practices',
} as const satisfies RuleMeta

/** The catalog's one definition, shared with the apply gate (catalog/privilege.ts). */
const isPrivileged = (role: RoleRef): boolean => isPrivilegedRole(role)

export const privilegedRole = defineRule({
  meta,
  check({ facts, report }) {
    for (const info of facts.flagged('privileged')) {
      const { edge } = info
      report({
        subject: edge.id,
        severity: info.developer ? 'warning' : 'error',
        message: formatMessage(meta.messages.privileged, {
          source: facts.label(edge.source),
          roles: quoteRoles(info, isPrivileged),
          service: facts.label(edge.target),
        }),
        related: [edge.source, edge.target],
        suggestions: () => replaceRoleSuggestions(info, isPrivileged),
      })
    }
  },
})
