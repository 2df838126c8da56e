import { createRule } from '../rule.ts'

export const hostingIdentityUnsupported = createRule({
  meta: {
    id: 'hosting-identity-unsupported',
    severity: 'error',
    subject: 'app',
    scope: 'component',
    description:
      'The hosting cannot use the identities drawn: an AKS workload with a system-assigned identity, or a Logic App with more than one identity.',
    hasFixes: true,
    messages: {
      aks: 'AKS workload {app} has a system-assigned identity, but pods cannot use it: they use a user-assigned identity through workload identity.',
      logicApp:
        'Logic App {app} has {count} identities, but a Logic App can use only one managed identity.',
    },
    learnMore: 'https://learn.microsoft.com/azure/aks/workload-identity-overview',
  },
  create({ index, label, report }) {
    return {
      app(app, n) {
        if (app.hosting === 'aksWorkload' && app.systemAssigned) {
          report({
            subject: app.id,
            messageId: 'aks',
            data: { app: label(app.id) },
            // Safe only when no access goes through it and the app keeps an identity for its edges.
            fix: (fixer) =>
              index.principalNumber('systemAssigned', app.id) === undefined &&
              (index.identityCount(app) > 1 || index.edgesFrom(n).length === 0)
                ? [
                    {
                      title: `Switch off the system-assigned identity of ${fixer.label(app.id)}`,
                      edits: [{ type: 'updateNode', id: app.id, set: { systemAssigned: false } }],
                    },
                  ]
                : [],
          })
          return
        }
        const count = index.identityCount(app)
        if (app.hosting === 'logicApp' && count > 1)
          report({
            subject: app.id,
            messageId: 'logicApp',
            data: { app: label(app.id), count },
            related: index.attachedIdentities(app.id),
          })
      },
    }
  },
})
