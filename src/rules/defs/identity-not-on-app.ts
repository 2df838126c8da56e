import { SYSTEM_VIA } from '../../model/kinds.ts'
import type { AccessEdge, AppNode } from '../../model/types.ts'
import type { Fixer } from '../fixer.ts'
import { attachFix, enableSystemFix, pickIdentitySuggestions } from '../fixes/identity-fixes.ts'
import { createRule } from '../rule.ts'
import type { Fix } from '../types.ts'
import { messageQuote } from '../../lib/encode/message.ts'

const KIND_PHRASE = {
  app: 'an app',
  identity: 'an identity',
  service: 'a service',
  developer: 'a developer',
} as const

export const identityNotOnApp = createRule({
  meta: {
    id: 'identity-not-on-app',
    severity: 'error',
    subject: 'access edge',
    scope: 'component',
    description:
      "An access edge's via names an identity the app does not have: a system-assigned identity that is off, or an identity not attached to it.",
    hasFixes: true,
    messages: {
      systemOff:
        'The access from {app} to {service} goes through the system-assigned identity, but {app} has it switched off.',
      notAttached:
        'The access from {app} to {service} goes through identity {identity}, which is not attached to {app}.',
      notIdentity:
        'The access from {app} to {service} names {via} as its identity, but no identity node has that id.',
      notAnIdentity:
        'The access from {app} to {service} goes through {via}, which is {kind}, not an identity.',
    },
    learnMore:
      'https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/how-manage-user-assigned-managed-identities',
  },
  create({ index, label, report }) {
    const found = (edge: AccessEdge, app: AppNode, via: string): void => {
      const data = { app: label(app.id), service: label(edge.target) }
      const named = index.node(via)
      const common = {
        subject: edge.id,
        related: [app.id, ...(named ? [via] : [])],
        fix: (fixer: Fixer) => fixes(fixer, app, edge),
        suggest: (fixer: Fixer) => pickIdentitySuggestions(fixer, app, edge),
      }
      if (via === SYSTEM_VIA) report({ ...common, messageId: 'systemOff', data })
      else if (named?.kind === 'identity')
        report({ ...common, messageId: 'notAttached', data: { ...data, identity: label(via) } })
      else if (named)
        report({
          ...common,
          messageId: 'notAnIdentity',
          data: { ...data, via: label(named.id), kind: KIND_PHRASE[named.kind] },
        })
      else
        report({
          ...common,
          messageId: 'notIdentity',
          data: { ...data, via: messageQuote(via) },
        })
    }
    return {
      accessEdgeWhere: { unresolved: ['notOnApp'] },
      accessEdge(edge, at) {
        const app = index.appAt(at)
        const via = edge.via
        // notOnApp: `via` names the switched-off system identity or something not attached.
        if (app && via !== undefined && index.unresolvedAt(at) === 'notOnApp') found(edge, app, via)
      },
    }
  },
})

/** Enable the system identity it names, attach the identity it names, or give an app without any identity one. */
function fixes(fixer: Fixer, app: AppNode, edge: AccessEdge): Fix[] {
  const via = edge.via as string
  const named = fixer.index.node(via)
  const fix =
    via === SYSTEM_VIA
      ? enableSystemFix(fixer, app, edge)
      : named?.kind === 'identity'
        ? attachFix(fixer, app, via, edge)
        : fixer.index.identityCount(app) === 0
          ? enableSystemFix(fixer, app, edge)
          : undefined
  return fix ? [fix] : []
}
