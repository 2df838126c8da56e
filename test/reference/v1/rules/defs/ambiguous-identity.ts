import { pickIdentitySuggestions } from '../fixes/identity-fixes.ts'
import { defineRule, formatMessage, type RuleMeta } from '../types.ts'

const meta = {
  id: 'ambiguous-identity',
  severity: 'warning',
  subject: 'access edge',
  description:
    'An app with two or more identities accesses a service without saying which identity to use.',
  hasFixes: true,
  messages: {
    ambiguous:
      'App {app} has {count} identities and the access to {service} does not say which one to use: DefaultAzureCredential would pick one silently (set ManagedIdentityClientId / AZURE_CLIENT_ID).',
  },
  learnMore:
    'https://learn.microsoft.com/dotnet/azure/sdk/authentication/credential-chains#defaultazurecredential-overview',
} as const satisfies RuleMeta

export const ambiguousIdentity = defineRule({
  meta,
  check({ facts, report }) {
    for (const { edge, app } of facts.flagged('ambiguous')) {
      if (!app) continue
      const count = facts.identityCount(app)
      report({
        subject: edge.id,
        message: formatMessage(meta.messages.ambiguous, {
          app: facts.label(app.id),
          count,
          service: facts.label(edge.target),
        }),
        related: [app.id],
        suggestions: pickIdentitySuggestions(facts, app, edge),
      })
    }
  },
})
