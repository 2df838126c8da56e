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
        const edges = index.edgesTo(n)
        if (edges.length === 0) return
        for (const at of edges) if (index.isFromDeveloper(at)) return
        // Only apps reach it: each once, in file order.
        const apps = new Set<string>()
        for (const at of edges) apps.add((index.accessEdges[at] as AccessEdge).source)
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
