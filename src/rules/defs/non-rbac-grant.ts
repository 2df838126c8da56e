import { grantMechanism, type GrantMechanism } from '../../catalog/roles.ts'
import { defineRule, formatMessage, type RuleMeta } from '../types.ts'

const meta = {
  id: 'non-rbac-grant',
  severity: 'info',
  subject: 'access edge',
  description:
    'A grant is not an Azure RBAC role assignment (a Cosmos DB data-plane role or a SQL database role): the plan carries the extra step.',
  hasFixes: false,
  messages: {
    cosmosSqlRbac:
      '{roles} on {service} is a Cosmos DB data-plane role: the plan creates a sqlRoleAssignment on the account, not an Azure role assignment.',
    sqlDatabaseRole:
      '{roles} on {service} is a database role: the plan carries a T-SQL script (CREATE USER … FROM EXTERNAL PROVIDER, ALTER ROLE … ADD MEMBER) for an administrator of the database.',
  },
  learnMore:
    'https://learn.microsoft.com/azure/cosmos-db/nosql/security/how-to-grant-data-plane-role-based-access',
} as const satisfies RuleMeta

export const nonRbacGrant = defineRule({
  meta,
  check({ index, facts, report }) {
    for (const edge of index.accessEdges) {
      if (!index.resolutionOf(edge.id).resolved) continue
      const refs = index.rolesOf(edge.id)
      const byKind = new Map<Exclude<GrantMechanism, 'rbac'>, string[]>()
      refs.forEach((ref, i) => {
        const mechanism = grantMechanism(ref)
        if (mechanism === undefined || mechanism === 'rbac') return
        const list = byKind.get(mechanism) ?? []
        list.push(edge.roles[i] as string)
        byKind.set(mechanism, list)
      })
      if (byKind.size === 0) continue
      const message = [...byKind]
        .map(([mechanism, roles]) =>
          formatMessage(meta.messages[mechanism], {
            roles: roles.map((r) => JSON.stringify(r)).join(', '),
            service: facts.label(edge.target),
          }),
        )
        .join(' ')
      report({ subject: edge.id, message, related: [edge.target] })
    }
  },
})
