import type { AccessEdge } from '../../model/types.ts'
import { createRule } from '../rule.ts'

export const developerAccessMissing = createRule({
  meta: {
    id: 'developer-access-missing',
    severity: 'info',
    subject: 'service',
    scope: 'component',
    description:
      'A service is accessed by apps but by no developer, so the code cannot run locally with a developer’s sign-in.',
    hasFixes: false,
    messages: {
      missing:
        'Apps reach {service} but no developer does: the code cannot run locally with a developer’s own sign-in (DefaultAzureCredential). Grant a developer group the same data roles.',
    },
    learnMore: 'https://learn.microsoft.com/azure/developer/intro/passwordless-overview',
  },
  create({ index, label, report }) {
    return {
      service(service, n) {
        // Apps reaching it, each once in file order; none when any developer reaches it.
        const apps = new Set<string>()
        for (const at of index.edgesTo(n)) {
          if (index.isFromDeveloper(at)) return
          apps.add((index.accessEdges[at] as AccessEdge).source)
        }
        if (apps.size === 0) return
        report({
          subject: service.id,
          messageId: 'missing',
          data: { service: label(service.id) },
          related: [...apps],
        })
      },
    }
  },
})
