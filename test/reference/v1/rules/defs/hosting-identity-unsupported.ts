import { principalKey } from '../../model/queries.ts'
import { defineRule, formatMessage, type Fix, type RuleMeta } from '../types.ts'

const meta = {
  id: 'hosting-identity-unsupported',
  severity: 'error',
  subject: 'app',
  description:
    'The hosting cannot use the identities drawn: an AKS workload with a system-assigned identity, or a Logic App with more than one identity.',
  hasFixes: true,
  messages: {
    aks: 'AKS workload {app} has a system-assigned identity, but pods cannot use it: they use a user-assigned identity through workload identity.',
    logicApp:
      'Logic App {app} has {count} identities, but a Logic App can use only one managed identity.',
  },
  learnMore: 'https://learn.microsoft.com/azure/aks/workload-identity-overview',
} as const satisfies RuleMeta

export const hostingIdentityUnsupported = defineRule({
  meta,
  check({ index, facts, report }) {
    for (const app of index.design.nodes) {
      if (app.kind !== 'app') continue
      if (app.hosting === 'aksWorkload' && app.systemAssigned) {
        const fixes: Fix[] = []
        // Safe only when no access goes through it and the app keeps an identity for its edges.
        const used = facts.edgesResolvingTo(principalKey({ type: 'systemAssigned', node: app.id }))
        if (
          used.length === 0 &&
          (facts.identityCount(app) > 1 || facts.edgesFrom(app.id).length === 0)
        )
          fixes.push({
            title: `Switch off the system-assigned identity of ${facts.label(app.id)}`,
            edits: [{ type: 'updateNode', id: app.id, set: { systemAssigned: false } }],
          })
        report({
          subject: app.id,
          message: formatMessage(meta.messages.aks, { app: facts.label(app.id) }),
          fixes,
        })
        continue
      }
      const count = facts.identityCount(app)
      if (app.hosting === 'logicApp' && count > 1)
        report({
          subject: app.id,
          message: formatMessage(meta.messages.logicApp, { app: facts.label(app.id), count }),
          related: index.attachedIdentities(app.id),
        })
    }
  },
})
