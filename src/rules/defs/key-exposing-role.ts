import type { RoleRef } from '../../catalog/roles.ts'
import { replaceRoleSuggestions } from '../fixes/role-fixes.ts'
import { defineRule, formatMessage, type RuleMeta } from '../types.ts'

const meta = {
  id: 'key-exposing-role',
  severity: 'warning',
  subject: 'access edge',
  description:
    'An access edge grants a role that can read keys or grant itself data access, which undoes passwordless access.',
  hasFixes: true,
  messages: {
    keyExposing:
      '{source} gets {roles} on {service}, which can list keys or grant itself data access: that undoes passwordless access. Grant a data role instead.',
  },
  learnMore:
    'https://learn.microsoft.com/azure/storage/common/authorize-data-access#understand-how-to-authorize-access-to-data',
} as const satisfies RuleMeta

/** Decided per role: a privileged role is privileged-role's business, never this rule's. */
const exposesKeys = (role: RoleRef): boolean =>
  role.kind === 'builtin' && role.fact.keyExposing === true && role.fact.privileged !== true

export const keyExposingRole = defineRule({
  meta,
  check({ index, facts, report }) {
    for (const edge of index.accessEdges) {
      const refs = index.rolesOf(edge.id)
      if (!refs.some(exposesKeys)) continue
      const roles = edge.roles.filter((_, i) => exposesKeys(refs[i] as RoleRef))
      report({
        subject: edge.id,
        message: formatMessage(meta.messages.keyExposing, {
          source: facts.label(edge.source),
          roles: roles.map((r) => JSON.stringify(r)).join(', '),
          service: facts.label(edge.target),
        }),
        related: [edge.source, edge.target],
        suggestions: replaceRoleSuggestions(facts, edge, exposesKeys),
      })
    }
  },
})
