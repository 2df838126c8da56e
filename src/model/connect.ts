import { err, ok, type Result } from '../lib/result.ts'
import { freshId, usedIds } from './ids.ts'
import type { ServiceKind } from './kinds.ts'
import { ModelIndex } from './queries.ts'
import type { Design, DesignEdge, DesignNode } from './types.ts'

/** Catalog facts a connection needs, passed in so the model stays independent of the catalog. */
export interface ConnectFacts {
  /** Least-privilege role a new access edge starts with. */
  readonly defaultRole: (service: ServiceKind) => string
}

/**
 * What connecting two nodes on the canvas creates, or why it is refused (a sentence for the user).
 *
 * - app → identity: an attach edge.
 * - app or developer → service: an access edge with the service's least-privilege default role.
 *   For an app with exactly one identity, `via` names it: the edge then keeps its meaning when a
 *   second identity is attached later, which would otherwise make it ambiguous. With no identity
 *   or several, `via` stays empty and the rules (missing-identity, ambiguous-identity) guide the
 *   user with quick fixes.
 * - A gesture drawn backwards (identity → app, service → app) is read the right way round.
 * - Anything else is refused, as is a second edge between the same two nodes (edit its roles).
 */
export function planConnection(
  design: Design,
  from: string,
  to: string,
  facts: ConnectFacts,
): Result<DesignEdge, string> {
  const index = new ModelIndex(design)
  const a = index.node(from)
  const b = index.node(to)
  if (!a || !b) return err('That node no longer exists.')
  if (a.id === b.id) return err('A node cannot connect to itself.')
  const forward = edgeKindFor(a, b)
  const [source, target] = forward ? [a, b] : [b, a]
  const kind = forward ?? edgeKindFor(b, a)
  if (!kind) return err(refusal(a, b))

  const existing = design.edges.find(
    (e) => e.kind === kind && e.source === source.id && e.target === target.id,
  )
  if (existing)
    return err(
      kind === 'attach'
        ? `${source.name} already uses ${target.name}.`
        : `${source.name} already accesses ${target.name}: select that connection to change its roles.`,
    )
  const id = freshId(usedIds(design), `${source.id}-${target.id}`)
  if (kind === 'attach') return ok({ id, kind, source: source.id, target: target.id })
  if (target.kind !== 'service') throw new Error('access target must be a service')
  const identities = source.kind === 'app' ? index.identitiesOf(source.id) : []
  const [only] = identities
  const via =
    identities.length === 1 && only
      ? only.type === 'systemAssigned'
        ? 'system'
        : only.node
      : undefined
  return ok({
    id,
    kind,
    source: source.id,
    target: target.id,
    roles: [facts.defaultRole(target.service)],
    ...(via !== undefined ? { via } : {}),
  })
}

function edgeKindFor(source: DesignNode, target: DesignNode): DesignEdge['kind'] | undefined {
  if (source.kind === 'app' && target.kind === 'identity') return 'attach'
  if ((source.kind === 'app' || source.kind === 'developer') && target.kind === 'service')
    return 'access'
  return undefined
}

/** Why two nodes cannot be connected, phrased as what to do instead. */
function refusal(a: DesignNode, b: DesignNode): string {
  const kinds = new Set([a.kind, b.kind])
  if (kinds.has('identity') && kinds.has('service'))
    return 'An identity does not access a service by itself: connect the app to the service and choose this identity as the one it goes through.'
  if (kinds.has('developer') && kinds.has('identity'))
    return 'Developers sign in as themselves: connect the developer directly to the service.'
  if (kinds.has('developer') && kinds.has('app'))
    return 'A developer connects to services, not to apps.'
  if (kinds.size === 1)
    return `Two ${a.kind === 'identity' ? 'identities' : `${a.kind}s`} cannot be connected.`
  return 'Only app → identity (uses) and app or developer → service (accesses) can be connected.'
}
