import { rolesForService, type RoleRef } from '@/catalog/roles.ts'
import type { ServiceKind } from '@/model/kinds.ts'
import { closest } from '../closest.ts'
import { dataRolesFor, replaceRoleSuggestions } from '../fixes/role-fixes.ts'
import { quoteRoles } from '../messages.ts'
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
  check({ facts, report }) {
    // The same typo tends to repeat: rank the candidates once per (text, service kind).
    const ranked = new Map<string, readonly string[]>()
    for (const info of facts.flagged('unknownRole')) {
      const { edge } = info
      const unknown = edge.roles.filter((_, i) => isUnknown(info.refs[i] as RoleRef))
      const kind = info.service?.service
      const key = `${unknown.join('\u0000')}\u0000${kind ?? ''}`
      const rank = (): readonly string[] => {
        let candidates = ranked.get(key)
        if (!candidates) {
          candidates = candidatesFor(unknown, kind)
          ranked.set(key, candidates)
        }
        return candidates
      }
      report({
        subject: edge.id,
        message: formatMessage(meta.messages.unknown, {
          roles: quoteRoles(info, isUnknown),
          service: facts.label(edge.target),
        }),
        related: [edge.target],
        suggestions: () => replaceRoleSuggestions(info, isUnknown, rank()),
      })
    }
  },
})

/** The names a typo most likely meant among the roles of the service, then its data roles. */
function candidatesFor(unknown: readonly string[], kind: ServiceKind | undefined): string[] {
  const applicable =
    kind === undefined
      ? []
      : rolesForService(kind)
          .filter((r) => !r.privileged)
          .map((r) => r.name)
  const near = unknown.length === 1 ? closest(unknown[0] as string, applicable) : []
  return [...near, ...dataRolesFor(kind).filter((r) => !near.includes(r))]
}
