import { appliesTo, type RoleRef } from '../../catalog/roles.ts'
import { SERVICES } from '../../catalog/services.ts'
import type { ServiceKind } from '../../model/kinds.ts'
import type { AccessEdge } from '../../model/types.ts'
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
    // By service kind, the roles (by number) that are built in and do not apply to it.
    const wrongFor = new Map<ServiceKind, Uint8Array>()
    const flagsFor = (kind: ServiceKind): Uint8Array =>
      index.roleTable.where((r) => notFor(r, kind))
    const wrongOn = (kind: ServiceKind): Uint8Array => {
      let flags = wrongFor.get(kind)
      if (!flags) wrongFor.set(kind, (flags = flagsFor(kind)))
      return flags
    }
    const found = (edge: AccessEdge, at: number, kind: ServiceKind): void => {
      const refs = index.roles(at)
      const wrong = (role: RoleRef): boolean => notFor(role, kind)
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
    }
    return {
      // Per service, the edges into it: the roles wrong there are looked up once per service,
      // not once per edge. The closures of a finding are made in `found`: a listener that made
      // them itself would allocate their context on every call (V8 allocates it on entry).
      service(service, n) {
        const wrong = wrongOn(service.service)
        const { start, items } = index.targetGroups()
        for (let i = start[n] as number; i < (start[n + 1] as number); i++) {
          const at = items[i] as number
          if (index.anyRole(at, wrong)) found(index.accessEdge(at), at, service.service)
        }
      },
    }
  },
})

/** A built-in role that does not apply to this service kind. */
function notFor(role: RoleRef, kind: ServiceKind): boolean {
  return role.kind === 'builtin' && !appliesTo(role.fact, kind)
}
