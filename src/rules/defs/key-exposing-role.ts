import type { RoleRef } from '../../catalog/roles.ts'
import { dataRolesFor, replaceRoleSuggestions } from '../fixes/role-fixes.ts'
import { quoteRoles } from '../messages.ts'
import type { AccessEdge } from '../../model/types.ts'
import { createRule } from '../rule.ts'

/** Decided per role: a privileged role is privileged-role's business, never this rule's. */
const exposesKeys = (role: RoleRef): boolean =>
  role.kind === 'builtin' && role.fact.keyExposing === true && role.fact.privileged !== true

export const keyExposingRole = createRule({
  meta: {
    id: 'key-exposing-role',
    severity: 'warning',
    subject: 'access edge',
    scope: 'component',
    description:
      'An access edge grants a role that can read keys or grant itself data access, which undoes passwordless access.',
    hasFixes: true,
    messages: {
      keyExposing:
        '{source} gets {roles} on {service}, which can list keys or grant itself data access: that undoes passwordless access. Grant a data role instead.',
    },
    learnMore:
      'https://learn.microsoft.com/azure/storage/common/authorize-data-access#understand-how-to-authorize-access-to-data',
  },
  create({ index, label, report }) {
    const exposing = index.roleTable.where(exposesKeys)
    const found = (edge: AccessEdge, at: number): void => {
      const refs = index.roles(at)
      const kind = index.serviceAt(at)?.service
      report({
        subject: edge.id,
        messageId: 'keyExposing',
        data: {
          source: label(edge.source),
          roles: quoteRoles(edge.roles, refs, exposesKeys),
          service: label(edge.target),
        },
        related: [edge.source, edge.target],
        suggest: () => replaceRoleSuggestions(edge, refs, exposesKeys, dataRolesFor(kind)),
      })
    }
    return {
      accessEdge(edge, at) {
        if (index.anyRole(at, exposing)) found(edge, at)
      },
    }
  },
})
