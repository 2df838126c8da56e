import type { RuleFacts } from '../facts.ts'
import { defineRule, formatMessage, type Fix, type RuleMeta } from '../types.ts'

const meta = {
  id: 'unused-identity',
  severity: 'warning',
  subject: 'identity',
  description: 'A user-assigned identity is attached to no app, or no access goes through it.',
  hasFixes: true,
  messages: {
    unattached:
      'Identity {identity} is attached to no app: remove it, or attach it where it is needed.',
    unused:
      'No access goes through identity {identity}, attached to {apps}: remove it, or grant the access through it.',
  },
  learnMore:
    'https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/managed-identity-best-practice-recommendations',
} as const satisfies RuleMeta

export const unusedIdentity = defineRule({
  meta,
  check({ index, facts, report }) {
    // An identity is used when some access edge resolves to it (whatever its roles).
    const used = new Set<string>()
    for (const r of index.resolutionAt)
      if (r.resolved && r.principal.type === 'userAssigned') used.add(r.principal.node)
    for (const id of facts.identities()) {
      const apps = index.appsOf(id)
      if (apps.length > 0 && used.has(id)) continue
      const message =
        apps.length === 0
          ? formatMessage(meta.messages.unattached, { identity: facts.label(id) })
          : formatMessage(meta.messages.unused, {
              identity: facts.label(id),
              apps: apps.map((a) => facts.label(a)).join(', '),
            })
      report({ subject: id, message, related: [...apps], fixes: removeFix(facts, id, apps) })
    }
  },
})

/**
 * Remove the identity, unless an app with access edges would be left with no identity at all
 * (its edges would then all be missing-identity errors).
 */
function removeFix(facts: RuleFacts, id: string, apps: readonly string[]): Fix[] {
  for (const appId of apps) {
    const app = facts.index.app(appId)
    if (app && facts.identityCount(app) === 1 && facts.edgesFrom(appId).length > 0) return []
  }
  return [{ title: `Remove identity ${facts.label(id)}`, edits: [{ type: 'removeNode', id }] }]
}
