import type { BindTarget } from '../apply/bind-target.ts'
import { identityResourceId, type BindingProblem } from '../apply/binding.ts'
import { compareOrdinal } from '../lib/compare.ts'
import { ok, type Result } from '../lib/result.ts'
import type { Edit } from '../model/edits.ts'
import { SYSTEM_VIA } from '../model/kinds.ts'
import type {
  AccessEdge,
  AppNode,
  AttachEdge,
  Design,
  DesignNode,
  IdentityNode,
  ServiceNode,
} from '../model/types.ts'
import { importAccess } from './access.ts'
import { withoutConditional } from './conditions.ts'
import { bindToLive, driftKey, type BoundToLive, type DriftItem, type LiveState } from './drift.ts'
import type { ImportedNodes } from './nodes.ts'

export interface Adoption {
  /** Edits that draw the assignments: roles added to existing edges, new edges, new developers. */
  readonly edits: readonly Edit[]
  /** Assignments the design cannot draw, and why. */
  readonly notes: readonly string[]
}

/**
 * Draws unmanaged role assignments into the design, the way import draws them (PRODUCT.md §12):
 * a role held by an app's system-assigned principal, by one of the design's identities (on every
 * app attached to it) or by a user or group (an existing developer node with that principal id,
 * else a new one). Roles join an existing edge with the same source, target, path and scope; the
 * rest become new edges. Afterwards, drift no longer reports them as unmanaged.
 */
export function adoptUnmanaged(
  design: Design,
  live: LiveState,
  target: BindTarget,
  items: readonly DriftItem[],
  developerIds: Readonly<Record<string, string>> = {},
): Result<Adoption, BindingProblem[]> {
  const bound = bindToLive(design, live, target, developerIds)
  if (!bound.ok) return bound
  const d = bound.value.design
  const wanted = new Set(items.map(driftKey))
  // One held only under a condition is narrower than an edge: noted, not drawn, as import does.
  const conditional = withoutConditional({
    ...live,
    assignments: live.assignments.filter((a) => wanted.has(driftKey(a))),
    cosmos: Object.fromEntries(
      Object.entries(live.cosmos).map(([account, list]) => [
        account,
        list.filter((a) => wanted.has(driftKey(a))),
      ]),
    ),
  })
  const access = importAccess(
    conditional.estate,
    designAsImported(d, target, bound.value.principalIdOf),
  )

  // A new developer whose principal an existing developer node already has is that node.
  const developerOf = new Map<string, string>()
  for (const n of d.nodes)
    if (n.kind === 'developer' && n.azure?.principalId)
      developerOf.set(n.azure.principalId.toLowerCase(), n.id)
  const sameAs = new Map<string, string>()
  const edits: Edit[] = []
  const left = Math.min(0, ...design.nodes.map((n) => n.position?.x ?? 0)) - 300
  let row = 0
  for (const dev of access.developers) {
    const existing = developerOf.get(dev.azure?.principalId ?? '')
    if (existing) sameAs.set(dev.id, existing)
    else edits.push({ type: 'addNode', node: { ...dev, position: { x: left, y: row++ * 120 } } })
  }

  const byId = new Map(d.nodes.map((n) => [n.id, n]))
  for (const edge of access.accessEdges) {
    const drawn = { ...edge, source: sameAs.get(edge.source) ?? edge.source }
    const existing = design.edges.find(
      (e): e is AccessEdge =>
        e.kind === 'access' &&
        e.source === drawn.source &&
        e.target === drawn.target &&
        (e.scope ?? 'resource') === (drawn.scope ?? 'resource') &&
        samePath(e.via, drawn.via, byId.get(drawn.source), d),
    )
    if (!existing) {
      edits.push({ type: 'addEdge', edge: drawn })
      continue
    }
    const roles = [...new Set([...existing.roles, ...drawn.roles])].sort(compareOrdinal)
    if (roles.length > existing.roles.length)
      edits.push({ type: 'updateEdge', id: existing.id, set: { roles } })
  }
  return ok({ edits, notes: [...access.notes, ...conditional.notes] })
}

/**
 * Whether an edge's `via` (absent: the app's only principal) names the same path as an imported
 * one, which always says which identity it goes through.
 */
function samePath(
  via: string | undefined,
  imported: string | undefined,
  source: DesignNode | undefined,
  design: Design,
): boolean {
  if (via === imported) return true
  if (via !== undefined || source?.kind !== 'app') return false
  const attached = design.edges.filter((e) => e.kind === 'attach' && e.source === source.id)
  const paths = [...(source.systemAssigned ? [SYSTEM_VIA] : []), ...attached.map((e) => e.target)]
  return paths.length === 1 && paths[0] === imported
}

/** The bound design's nodes as import knows them: whose is each principal id. */
function designAsImported(
  d: Design,
  target: BindTarget,
  principalIdOf: BoundToLive['principalIdOf'],
): ImportedNodes {
  const apps = d.nodes.filter((n): n is AppNode => n.kind === 'app')
  const identities = d.nodes.filter((n): n is IdentityNode => n.kind === 'identity')
  const attachEdges = d.edges.filter((e): e is AttachEdge => e.kind === 'attach')
  const systemOf = new Map<string, string>()
  for (const app of apps) {
    const p = app.systemAssigned
      ? principalIdOf({ type: 'systemAssigned', node: app.id })
      : undefined
    if (p) systemOf.set(p.toLowerCase(), app.id)
  }
  const identityOf = new Map<string, string>()
  for (const identity of identities) {
    const p = principalIdOf({ type: 'userAssigned', node: identity.id })
    if (p) identityOf.set(p.toLowerCase(), identity.id)
  }
  const appsOf = new Map<string, string[]>()
  for (const e of attachEdges) appsOf.set(e.target, [...(appsOf.get(e.target) ?? []), e.source])
  return {
    apps,
    identities: identities.map((i) => ({
      ...i,
      azure: { ...i.azure, resourceId: identityResourceId(i, target) },
    })),
    services: d.nodes.filter((n): n is ServiceNode => n.kind === 'service'),
    attachEdges,
    principals: { systemOf, identityOf, appsOf },
    taken: new Set([...d.nodes.map((n) => n.id), ...d.edges.map((e) => e.id)]),
  }
}
