import type { DesignIndex } from '../../analysis/design-index.ts'
import type { RoleRef } from '../../catalog/roles.ts'
import type { GrantMechanism } from '../../catalog/role-fact.ts'
import type { AccessEdge } from '../../model/types.ts'
import { createRule } from '../rule.ts'

const COSMOS =
  '{roles} on {service} is a Cosmos DB data-plane role: the plan creates a sqlRoleAssignment on the account, not an Azure role assignment.'
const SQL =
  '{roles} on {service} is a database role: the plan carries a T-SQL script (CREATE USER … FROM EXTERNAL PROVIDER, ALTER ROLE … ADD MEMBER) for an administrator of the database.'

/**
 * The edge's roles granted by this mechanism, quoted, each once ('' when none). `texts` keeps
 * each role's quoted text by role number, for the check: thousands of edges carry the same role.
 */
function quoted(
  index: DesignIndex,
  at: number,
  texts: (string | undefined)[],
  grant: GrantMechanism,
): string {
  const edge = index.accessEdges[at] as AccessEdge
  const start = index.roleStart[at] as number
  let out = ''
  for (let i = 0; i < edge.roles.length; i++) {
    const n = index.roleNo[start + i] as number
    if (mechanism(index.roleTable.refs[n] as RoleRef) !== grant) continue
    const text = (texts[n] ??= JSON.stringify(edge.roles[i]))
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
    const cosmosRoles = index.roleTable.where((r) => mechanism(r) === 'cosmosSqlRbac')
    const sqlRoles = index.roleTable.where((r) => mechanism(r) === 'sqlDatabaseRole')
    const texts: (string | undefined)[] = []
    return {
      accessEdge(edge, at) {
        // Only grants: an unresolved edge yields none, and the plan carries no step for it.
        if (index.principalAt[at] === -1) return
        const cosmos = index.anyRole(at, cosmosRoles)
        const sql = index.anyRole(at, sqlRoles)
        if (!cosmos && !sql) return
        const service = label(edge.target)
        const related = [edge.target]
        if (cosmos && sql)
          report({
            subject: edge.id,
            messageId: 'both',
            data: {
              cosmos: quoted(index, at, texts, 'cosmosSqlRbac'),
              sql: quoted(index, at, texts, 'sqlDatabaseRole'),
              service,
            },
            related,
          })
        else
          report({
            subject: edge.id,
            messageId: cosmos ? 'cosmosSqlRbac' : 'sqlDatabaseRole',
            data: {
              roles: quoted(index, at, texts, cosmos ? 'cosmosSqlRbac' : 'sqlDatabaseRole'),
              service,
            },
            related,
          })
      },
    }
  },
})

function mechanism(role: RoleRef): GrantMechanism | undefined {
  return role.kind === 'builtin' ? role.fact.grant : undefined
}
