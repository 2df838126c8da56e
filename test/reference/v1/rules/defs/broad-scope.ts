import { defineRule, formatMessage, type RuleMeta } from '../types.ts'

const meta = {
  id: 'broad-scope',
  severity: 'warning',
  subject: 'access edge',
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
} as const satisfies RuleMeta

const SCOPE_WORDS = {
  resource: 'resource',
  resourceGroup: 'resource group',
  subscription: 'subscription',
} as const

export const broadScope = defineRule({
  meta,
  check({ facts, report }) {
    for (const { edge, scope, refs } of facts.flagged('broad')) {
      // Only Cosmos DB data roles: Cosmos DB takes no scope above the account for them.
      const cosmosOnly =
        refs.length > 0 &&
        refs.every((r) => r.kind === 'builtin' && r.fact.grant === 'cosmosSqlRbac')
      report({
        subject: edge.id,
        message: formatMessage(cosmosOnly ? meta.messages.cosmos : meta.messages.broad, {
          source: facts.label(edge.source),
          service: facts.label(edge.target),
          scope: SCOPE_WORDS[scope],
        }),
        related: [edge.target],
        fixes: [
          {
            title: `Grant on ${facts.label(edge.target)} only (resource scope)`,
            edits: [{ type: 'updateEdge', id: edge.id, set: { scope: undefined } }],
          },
        ],
      })
    }
  },
})
