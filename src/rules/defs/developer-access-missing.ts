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
    const byApps = new Map<string, Set<string>>()
    const byDevelopers = new Set<string>()
    for (const node of index.design.nodes) {
      if (node.kind === 'developer')
        for (const edge of index.accessEdgesFrom(node.id)) byDevelopers.add(edge.target)
      else if (node.kind === 'app')
        for (const edge of index.accessEdgesFrom(node.id)) {
          const apps = byApps.get(edge.target)
          if (apps) apps.add(node.id)
          else byApps.set(edge.target, new Set([node.id]))
        }
    }
    for (const [service, apps] of byApps) {
      if (byDevelopers.has(service)) continue
      report({
        subject: service,
        message: formatMessage(meta.messages.missing, { service: facts.label(service) }),
        related: [...apps],
      })
    }
  },
})
