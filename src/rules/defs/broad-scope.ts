import type { Scope } from '../../model/kinds.ts'
import type { AccessEdge } from '../../model/types.ts'
import { createRule } from '../rule.ts'

const SCOPE_WORDS = {
  resource: 'resource',
  resourceGroup: 'resource group',
  subscription: 'subscription',
} as const

export const broadScope = createRule({
  meta: {
    id: 'broad-scope',
    severity: 'warning',
    subject: 'access edge',
    scope: 'component',
    description:
      'An access edge is granted at resource group or subscription scope instead of on the resource.',
    hasFixes: true,
    messages: {
      broad:
        '{source} gets its roles on {service} at {scope} scope, so they cover every other resource there too: grant them on the resource.',
      cosmos:
        'Cosmos DB data roles on {service} can only be scoped to the account, one database (/dbs/…) or one container (/dbs/…/colls/…), never a {scope}: the plan grants them on the account.',
    },
    learnMore:
      'https://learn.microsoft.com/azure/role-based-access-control/best-practices#only-grant-the-access-users-need',
  },
  create({ index, label, report }) {
    const found = (edge: AccessEdge, at: number, scope: Exclude<Scope, 'resource'>): void => {
      // Only Cosmos DB data roles: Cosmos DB takes no scope above the account for them.
      const refs = index.roles(at)
      const cosmosOnly =
        refs.length > 0 &&
        refs.every((r) => r.kind === 'builtin' && r.fact.grant === 'cosmosSqlRbac')
      report({
        subject: edge.id,
        messageId: cosmosOnly ? 'cosmos' : 'broad',
        data: {
          source: label(edge.source),
          service: label(edge.target),
          scope: SCOPE_WORDS[scope],
        },
        related: [edge.target],
        fix: (fixer) => [
          {
            title: `Grant on ${fixer.label(edge.target)} only (resource scope)`,
            edits: [{ type: 'updateEdge', id: edge.id, set: { scope: undefined } }],
          },
        ],
      })
    }
    return {
      accessEdgeWhere: { aboveResource: true },
      accessEdge(edge, at) {
        const scope = index.scopeAt(at)
        if (scope !== 'resource') found(edge, at, scope)
      },
    }
  },
})
