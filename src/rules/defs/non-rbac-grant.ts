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

type Mechanism = Exclude<GrantMechanism, 'rbac'>

export const nonRbacGrant = defineRule({
  meta,
  check({ facts, report }) {
    for (const { edge, refs, resolution } of facts.flagged('nonRbac')) {
      // Only grants: an unresolved edge yields none, and the plan carries no step for it.
      if (!resolution.resolved) continue
      const byKind = new Map<Mechanism, string[]>()
      refs.forEach((ref, i) => {
        const mechanism = grantMechanism(ref)
        if (mechanism === undefined || mechanism === 'rbac') return
        const text = JSON.stringify(edge.roles[i])
        const list = byKind.get(mechanism)
        if (!list) byKind.set(mechanism, [text])
        else if (!list.includes(text)) list.push(text)
      })
      const service = facts.label(edge.target)
      const message = [...byKind]
        .map(([mechanism, roles]) =>
          formatMessage(meta.messages[mechanism], { roles: roles.join(', '), service }),
        )
        .join(' ')
      report({ subject: edge.id, message, related: [edge.target] })
    }
  },
})
