import type { RoleRef } from '../../catalog/roles.ts'
import { replaceRoleSuggestions } from '../fixes/role-fixes.ts'
import { defineRule, formatMessage, type RuleMeta } from '../types.ts'

const meta = {
  id: 'privileged-role',
  severity: 'error',
  subject: 'access edge',
  description:
    'An access edge grants a privileged role (Owner, Contributor, User Access Administrator, Role Based Access Control Administrator, db_owner); a warning on a developer’s edge.',
  hasFixes: true,
  messages: {
    privileged:
      '{source} gets the privileged role {roles} on {service}: grant the least-privileged data role it needs instead.',
  },
  learnMore: 'https://learn.microsoft.com/azure/role-based-access-control/best-practices',
} as const satisfies RuleMeta

const isPrivileged = (role: RoleRef): boolean =>
  role.kind === 'builtin' && role.fact.privileged === true

export const privilegedRole = defineRule({
  meta,
  check({ index, facts, report }) {
    for (const edge of index.accessEdges) {
      const refs = index.rolesOf(edge.id)
      if (!refs.some(isPrivileged)) continue
      const roles = edge.roles.filter((_, i) => isPrivileged(refs[i] as RoleRef))
      report({
        subject: edge.id,
        severity: index.node(edge.source)?.kind === 'developer' ? 'warning' : 'error',
        message: formatMessage(meta.messages.privileged, {
          source: facts.label(edge.source),
          roles: roles.map((r) => JSON.stringify(r)).join(', '),
          service: facts.label(edge.target),
        }),
        related: [edge.source, edge.target],
        suggestions: replaceRoleSuggestions(facts, edge, isPrivileged),
      })
    }
  },
})
