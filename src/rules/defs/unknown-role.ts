import type { RoleRef } from '../../catalog/roles.ts'
import { closest } from '../closest.ts'
import { dataRolesFor, replaceRoleSuggestions } from '../fixes/role-fixes.ts'
import { rolesForService } from '../../catalog/roles.ts'
import { defineRule, formatMessage, type RuleMeta } from '../types.ts'

const meta = {
  id: 'unknown-role',
  severity: 'error',
  subject: 'access edge',
  description:
    'An access edge carries a role that is neither a known built-in role name nor a GUID.',
  hasFixes: true,
  messages: {
    unknown:
      '{roles} is not a built-in role name (names are case-sensitive) nor a role definition GUID, so nothing would be granted on {service}.',
  },
  learnMore: 'https://learn.microsoft.com/azure/role-based-access-control/built-in-roles',
} as const satisfies RuleMeta

const isUnknown = (role: RoleRef): boolean => role.kind === 'unknown'

export const unknownRole = defineRule({
  meta,
  check({ index, facts, report }) {
    for (const edge of index.accessEdges) {
      const refs = index.rolesOf(edge.id)
      if (!refs.some(isUnknown)) continue
      const unknown = edge.roles.filter((_, i) => isUnknown(refs[i] as RoleRef))
      const kind = facts.serviceKind(edge.target)
      // The names a typo most likely meant, among the roles that apply to this service.
      const applicable =
        kind === undefined
          ? []
          : rolesForService(kind)
              .filter((r) => !r.privileged)
              .map((r) => r.name)
      const near = unknown.length === 1 ? closest(unknown[0] as string, applicable) : []
      const candidates = [
        ...near,
        ...dataRolesFor(facts, edge.target).filter((r) => !near.includes(r)),
      ]
      report({
        subject: edge.id,
        message: formatMessage(meta.messages.unknown, {
          roles: unknown.map((r) => JSON.stringify(r)).join(', '),
          service: facts.label(edge.target),
        }),
        related: [edge.target],
        suggestions: replaceRoleSuggestions(facts, edge, isUnknown, candidates),
      })
    }
  },
})
