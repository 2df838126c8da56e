import { isPrivilegedRole } from '../../catalog/privilege.ts'
import type { RoleRef } from '../../catalog/roles.ts'
import { matchedRolesReport } from '../fixes/role-fixes.ts'
import type { AccessEdge } from '../../model/types.ts'
import { createRule } from '../rule.ts'

/** The catalog's one definition, shared with the apply gate (catalog/privilege.ts). */
const isPrivileged = (role: RoleRef): boolean => isPrivilegedRole(role)

export const privilegedRole = createRule({
  meta: {
    id: 'privileged-role',
    severity: 'error',
    subject: 'access edge',
    scope: 'component',
    description:
      'An access edge grants a privileged role (Owner, Contributor, User Access Administrator, Role Based Access Control Administrator, db_owner, or any built-in role whose permissions let it grant access); a warning on a developer’s edge.',
    hasFixes: true,
    messages: {
      privileged:
        '{source} gets the privileged role {roles} on {service}: grant the least-privileged data role it needs instead.',
    },
    learnMore: 'https://learn.microsoft.com/azure/role-based-access-control/best-practices',
  },
  create({ index, label, report }) {
    const privileged = index.roleTable.where(isPrivileged)
    const found = (edge: AccessEdge, at: number): void =>
      report({
        ...matchedRolesReport(index, label, edge, at, isPrivileged),
        severity: index.isFromDeveloper(at) ? 'warning' : 'error',
        messageId: 'privileged',
      })
    return {
      accessEdgeWhere: { role: isPrivileged },
      accessEdge(edge, at) {
        if (index.anyRole(at, privileged)) found(edge, at)
      },
    }
  },
})
