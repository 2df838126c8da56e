import { SYSTEM_VIA, type Scope } from '@/model/kinds.ts'
import type { AccessEdge, AppNode, Design, DesignNode } from '@/model/types.ts'

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

export function scopeOf(edge: AccessEdge): Scope {
  return edge.scope ?? 'resource'
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
    this.nodes = new Map(design.nodes.map((n) => [n.id, n]))
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
    const source = this.nodes.get(edge.source)
    if (source?.kind === 'developer')
      return { resolved: true, principal: { type: 'developer', node: source.id } }
    if (source?.kind !== 'app') return { resolved: false, reason: 'noIdentity' }
    if (edge.via !== undefined) {
      if (edge.via === SYSTEM_VIA) {
        return source.systemAssigned
          ? { resolved: true, principal: { type: 'systemAssigned', node: source.id } }
          : { resolved: false, reason: 'notOnApp' }
      }
      return this.attachedIdentities(source.id).includes(edge.via)
        ? { resolved: true, principal: { type: 'userAssigned', node: edge.via } }
        : { resolved: false, reason: 'notOnApp' }
    }
    const identities = this.identitiesOf(source.id)
    const [only] = identities
    if (identities.length === 1 && only) return { resolved: true, principal: only }
    return { resolved: false, reason: identities.length === 0 ? 'noIdentity' : 'ambiguous' }
  }
}

function pushUnique(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key)
  if (!list) map.set(key, [value])
  else if (!list.includes(value)) list.push(value)
}
