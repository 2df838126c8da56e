import { rolesForService, type RoleRef } from '../../catalog/roles.ts'
import type { ServiceKind } from '../../model/kinds.ts'
import { closest } from '../closest.ts'
import { dataRolesFor, replaceRoleSuggestions } from '../fixes/role-fixes.ts'
import { quoteRoles } from '../messages.ts'
import type { AccessEdge } from '../../model/types.ts'
import { createRule } from '../rule.ts'

const isUnknown = (role: RoleRef): boolean => role.kind === 'unknown'

export const unknownRole = createRule({
  meta: {
    id: 'unknown-role',
    severity: 'error',
    subject: 'access edge',
    scope: 'component',
    description:
      'An access edge carries a role that is neither a known built-in role name nor a GUID.',
    hasFixes: true,
    messages: {
      unknown:
        '{roles} is not a built-in role name (names are case-sensitive) nor a role definition GUID, so nothing would be granted on {service}.',
    },
    learnMore: 'https://learn.microsoft.com/azure/role-based-access-control/built-in-roles',
  },
  create({ index, label, report }) {
    const unknownRoles = index.roleTable.where(isUnknown)
    // The same typo tends to repeat: rank the candidates once per (text, service kind).
    const ranked = new Map<string, readonly string[]>()
    const found = (edge: AccessEdge, at: number): void => {
      const refs = index.roles(at)
      report({
        subject: edge.id,
        messageId: 'unknown',
        data: { roles: quoteRoles(edge.roles, refs, isUnknown), service: label(edge.target) },
        related: [edge.target],
        // Worked out only when suggestions are asked for (a check of a large design may show
        // none of them).
        suggest: () => {
          const unknown = edge.roles.filter((_, i) => isUnknown(refs[i] as RoleRef))
          const kind = index.serviceAt(at)?.service
          const key = `${unknown.join('\u0000')}\u0000${kind ?? ''}`
          let candidates = ranked.get(key)
          if (!candidates) ranked.set(key, (candidates = candidatesFor(unknown, kind)))
          return replaceRoleSuggestions(edge, refs, isUnknown, candidates)
        },
      })
    }
    return {
      accessEdgeWhere: { role: isUnknown },
      accessEdge(edge, at) {
        if (index.anyRole(at, unknownRoles)) found(edge, at)
      },
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
