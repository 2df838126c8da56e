import { defineRule, formatMessage, type RuleMeta } from '../types.ts'

const meta = {
  id: 'developer-access-missing',
  severity: 'info',
  subject: 'service',
  description:
    'A service is accessed by apps but by no developer, so the code cannot run locally with a developer’s sign-in.',
  hasFixes: false,
  messages: {
    missing:
      'Apps reach {service} but no developer does: the code cannot run locally with a developer’s own sign-in (DefaultAzureCredential). Grant a developer group the same data roles.',
  },
  learnMore: 'https://learn.microsoft.com/azure/developer/intro/passwordless-overview',
} as const satisfies RuleMeta

export const developerAccessMissing = defineRule({
  meta,
  check({ index, facts, report }) {
    // Pass 1: which services apps reach, which developers reach. Pass 2: the apps of the rest.
    const byApps = new Set<string>()
    const byDevelopers = new Set<string>()
    for (const edge of index.accessEdges) {
      const kind = index.nodes.get(edge.source)?.kind
      if (kind === 'developer') byDevelopers.add(edge.target)
      else if (kind === 'app') byApps.add(edge.target)
    }
    const missing = new Map<string, Set<string>>()
    for (const service of byApps) if (!byDevelopers.has(service)) missing.set(service, new Set())
    if (missing.size === 0) return
    for (const edge of index.accessEdges) {
      const apps = missing.get(edge.target)
      if (apps && index.nodes.get(edge.source)?.kind === 'app') apps.add(edge.source)
    }
    for (const [service, apps] of missing)
      report({
        subject: service,
        message: formatMessage(meta.messages.missing, { service: facts.label(service) }),
        related: [...apps],
      })
  },
})
