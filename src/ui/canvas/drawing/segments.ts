import { assertNever } from '../../../lib/assert.ts'
import type { Scope } from '../../../model/kinds.ts'
import type { ModelIndex, Resolution } from '../../../model/queries.ts'
import type { AccessEdge, AttachEdge, Design, DesignEdge } from '../../../model/types.ts'
import type { EdgeDrawing } from '../../../store/types.ts'

/**
 * How access is drawn (a view setting, store/types.ts). `bundled` (the default) draws access that
 * goes through a user-assigned identity as app → identity → service, as the tutorial's diagrams
 * do; `direct` draws every access edge from the app straight to the service, one line per edge.
 */
export type { EdgeDrawing }

/**
 * How a line that ends on a service reads:
 * - `identity`: from a user-assigned identity, standing for every access edge that goes through it
 *   to that service (bundled drawing only);
 * - `own`: from an app through its own system-assigned identity;
 * - `through`: from an app through a user-assigned identity, drawn directly (direct drawing);
 * - `developer`: from a developer, who signs in as themselves;
 * - `unresolved`: from an app whose identity for this access is not settled (the rules say why).
 */
export type AccessWay = 'identity' | 'own' | 'through' | 'developer' | 'unresolved'

/** A role on a drawn line, with the scope it is granted at. */
export interface DrawnRole {
  readonly role: string
  readonly scope: Scope
}

/** One line on the canvas and the design edges it stands for. */
export type Segment =
  | {
      readonly kind: 'attach'
      readonly id: string
      readonly source: string
      readonly target: string
      readonly members: readonly [AttachEdge]
    }
  | {
      readonly kind: 'access'
      readonly id: string
      readonly source: string
      readonly target: string
      readonly way: AccessWay
      /** The access edges it stands for, in design order: selecting the line selects them. */
      readonly members: readonly AccessEdge[]
      /** Distinct (role, scope) pairs of its members, in first-seen order. */
      readonly roles: readonly DrawnRole[]
    }

export type AccessSegment = Extract<Segment, { kind: 'access' }>

/** The id of the line for every access edge that goes through `identity` to `service`. */
export function bundleId(identity: string, service: string): string {
  // `:` and `>` never occur in design ids (PRODUCT.md §4), so this cannot collide with an edge id.
  return `via:${identity}>${service}`
}

export function isBundleId(id: string): boolean {
  return id.startsWith('via:')
}

/** The lines of a drawing and, for each design edge, the line that stands for it. */
export interface Drawing {
  readonly segments: readonly Segment[]
  readonly segmentOf: ReadonlyMap<string, string>
}

/**
 * The lines that draw a design's edges (or those `include` keeps). Every edge is drawn by exactly
 * one line: an attach edge by its own; in `bundled` drawing, access through a user-assigned
 * identity by one line per (identity, service) carrying every role granted there, the app's side
 * being its attach line; every other access edge by its own line from its source.
 */
export function drawEdges(
  design: Design,
  index: Pick<ModelIndex, 'resolve'>,
  drawing: EdgeDrawing,
  include?: (edge: DesignEdge) => boolean,
): Drawing {
  const segments: Segment[] = []
  const segmentOf = new Map<string, string>()
  const bundles = new Map<string, { at: number; members: AccessEdge[] }>()
  for (const edge of design.edges) {
    if (include && !include(edge)) continue
    if (edge.kind === 'attach') {
      segments.push({
        kind: 'attach',
        id: edge.id,
        source: edge.source,
        target: edge.target,
        members: [edge],
      })
      segmentOf.set(edge.id, edge.id)
      continue
    }
    const resolution = index.resolve(edge)
    const way = wayOf(resolution, drawing)
    if (way === 'identity' && resolution.resolved) {
      const id = bundleId(resolution.principal.node, edge.target)
      const bundle = bundles.get(id)
      if (bundle) bundle.members.push(edge)
      else {
        bundles.set(id, { at: segments.length, members: [edge] })
        // A placeholder keeps the line where its first member comes in design order.
        segments.push(accessSegment(id, resolution.principal.node, edge.target, way, [edge]))
      }
      segmentOf.set(edge.id, id)
      continue
    }
    segments.push(accessSegment(edge.id, edge.source, edge.target, way, [edge]))
    segmentOf.set(edge.id, edge.id)
  }
  for (const [id, { at, members }] of bundles) {
    if (members.length === 1) continue
    const first = segments[at] as AccessSegment
    segments[at] = accessSegment(id, first.source, first.target, 'identity', members)
  }
  return { segments, segmentOf }
}

function wayOf(resolution: Resolution, drawing: EdgeDrawing): AccessWay {
  if (!resolution.resolved) return 'unresolved'
  const type = resolution.principal.type
  switch (type) {
    case 'developer':
      return 'developer'
    case 'systemAssigned':
      return 'own'
    case 'userAssigned':
      return drawing === 'bundled' ? 'identity' : 'through'
    default:
      return assertNever(type, 'principal type')
  }
}

function accessSegment(
  id: string,
  source: string,
  target: string,
  way: AccessWay,
  members: readonly AccessEdge[],
): AccessSegment {
  return { kind: 'access', id, source, target, way, members, roles: rolesOf(members) }
}

function rolesOf(members: readonly AccessEdge[]): DrawnRole[] {
  const seen = new Set<string>()
  const out: DrawnRole[] = []
  for (const edge of members) {
    const scope = edge.scope ?? 'resource'
    for (const role of edge.roles) {
      const key = `${scope}\u0000${role}`
      if (seen.has(key)) continue
      seen.add(key)
      out.push({ role, scope })
    }
  }
  return out
}

/** Whether two lines draw the same thing (same ends, same design edge objects). */
export function sameSegment(a: Segment, b: Segment): boolean {
  if (a === b) return true
  if (a.kind !== b.kind || a.id !== b.id || a.source !== b.source || a.target !== b.target)
    return false
  if (a.kind === 'access' && b.kind === 'access' && a.way !== b.way) return false
  return a.members.length === b.members.length && a.members.every((m, i) => m === b.members[i])
}
