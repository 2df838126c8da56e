import { attachFix, enableSystemFix } from '../fixes/identity-fixes.ts'
import { defineRule, formatMessage, type Fix, type RuleMeta } from '../types.ts'

const SUGGESTED_IDENTITIES = 5

const meta = {
  id: 'missing-identity',
  severity: 'error',
  subject: 'access edge',
  description: 'An app accesses a service but has no managed identity at all.',
  hasFixes: true,
  messages: {
    noIdentity:
      'App {app} has no managed identity, so it cannot reach {service}: enable its system-assigned identity or attach a user-assigned one.',
  },
  learnMore:
    'https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/overview',
} as const satisfies RuleMeta

export const missingIdentity = defineRule({
  meta,
  check({ index, facts, report }) {
    for (const { edge, app } of facts.flagged('noIdentity')) {
      if (!app) continue
      const named = edge.via === undefined ? undefined : index.node(edge.via)
      const fixes = (): Fix[] => {
        const out: Fix[] = []
        if (named?.kind === 'identity') {
          const attach = attachFix(facts, app, named.id, edge)
          if (attach) out.push(attach)
        }
        const enable = enableSystemFix(facts, app, edge)
        if (enable) out.push(enable)
        return out
      }
      // Any identity of the design: suggestions are computed only when someone reads them.
      const suggestions = (): Fix[] =>
        facts
          .designIdentities()
          .filter((id) => id !== named?.id)
          .slice(0, SUGGESTED_IDENTITIES)
          .flatMap((id) => attachFix(facts, app, id, edge) ?? [])
      report({
        subject: edge.id,
        message: formatMessage(meta.messages.noIdentity, {
          app: facts.label(app.id),
          service: facts.label(edge.target),
        }),
        related: [app.id],
        fixes,
        suggestions,
      })
    }
  },
})
