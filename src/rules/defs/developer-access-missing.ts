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
  create({ index, labelAt, report }) {
    // Only apps reach the service: each once, in file order.
    const found = (service: string, n: number, edges: Int32Array): void => {
      const apps: string[] = []
      for (const at of edges) {
        const app = index.accessEdge(at).source
        if (!apps.includes(app)) apps.push(app)
      }
      report({
        subject: service,
        messageId: 'missing',
        data: { service: labelAt(n) },
        related: apps,
      })
    }
    return {
      service(service, n) {
        const { start, items } = index.targetGroups()
        const from = start[n] as number
        const to = start[n + 1] as number
        if (from === to) return
        for (let i = from; i < to; i++) if (index.isFromDeveloper(items[i] as number)) return
        found(service.id, n, items.subarray(from, to))
      },
    }
  },
})
