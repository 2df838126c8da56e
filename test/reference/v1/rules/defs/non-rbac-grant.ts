import type { RoleRef } from '@/catalog/roles.ts'
import type { Resolution } from '../../model/queries.ts'
import type { AccessEdge } from '@/model/types.ts'
import { defineRule, formatMessage, type RuleMeta } from '../types.ts'

const meta = {
  id: 'non-rbac-grant',
  severity: 'info',
  subject: 'access edge',
  description:
    'A grant is not an Azure RBAC role assignment (a Cosmos DB data-plane role, a database role in Azure SQL, PostgreSQL or MySQL, an Azure Cache for Redis access policy): the plan carries the extra step.',
  hasFixes: false,
  messages: {
    cosmosSqlRbac:
      '{roles} on {service} is a Cosmos DB data-plane role: the plan creates a sqlRoleAssignment on the account, not an Azure role assignment.',
    sqlDatabaseRole:
      '{roles} on {service} is a database role: the plan carries a T-SQL script (CREATE USER … FROM EXTERNAL PROVIDER, ALTER ROLE … ADD MEMBER) for an administrator of the database.',
    serverDatabaseRole:
      '{roles} on {service} is granted inside the server: the plan carries the script (pgaadauth_create_principal or CREATE AADUSER, then GRANT) for the server’s Microsoft Entra administrator, who must be set first.',
    redisAccessPolicy:
      '{roles} on {service} is an Azure Cache for Redis data access policy: the plan creates an access policy assignment on the cache (Microsoft Entra authentication on), not an Azure role assignment.',
  },
  learnMore:
    'https://learn.microsoft.com/azure/cosmos-db/nosql/security/how-to-grant-data-plane-role-based-access',
} as const satisfies RuleMeta

/** The edge's roles granted by this mechanism, quoted, each once ('' when none). */
function quoted(edge: AccessEdge, refs: readonly RoleRef[], mechanism: string): string {
  let out = ''
  for (let i = 0; i < refs.length; i++) {
    const ref = refs[i] as RoleRef
    if (ref.kind !== 'builtin' || ref.fact.grant !== mechanism) continue
    const text = JSON.stringify(edge.roles[i])
    if (!out.includes(text)) out = out === '' ? text : `${out}, ${text}`
  }
  return out
}

export const nonRbacGrant = defineRule({
  meta,
  check({ index, facts, report }) {
    for (const at of facts.flaggedPositions('nonRbac')) {
      // Only grants: an unresolved edge yields none, and the plan carries no step for it.
      if (!(index.resolutionAt[at] as Resolution).resolved) continue
      const edge = index.accessEdges[at] as AccessEdge
      const refs = index.rolesAt[at] as readonly RoleRef[]
      const service = facts.label(edge.target)
      const cosmos = quoted(edge, refs, 'cosmosSqlRbac')
      const sql = quoted(edge, refs, 'sqlDatabaseRole')
      const redis = quoted(edge, refs, 'redisAccessPolicy')
      const server = index.node(edge.target)
      const onServer =
        server?.kind === 'service' &&
        (server.service === 'postgresql' || server.service === 'mysql')
      const parts: string[] = []
      if (cosmos !== '')
        parts.push(formatMessage(meta.messages.cosmosSqlRbac, { roles: cosmos, service }))
      if (sql !== '')
        parts.push(
          formatMessage(
            onServer ? meta.messages.serverDatabaseRole : meta.messages.sqlDatabaseRole,
            {
              roles: sql,
              service,
            },
          ),
        )
      if (redis !== '')
        parts.push(formatMessage(meta.messages.redisAccessPolicy, { roles: redis, service }))
      report({ subject: edge.id, message: parts.join(' '), related: [edge.target] })
    }
  },
})
