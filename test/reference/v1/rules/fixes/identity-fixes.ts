import { SYSTEM_VIA } from '@/model/kinds.ts'
import type { Edit } from '@/model/edits.ts'
import type { AccessEdge, AppNode } from '@/model/types.ts'
import type { RuleFacts } from '../facts.ts'
import type { Fix } from '../types.ts'

/**
 * When an app that has exactly one identity gets a second one, its edges without `via` would turn
 * ambiguous and stop granting anything: these edits pin them to the identity they use today.
 */
export function pinImplicitVias(facts: RuleFacts, app: AppNode, except?: string): Edit[] {
  if (facts.identityCount(app) !== 1) return []
  const edits: Edit[] = []
  for (const info of facts.edgesFrom(app.id)) {
    if (info.edge.via !== undefined || info.edge.id === except) continue
    const via = facts.currentVia(info)
    if (via !== undefined) edits.push({ type: 'updateEdge', id: info.edge.id, set: { via } })
  }
  return edits
}

/** Switch on the app's system-assigned identity; the edge then uses it. Undefined if the hosting forbids it. */
export function enableSystemFix(facts: RuleFacts, app: AppNode, edge: AccessEdge): Fix | undefined {
  if (app.systemAssigned || !facts.canAddIdentity(app, true)) return undefined
  const edits: Edit[] = [
    ...pinImplicitVias(facts, app, edge.id),
    { type: 'updateNode', id: app.id, set: { systemAssigned: true } },
  ]
  if (edge.via !== SYSTEM_VIA && (edge.via !== undefined || facts.identityCount(app) > 0))
    edits.push({ type: 'updateEdge', id: edge.id, set: { via: SYSTEM_VIA } })
  return {
    title: `Enable the system-assigned identity of ${facts.label(app.id)} and use it here`,
    edits,
  }
}

/** Attach an existing identity to the app and use it on the edge. Undefined if the hosting forbids it. */
export function attachFix(
  facts: RuleFacts,
  app: AppNode,
  identity: string,
  edge: AccessEdge,
): Fix | undefined {
  if (!facts.canAddIdentity(app, false)) return undefined
  const edits: Edit[] = [
    ...pinImplicitVias(facts, app, edge.id),
    {
      type: 'addEdge',
      edge: {
        id: facts.newIds().fresh(`${app.id}-${identity}`),
        kind: 'attach',
        source: app.id,
        target: identity,
      },
    },
  ]
  if (edge.via !== identity && (edge.via !== undefined || facts.identityCount(app) > 0))
    edits.push({ type: 'updateEdge', id: edge.id, set: { via: identity } })
  return {
    title: `Attach identity ${facts.label(identity)} to ${facts.label(app.id)} and use it here`,
    edits,
  }
}

/** One suggestion per identity the app has: name it as the edge's `via`. */
export function pickIdentitySuggestions(facts: RuleFacts, app: AppNode, edge: AccessEdge): Fix[] {
  const vias = [
    ...(app.systemAssigned ? [SYSTEM_VIA] : []),
    ...facts.index.attachedIdentities(app.id),
  ]
  return vias
    .filter((via) => via !== edge.via)
    .map((via) => ({
      title:
        via === SYSTEM_VIA
          ? 'Use the system-assigned identity'
          : `Use identity ${facts.label(via)}`,
      edits: [{ type: 'updateEdge', id: edge.id, set: { via } }],
    }))
}
