import { SCOPES, SYSTEM_VIA, type Scope } from './kinds.ts'
import type { AccessEdge, AppNode, Design, DesignNode } from './types.ts'
import { byId } from '../lib/by-id.ts'

/** Who holds a grant: an app's system-assigned identity, a user-assigned identity, or a developer. */
export type PrincipalRef =
  | { readonly type: 'systemAssigned'; readonly node: string }
  | { readonly type: 'userAssigned'; readonly node: string }
  | { readonly type: 'developer'; readonly node: string }

export type Unresolved = 'noIdentity' | 'ambiguous' | 'notOnApp'

export type Resolution =
  | { readonly resolved: true; readonly principal: PrincipalRef }
  | { readonly resolved: false; readonly reason: Unresolved }

/** A stable string key for a principal, e.g. `systemAssigned:api`. */
export function principalKey(p: PrincipalRef): string {
  return `${p.type}:${p.node}`
}

/** An access edge's scope: a missing `scope` is `resource` (PRODUCT.md §4). */
export function scopeOf(edge: AccessEdge): Scope {
  return edge.scope ?? 'resource'
}

/** The scope as a small number, its position in SCOPES: resource 0, resourceGroup 1, subscription 2. */
export function scopeSlot(edge: AccessEdge): number {
  const scope = edge.scope
  return scope === undefined || scope === SCOPES[0] ? 0 : scope === SCOPES[1] ? 1 : 2
}

/**
 * PRODUCT.md §4 "Resolving identities", the one place it is written: `source` is the edge's source
 * node, `attached` the identities attached to it. Calls `principal` with what the edge acts as, or
 * `unresolved` with why it acts as nothing, and returns its answer (callers build their own
 * values: ModelIndex a Resolution, DesignIndex a principal number).
 */
export function resolveAccess<R>(
  edge: AccessEdge,
  source: DesignNode | undefined,
  attached: AttachedIds,
  principal: (type: PrincipalRef['type'], node: string) => R,
  unresolved: (reason: Unresolved) => R,
): R {
  if (source?.kind === 'developer') return principal('developer', source.id)
  if (source?.kind !== 'app') return unresolved('noIdentity')
  if (edge.via !== undefined) {
    if (edge.via === SYSTEM_VIA)
      return source.systemAssigned ? principal('systemAssigned', source.id) : unresolved('notOnApp')
    return attached.includes(edge.via)
      ? principal('userAssigned', edge.via)
      : unresolved('notOnApp')
  }
  const count = (source.systemAssigned ? 1 : 0) + attached.length
  if (count === 0) return unresolved('noIdentity')
  if (count > 1) return unresolved('ambiguous')
  return source.systemAssigned
    ? principal('systemAssigned', source.id)
    : principal('userAssigned', attached.at(0) as string)
}

/** What resolveAccess reads of the identities attached to an app, in order (a list will do). */
export interface AttachedIds {
  readonly length: number
  includes(id: string): boolean
  at(index: number): string | undefined
}

/**
 * Lookups over a design built once in linear time: nodes by id, identities attached per app
 * (attach-edge order, no repeats), apps per identity.
 */
export class ModelIndex {
  readonly design: Design
  readonly nodes: ReadonlyMap<string, DesignNode>
  readonly accessEdges: readonly AccessEdge[]
  private readonly attached = new Map<string, string[]>()
  private readonly apps = new Map<string, string[]>()

  constructor(design: Design) {
    this.design = design
    this.nodes = byId(design.nodes)
    const access: AccessEdge[] = []
    for (const edge of design.edges) {
      if (edge.kind === 'access') {
        access.push(edge)
        continue
      }
      pushUnique(this.attached, edge.source, edge.target)
      pushUnique(this.apps, edge.target, edge.source)
    }
    this.accessEdges = access
  }

  node(id: string): DesignNode | undefined {
    return this.nodes.get(id)
  }

  app(id: string): AppNode | undefined {
    const node = this.nodes.get(id)
    return node?.kind === 'app' ? node : undefined
  }

  /** User-assigned identities attached to an app, in attach-edge order. */
  attachedIdentities(appId: string): readonly string[] {
    return this.attached.get(appId) ?? []
  }

  /** Apps an identity is attached to, in attach-edge order. */
  appsOf(identityId: string): readonly string[] {
    return this.apps.get(identityId) ?? []
  }

  /** The identities of an app (PRODUCT.md §4): `system` when enabled, then each attached identity. */
  identitiesOf(appId: string): PrincipalRef[] {
    const app = this.app(appId)
    if (!app) return []
    const out: PrincipalRef[] = app.systemAssigned ? [{ type: 'systemAssigned', node: appId }] : []
    for (const id of this.attachedIdentities(appId)) out.push({ type: 'userAssigned', node: id })
    return out
  }

  /** The principal an access edge acts as, or why it has none. */
  resolve(edge: AccessEdge): Resolution {
    return resolveAccess<Resolution>(
      edge,
      this.nodes.get(edge.source),
      this.attachedIdentities(edge.source),
      (type, node) => ({ resolved: true, principal: { type, node } as PrincipalRef }),
      (reason) => ({ resolved: false, reason }),
    )
  }
}

function pushUnique(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key)
  if (!list) map.set(key, [value])
  else if (!list.includes(value)) list.push(value)
}
