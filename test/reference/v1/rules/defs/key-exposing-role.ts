import type { RoleRef } from '@/catalog/roles.ts'
import { replaceRoleSuggestions } from '../fixes/role-fixes.ts'
import { quoteRoles } from '../messages.ts'
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
  check({ facts, report }) {
    for (const info of facts.flagged('keyExposing')) {
      const { edge } = info
      report({
        subject: edge.id,
        message: formatMessage(meta.messages.keyExposing, {
          source: facts.label(edge.source),
          roles: quoteRoles(info, exposesKeys),
          service: facts.label(edge.target),
        }),
        related: [edge.source, edge.target],
        suggestions: () => replaceRoleSuggestions(info, exposesKeys),
      })
    }
  },
})
