import type { RoleRef } from '../../catalog/roles.ts'
import { matchedRolesReport } from '../fixes/role-fixes.ts'
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
    const found = (edge: AccessEdge, at: number): void =>
      report({
        ...matchedRolesReport(index, label, edge, at, exposesKeys),
        messageId: 'keyExposing',
      })
    return {
      accessEdgeWhere: { role: exposesKeys },
      accessEdge(edge, at) {
        if (index.anyRole(at, exposing)) found(edge, at)
      },
    }
  },
})
