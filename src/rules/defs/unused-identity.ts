import type { Fixer } from '../fixer.ts'
import { createRule } from '../rule.ts'
import type { Fix } from '../types.ts'

export const unusedIdentity = createRule({
  meta: {
    id: 'unused-identity',
    severity: 'warning',
    subject: 'identity',
    scope: 'component',
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
  },
  create({ index, label, report }) {
    return {
      identity({ id }, n) {
        // Used: some access edge resolves to it (whatever its roles), so it is a principal.
        const apps = index.appsAt(n)
        if (apps.length > 0 && index.principalNumber('userAssigned', id) !== undefined) return
        const common = {
          subject: id,
          related: [...apps],
          fix: (fixer: Fixer) => removeFix(fixer, id, apps),
        }
        if (apps.length === 0)
          report({ ...common, messageId: 'unattached', data: { identity: label(id) } })
        else
          report({
            ...common,
            messageId: 'unused',
            data: { identity: label(id), apps: apps.map((a) => label(a)).join(', ') },
          })
      },
    }
  },
})

/**
 * Remove the identity, unless an app with access edges would be left with no identity at all
 * (its edges would then all be missing-identity errors).
 */
function removeFix(fixer: Fixer, id: string, apps: readonly string[]): Fix[] {
  const { index } = fixer
  for (const appId of apps) {
    const app = index.app(appId)
    if (app && index.identityCount(app) === 1 && fixer.edgesFrom(appId).length > 0) return []
  }
  return [{ title: `Remove identity ${fixer.label(id)}`, edits: [{ type: 'removeNode', id }] }]
}
