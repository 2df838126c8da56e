import type { DesignIndex } from '../../analysis/design-index.ts'
import { grantMechanismOn, type RoleRef } from '../../catalog/roles.ts'
import type { GrantMechanism } from '../../catalog/role-fact.ts'
import type { AccessEdge, ServiceNode } from '../../model/types.ts'
import { formatMessage } from '../messages.ts'
import { createRule, type FilledMessage } from '../rule.ts'
import { messageQuote } from '../../lib/encode/message.ts'

const COSMOS =
  '{roles} on {service} is a Cosmos DB data-plane role: the plan creates a sqlRoleAssignment on the account, not an Azure role assignment.'
const SQL =
  '{roles} on {service} is a database role: the plan carries a T-SQL script (CREATE USER … FROM EXTERNAL PROVIDER, ALTER ROLE … ADD MEMBER) for an administrator of the database.'
const SERVER =
  '{roles} on {service} is granted inside the server: the plan carries the script (pgaadauth_create_principal or CREATE AADUSER, then GRANT) for the server’s Microsoft Entra administrator, who must be set first.'
const REDIS =
  '{roles} on {service} is an Azure Cache for Redis data access policy: the plan creates an access policy assignment on the cache (Microsoft Entra authentication on), not an Azure role assignment.'

const TEMPLATES = {
  cosmosSqlRbac: COSMOS,
  sqlDatabaseRole: SQL,
  serverDatabaseRole: SERVER,
  redisAccessPolicy: REDIS,
} as const

/** The mechanisms this rule names, in the order its message names them. */
const NAMED = ['cosmosSqlRbac', 'sqlDatabaseRole', 'redisAccessPolicy'] as const

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
  const edge = index.accessEdge(at)
  const start = index.roleStart[at] as number
  const service = index.serviceAt(at)
  let out = ''
  for (let i = 0; i < edge.roles.length; i++) {
    const n = index.roleNo[start + i] as number
    if (mechanism(index.roleTable.refs[n] as RoleRef, service) !== grant) continue
    const text = (texts[n] ??= messageQuote(edge.roles[i] as string))
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
      'A grant is not an Azure RBAC role assignment (a Cosmos DB data-plane role, a database role in Azure SQL, PostgreSQL or MySQL, an Azure Cache for Redis access policy): the plan carries the extra step.',
    hasFixes: false,
    messages: {
      ...TEMPLATES,
      // An edge naming roles of several mechanisms: each one's sentence, in NAMED's order.
      several: '{sentences}',
    },
    learnMore:
      'https://learn.microsoft.com/azure/cosmos-db/nosql/security/how-to-grant-data-plane-role-based-access',
  },
  create({ index, labelAt, fill, report }) {
    // Per role number, a bit per mechanism of NAMED it grants by: an edge's mechanisms are the
    // OR of its roles' bits, with no list made for the many edges that name none.
    const bits = new Uint8Array(index.roleTable.refs.length)
    NAMED.forEach((grant, i) =>
      index.roleTable
        .where((r) => mechanism(r) === grant)
        .forEach((on, n) => {
          if (on) bits[n] = (bits[n] as number) | (1 << i)
        }),
    )
    const texts: (string | undefined)[] = []
    // Thousands of edges carry the same roles to the same service: what their findings say is
    // made once per (service, roles), keyed by the target's number and the roles' numbers.
    const said = new Map<number | string, Said>()
    const { refs } = index.roleTable
    const roleCount = refs.length
    const sayFor = (edge: AccessEdge, at: number, mask: number): Said => {
      const service = labelAt(index.targetAt[at] as number)
      const kind = index.serviceAt(at)?.service
      const onServer = kind === 'postgresql' || kind === 'mysql'
      const related = [edge.target]
      // Mostly one mechanism (one bit): its message, with no list of the mechanisms named.
      if ((mask & (mask - 1)) === 0) {
        const only = NAMED[31 - Math.clz32(mask)] as Named
        return {
          message: fill(messageIdOf(only, onServer), {
            roles: quoted(index, at, texts, only),
            service,
          }),
          related,
        }
      }
      const sentences = NAMED.filter((_, i) => mask & (1 << i)).map((grant) =>
        formatMessage(TEMPLATES[messageIdOf(grant, onServer)], {
          roles: quoted(index, at, texts, grant),
          service,
        }),
      )
      return { message: fill('several', { sentences: sentences.join(' ') }), related }
    }
    return {
      accessEdgeWhere: { role: (r) => NAMED.some((grant) => mechanism(r) === grant) },
      accessEdge(edge, at) {
        // Only grants: an unresolved edge yields none, and the plan carries no step for it.
        if (index.principalAt[at] === -1) return
        let mask = 0
        const start = index.roleStart[at] as number
        const end = index.roleStart[at + 1] as number
        for (let i = start; i < end; i++) {
          const n = index.roleNo[i] as number
          // Only where the role's mechanism exists: another service's data role creates nothing
          // (role-not-for-service reports it).
          if (bits[n] && mechanism(refs[n] as RoleRef, index.serviceAt(at)))
            mask |= bits[n] as number
        }
        if (mask === 0) return
        const target = index.targetAt[at] as number
        // Most edges carry one role: their key is a number (no string made per edge).
        const key =
          end - start === 1
            ? target * roleCount + (index.roleNo[start] as number)
            : `${target}:${index.roleNo.subarray(start, end).join()}`
        let say = said.get(key)
        if (!say) said.set(key, (say = sayFor(edge, at, mask)))
        report({ subject: edge.id, message: say.message, related: say.related })
      },
    }
  },
})

type Named = (typeof NAMED)[number]

/** The message of a mechanism: a database role inside a PostgreSQL or MySQL server has its own. */
const messageIdOf = (grant: Named, onServer: boolean): keyof typeof TEMPLATES =>
  grant === 'sqlDatabaseRole' && onServer ? 'serverDatabaseRole' : grant

/** The message and related nodes of this rule's findings on one (service, roles). */
interface Said {
  readonly message: FilledMessage<keyof typeof TEMPLATES | 'several'>
  readonly related: readonly string[]
}

/** How a built-in role is granted on this service (catalog grantMechanismOn), or on any. */
function mechanism(role: RoleRef, service?: ServiceNode): GrantMechanism | undefined {
  return role.kind === 'builtin' ? grantMechanismOn(role, service) : undefined
}
