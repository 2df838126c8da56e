import { SYSTEM_VIA } from '@/model/kinds.ts'
import { attachFix, enableSystemFix, pickIdentitySuggestions } from '../fixes/identity-fixes.ts'
import { defineRule, formatMessage, type Fix, type RuleMeta } from '../types.ts'

const KIND_PHRASE = {
  app: 'an app',
  identity: 'an identity',
  service: 'a service',
  developer: 'a developer',
} as const

const meta = {
  id: 'identity-not-on-app',
  severity: 'error',
  subject: 'access edge',
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
} as const satisfies RuleMeta

export const identityNotOnApp = defineRule({
  meta,
  check({ index, facts, report }) {
    for (const { edge, app } of facts.flagged('notOnApp')) {
      if (!app || edge.via === undefined) continue
      const data = { app: facts.label(app.id), service: facts.label(edge.target) }
      const fixes: Fix[] = []
      let message: string
      if (edge.via === SYSTEM_VIA) {
        if (app.systemAssigned) continue
        message = formatMessage(meta.messages.systemOff, data)
        const enable = enableSystemFix(facts, app, edge)
        if (enable) fixes.push(enable)
      } else {
        if (index.attachedIdentities(app.id).includes(edge.via)) continue
        if (index.node(edge.via)?.kind === 'identity') {
          message = formatMessage(meta.messages.notAttached, {
            ...data,
            identity: facts.label(edge.via),
          })
          const attach = attachFix(facts, app, edge.via, edge)
          if (attach) fixes.push(attach)
        } else {
          const other = index.node(edge.via)
          message = other
            ? formatMessage(meta.messages.notAnIdentity, {
                ...data,
                via: facts.label(other.id),
                kind: KIND_PHRASE[other.kind],
              })
            : formatMessage(meta.messages.notIdentity, { ...data, via: JSON.stringify(edge.via) })
          if (facts.identityCount(app) === 0) {
            const enable = enableSystemFix(facts, app, edge)
            if (enable) fixes.push(enable)
          }
        }
      }
      report({
        subject: edge.id,
        message,
        related: [app.id, ...(index.node(edge.via) ? [edge.via] : [])],
        fixes,
        suggestions: pickIdentitySuggestions(facts, app, edge),
      })
    }
  },
})
