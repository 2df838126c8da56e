import type { RoleRef } from '../../catalog/roles.ts'
import type { GrantMechanism } from '../../catalog/role-fact.ts'
import type { AccessEdge } from '../../model/types.ts'
import { createRule } from '../rule.ts'

const COSMOS =
  '{roles} on {service} is a Cosmos DB data-plane role: the plan creates a sqlRoleAssignment on the account, not an Azure role assignment.'
const SQL =
  '{roles} on {service} is a database role: the plan carries a T-SQL script (CREATE USER … FROM EXTERNAL PROVIDER, ALTER ROLE … ADD MEMBER) for an administrator of the database.'

const nonRbac = (role: RoleRef): boolean => role.kind === 'builtin' && role.fact.grant !== 'rbac'

/** The edge's roles granted by this mechanism, quoted, each once ('' when none). */
function quoted(edge: AccessEdge, refs: readonly RoleRef[], mechanism: GrantMechanism): string {
  let out = ''
  for (let i = 0; i < refs.length; i++) {
    const ref = refs[i] as RoleRef
    if (ref.kind !== 'builtin' || ref.fact.grant !== mechanism) continue
    const text = JSON.stringify(edge.roles[i])
    if (!out.includes(text)) out = out === '' ? text : `${out}, ${text}`
  }
  return out
}

export const nonRbacGrant = createRule({
  meta: {
    id: 'non-rbac-grant',
    severity: 'info',
    subject: 'access edge',
    scope: 'component',
    description:
      'A grant is not an Azure RBAC role assignment (a Cosmos DB data-plane role or a SQL database role): the plan carries the extra step.',
    hasFixes: false,
    messages: {
      cosmosSqlRbac: COSMOS,
      sqlDatabaseRole: SQL,
      both: `${COSMOS.replace('{roles}', '{cosmos}')} ${SQL.replace('{roles}', '{sql}')}`,
    },
    learnMore:
      'https://learn.microsoft.com/azure/cosmos-db/nosql/security/how-to-grant-data-plane-role-based-access',
  },
  create({ index, label, report }) {
    const granting = index.roleTable.where(nonRbac)
    return {
      accessEdge(edge, at) {
        // Only grants: an unresolved edge yields none, and the plan carries no step for it.
        if (index.principalAt[at] === -1 || !index.anyRole(at, granting)) return
        const refs = index.rolesAt[at] as readonly RoleRef[]
        const service = label(edge.target)
        const cosmos = quoted(edge, refs, 'cosmosSqlRbac')
        const sql = quoted(edge, refs, 'sqlDatabaseRole')
        const common = { subject: edge.id, related: [edge.target] }
        if (cosmos !== '' && sql !== '')
          report({ ...common, messageId: 'both', data: { cosmos, sql, service } })
        else if (cosmos !== '')
          report({ ...common, messageId: 'cosmosSqlRbac', data: { roles: cosmos, service } })
        else report({ ...common, messageId: 'sqlDatabaseRole', data: { roles: sql, service } })
      },
    }
  },
})
