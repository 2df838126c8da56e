import { SYSTEM_VIA } from '../../model/kinds.ts'
import type { Edit } from '../../model/edits.ts'
import type { AccessEdge, AppNode } from '../../model/types.ts'
import type { Fixer } from '../fixer.ts'
import type { Fix } from '../types.ts'

/**
 * When an app that has exactly one identity gets a second one, its edges without `via` would turn
 * ambiguous and stop granting anything: these edits pin them to the identity they use today.
 */
export function pinImplicitVias(fixer: Fixer, app: AppNode, except?: string): Edit[] {
  const { index } = fixer
  if (index.identityCount(app) !== 1) return []
  const edits: Edit[] = []
  for (const at of fixer.edgesFrom(app.id)) {
    const edge = index.accessEdge(at)
    if (edge.via !== undefined || edge.id === except) continue
    const via = fixer.currentVia(at)
    if (via !== undefined) edits.push({ type: 'updateEdge', id: edge.id, set: { via } })
  }
  return edits
}

/** Switch on the app's system-assigned identity; the edge then uses it. Undefined if the hosting forbids it. */
export function enableSystemFix(fixer: Fixer, app: AppNode, edge: AccessEdge): Fix | undefined {
  if (app.systemAssigned || !fixer.canAddIdentity(app, true)) return undefined
  const edits: Edit[] = [
    ...pinImplicitVias(fixer, app, edge.id),
    { type: 'updateNode', id: app.id, set: { systemAssigned: true } },
  ]
  if (edge.via !== SYSTEM_VIA && (edge.via !== undefined || fixer.index.identityCount(app) > 0))
    edits.push({ type: 'updateEdge', id: edge.id, set: { via: SYSTEM_VIA } })
  return {
    title: `Enable the system-assigned identity of ${fixer.label(app.id)} and use it here`,
    edits,
  }
}

/** Attach an existing identity to the app and use it on the edge. Undefined if the hosting forbids it. */
export function attachFix(
  fixer: Fixer,
  app: AppNode,
  identity: string,
  edge: AccessEdge,
): Fix | undefined {
  if (!fixer.canAddIdentity(app, false)) return undefined
  const edits: Edit[] = [
    ...pinImplicitVias(fixer, app, edge.id),
    {
      type: 'addEdge',
      edge: {
        id: fixer.newIds().fresh(`${app.id}-${identity}`),
        kind: 'attach',
        source: app.id,
        target: identity,
      },
    },
  ]
  if (edge.via !== identity && (edge.via !== undefined || fixer.index.identityCount(app) > 0))
    edits.push({ type: 'updateEdge', id: edge.id, set: { via: identity } })
  return {
    title: `Attach identity ${fixer.label(identity)} to ${fixer.label(app.id)} and use it here`,
    edits,
  }
}

/** One suggestion per identity the app has: name it as the edge's `via`. */
export function pickIdentitySuggestions(fixer: Fixer, app: AppNode, edge: AccessEdge): Fix[] {
  const vias = [
    ...(app.systemAssigned ? [SYSTEM_VIA] : []),
    ...fixer.index.attachedIdentities(app.id),
  ]
  return vias
    .filter((via) => via !== edge.via)
    .map((via) => ({
      title:
        via === SYSTEM_VIA
          ? 'Use the system-assigned identity'
          : `Use identity ${fixer.label(via)}`,
      edits: [{ type: 'updateEdge', id: edge.id, set: { via } }],
    }))
}
