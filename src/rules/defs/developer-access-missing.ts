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
    // Per source number, the service (number + 1) counting it, cleared once it is listed: each
    // app once.
    const listed = new Int32Array(index.endpointCount)
    // Only apps reach the service (its edges are items[from] up to items[to]): each once, in
    // file order.
    const found = (service: string, n: number, items: Int32Array, from: number, to: number) => {
      let count = 0
      for (let i = from; i < to; i++) {
        const source = index.sourceAt[items[i] as number] as number
        if (listed[source] === n + 1) continue
        listed[source] = n + 1
        count++
      }
      // The list sized once (the finding keeps it), each app at its first edge.
      const apps = new Array<string>(count)
      for (let i = from, k = 0; i < to; i++) {
        const at = items[i] as number
        const source = index.sourceAt[at] as number
        if (listed[source] !== n + 1) continue
        listed[source] = 0
        apps[k++] = index.accessEdge(at).source
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
        found(service.id, n, items, from, to)
      },
    }
  },
})
