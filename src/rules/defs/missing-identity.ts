import type { AccessEdge, AppNode } from '../../model/types.ts'
import { attachFix, enableSystemFix } from '../fixes/identity-fixes.ts'
import { createRule } from '../rule.ts'
import type { Fix } from '../types.ts'

const SUGGESTED_IDENTITIES = 5

export const missingIdentity = createRule({
  meta: {
    id: 'missing-identity',
    severity: 'error',
    subject: 'access edge',
    scope: 'component',
    description: 'An app accesses a service but has no managed identity at all.',
    hasFixes: true,
    messages: {
      noIdentity:
        'App {app} has no managed identity, so it cannot reach {service}: enable its system-assigned identity or attach a user-assigned one.',
    },
    learnMore:
      'https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/overview',
  },
  create({ index, label, report }) {
    const found = (edge: AccessEdge, app: AppNode): void => {
      const named = edge.via === undefined ? undefined : index.node(edge.via)
      report({
        subject: edge.id,
        messageId: 'noIdentity',
        data: { app: label(app.id), service: label(edge.target) },
        related: [app.id],
        fix: (fixer) => {
          const out: Fix[] = []
          if (named?.kind === 'identity') {
            const attach = attachFix(fixer, app, named.id, edge)
            if (attach) out.push(attach)
          }
          const enable = enableSystemFix(fixer, app, edge)
          if (enable) out.push(enable)
          return out
        },
        // Any identity of the design, not only of the part checked.
        suggest: (fixer) =>
          fixer.scope
            .identities()
            .filter((id) => id !== named?.id)
            .slice(0, SUGGESTED_IDENTITIES)
            .flatMap((id) => attachFix(fixer, app, id, edge) ?? []),
      })
    }
    return {
      // An app without identities resolves nothing: noIdentity, or notOnApp when `via` names one.
      accessEdgeWhere: { unresolved: ['noIdentity', 'notOnApp'] },
      accessEdge(edge, at) {
        const app = index.appAt(at)
        if (app && index.identityCountOf(index.sourceAt[at] as number) === 0) found(edge, app)
      },
    }
  },
})
