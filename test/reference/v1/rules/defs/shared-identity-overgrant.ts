import { roleKey, type RoleRef } from '@/catalog/roles.ts'
import type { AccessEdge } from '@/model/types.ts'
import { moveGrantsFix, type Overgrant } from '../fixes/move-grants.ts'
import { defineRule, formatMessage, type RuleMeta } from '../types.ts'

const meta = {
  id: 'shared-identity-overgrant',
  severity: 'warning',
  subject: 'identity',
  description:
    'A user-assigned identity shared by several apps holds a grant that some of them do not need: those apps get the access too.',
  hasFixes: true,
  messages: {
    overgrant:
      'Identity {identity}, shared by {count} apps, holds {roles} on {service}, which {others} {verb} not need through it: {pronoun} that access anyway.',
  },
  learnMore:
    'https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/managed-identity-best-practice-recommendations#limiting-the-scope-of-a-user-assigned-identity',
} as const satisfies RuleMeta

export const sharedIdentityOvergrant = defineRule({
  meta,
  check({ index, facts, report }) {
    for (const identity of facts.identities()) {
      const apps = index.appsOf(identity)
      if (apps.length < 2) continue
      const summary = facts.principal('userAssigned', identity)
      if (!summary) continue
      // (service, role, scope) → the apps that need it through this identity.
      const needing = new Map<number, { service: string; role: string; apps: Set<string> }>()
      for (const at of summary.positions) {
        const edge = index.accessEdges[at] as AccessEdge
        const scope = edge.scope ?? 'resource'
        for (const ref of index.rolesAt[at] as readonly RoleRef[]) {
          if (ref.kind === 'unknown') continue
          const role = roleKey(ref)
          const key = facts.tripleId(edge.target, role, scope)
          const entry = needing.get(key)
          if (entry) entry.apps.add(edge.source)
          else needing.set(key, { service: edge.target, role, apps: new Set([edge.source]) })
        }
      }
      const byService = new Map<string, Overgrant[]>()
      for (const [key, entry] of needing) {
        if (entry.apps.size >= apps.length) continue
        const list = byService.get(entry.service) ?? []
        list.push({ key, role: entry.role, apps: entry.apps })
        byService.set(entry.service, list)
      }
      for (const [service, over] of byService) {
        const others = apps.filter((a) => over.some((o) => !o.apps.has(a)))
        report({
          subject: identity,
          message: formatMessage(meta.messages.overgrant, {
            identity: facts.label(identity),
            count: apps.length,
            roles: [...new Set(over.map((o) => JSON.stringify(o.role)))].join(', '),
            service: facts.label(service),
            others: others.map((a) => facts.label(a)).join(', '),
            verb: others.length === 1 ? 'does' : 'do',
            pronoun: others.length === 1 ? 'it gets' : 'they get',
          }),
          related: [service, ...others],
          fixes: () => {
            const fix = moveGrantsFix(facts, identity, service, over)
            return fix ? [fix] : []
          },
        })
      }
    }
  },
})
