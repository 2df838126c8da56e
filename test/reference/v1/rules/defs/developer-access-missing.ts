import type { Resolution } from '../../model/queries.ts'
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
    // A developer's edge always resolves to the developer; every other edge is an app's.
    const fromDeveloper = (at: number): boolean => {
      const r = index.resolutionAt[at] as Resolution
      return r.resolved && r.principal.type === 'developer'
    }
    index.accessEdges.forEach((edge, at) => {
      if (fromDeveloper(at)) byDevelopers.add(edge.target)
      else byApps.add(edge.target)
    })
    const missing = new Map<string, Set<string>>()
    for (const service of byApps) if (!byDevelopers.has(service)) missing.set(service, new Set())
    if (missing.size === 0) return
    index.accessEdges.forEach((edge, at) => {
      const apps = missing.get(edge.target)
      if (apps && !fromDeveloper(at)) apps.add(edge.source)
    })
    for (const [service, apps] of missing)
      report({
        subject: service,
        message: formatMessage(meta.messages.missing, { service: facts.label(service) }),
        related: [...apps],
      })
  },
})
