import type { AccessEdge } from '../../model/types.ts'
import { moveGrantsFix, type Overgrant } from '../fixes/move-grants.ts'
import { createRule } from '../rule.ts'

export const sharedIdentityOvergrant = createRule({
  meta: {
    id: 'shared-identity-overgrant',
    severity: 'warning',
    subject: 'identity',
    scope: 'component',
    description:
      'A user-assigned identity shared by several apps holds a grant that some of them do not need: those apps get the access too.',
    hasFixes: true,
    messages: {
      overgrant:
        'Identity {identity}, shared by {count} apps, holds {roles} on {service}, which {others} {verb} not need through it: {pronoun} that access anyway.',
    },
    learnMore:
      'https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/managed-identity-best-practice-recommendations#limiting-the-scope-of-a-user-assigned-identity',
  },
  create({ index, label, report }) {
    return {
      identity({ id: identity }, n) {
        const apps = index.appsAt(n)
        if (apps.length < 2) return
        const p = index.principalNumber('userAssigned', identity)
        if (p === undefined) return
        const triples = index.triples()
        const { keys } = index.roleTable
        // (service, role, scope) → the apps that need it through this identity.
        const needing = new Map<number, { service: string; role: string; apps: Set<string> }>()
        for (const at of index.edgesOfPrincipal(p)) {
          const edge = index.accessEdges[at] as AccessEdge
          for (
            let i = index.roleStart[at] as number;
            i < (index.roleStart[at + 1] as number);
            i++
          ) {
            const key = triples.at[i] as number
            if (key < 0) continue
            const entry = needing.get(key)
            if (entry) entry.apps.add(edge.source)
            else
              needing.set(key, {
                service: edge.target,
                role: keys[triples.key[key] as number] as string,
                apps: new Set([edge.source]),
              })
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
            messageId: 'overgrant',
            data: {
              identity: label(identity),
              count: apps.length,
              roles: [...new Set(over.map((o) => JSON.stringify(o.role)))].join(', '),
              service: label(service),
              others: others.map((a) => label(a)).join(', '),
              verb: others.length === 1 ? 'does' : 'do',
              pronoun: others.length === 1 ? 'it gets' : 'they get',
            },
            related: [service, ...others],
            fix: (fixer) => {
              const fix = moveGrantsFix(fixer, identity, service, over)
              return fix ? [fix] : []
            },
          })
        }
      },
    }
  },
})
