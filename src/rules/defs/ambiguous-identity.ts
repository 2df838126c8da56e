import type { AccessEdge, AppNode } from '../../model/types.ts'
import { pickIdentitySuggestions } from '../fixes/identity-fixes.ts'
import { createRule } from '../rule.ts'

export const ambiguousIdentity = createRule({
  meta: {
    id: 'ambiguous-identity',
    severity: 'warning',
    subject: 'access edge',
    scope: 'component',
    description:
      'An app with two or more identities accesses a service without saying which identity to use.',
    hasFixes: true,
    messages: {
      ambiguous:
        'App {app} has {count} identities and the access to {service} does not say which one to use: DefaultAzureCredential would pick one silently (set ManagedIdentityClientId / AZURE_CLIENT_ID).',
    },
    learnMore:
      'https://learn.microsoft.com/dotnet/azure/sdk/authentication/credential-chains#defaultazurecredential-overview',
  },
  create({ index, label, report }) {
    const found = (edge: AccessEdge, app: AppNode): void =>
      report({
        subject: edge.id,
        messageId: 'ambiguous',
        data: {
          app: label(app.id),
          count: index.identityCount(app),
          service: label(edge.target),
        },
        related: [app.id],
        suggest: (fixer) => pickIdentitySuggestions(fixer, app, edge),
      })
    return {
      accessEdgeWhere: { unresolved: ['ambiguous'] },
      accessEdge(edge, at) {
        const app = index.appAt(at)
        if (app && index.unresolvedAt(at) === 'ambiguous') found(edge, app)
      },
    }
  },
})
