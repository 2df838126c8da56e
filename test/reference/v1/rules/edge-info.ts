import type { DesignIndex } from '../analysis/design-index.ts'
import { ALL_ROLES, subsumes, type RoleFact, type RoleRef } from '@/catalog/roles.ts'
import { SERVICE_KINDS, type Scope, type ServiceKind } from '@/model/kinds.ts'
import { principalKey, type Resolution } from '../model/queries.ts'
import type { AccessEdge, AppNode, DeveloperNode, ServiceNode } from '@/model/types.ts'

/** Facts about one access edge that several rules test, computed once per check. */
export interface EdgeInfo {
  readonly edge: AccessEdge
  /** Position among the access edges, in file order. */
  readonly at: number
  readonly app: AppNode | undefined
  readonly developer: DeveloperNode | undefined
  readonly service: ServiceNode | undefined
  readonly resolution: Resolution
  /** principalKey of the resolved principal, or undefined. */
  readonly principal: string | undefined
  readonly refs: readonly RoleRef[]
  readonly scope: Scope
  /** Bits of EDGE_FLAG: what the edge's roles and shape trigger. */
  readonly flags: number
}

/** Per-edge bits: each rule only looks at the edges with its bit set. */
export const EDGE_FLAG = {
  privileged: 1 << 0,
  keyExposing: 1 << 1,
  unknownRole: 1 << 2,
  wrongService: 1 << 3,
  nonRbac: 1 << 4,
  vaultData: 1 << 5,
  broad: 1 << 6,
  noIdentity: 1 << 7,
  notOnApp: 1 << 8,
  ambiguous: 1 << 9,
} as const
export type EdgeFlag = keyof typeof EDGE_FLAG
const FLAG_NAMES = Object.keys(EDGE_FLAG) as EdgeFlag[]

/** For each built-in role, every role it includes (transitively, never itself). */
export const INCLUDED: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  ALL_ROLES.map((a) => [
    a.name,
    new Set(ALL_ROLES.filter((b) => subsumes(a, b)).map((b) => b.name)),
  ]),
)
/** The roles that include at least one other. */
export const INCLUDERS: ReadonlySet<RoleFact> = new Set(
  ALL_ROLES.filter((r) => (INCLUDED.get(r.name)?.size ?? 0) > 0),
)

const KIND_BIT = Object.fromEntries(SERVICE_KINDS.map((k, i) => [k, 1 << i])) as Record<
  ServiceKind,
  number
>
const ALL_KINDS = (1 << SERVICE_KINDS.length) - 1

/** A built-in role's own flags, and the service kinds it applies to as bits. */
const ROLE_BITS = new Map<RoleFact, { flags: number; kinds: number }>(
  ALL_ROLES.map((fact) => {
    let flags = 0
    if (fact.privileged) flags |= EDGE_FLAG.privileged
    else if (fact.keyExposing) flags |= EDGE_FLAG.keyExposing
    if (fact.grant !== 'rbac') flags |= EDGE_FLAG.nonRbac
    if (fact.plane === 'data' && fact.services.includes('keyVault')) flags |= EDGE_FLAG.vaultData
    const kinds = fact.services.includes('*')
      ? ALL_KINDS
      : fact.services.reduce((m, k) => m | (KIND_BIT[k as ServiceKind] ?? 0), 0)
    return [fact, { flags, kinds }]
  }),
)

/** The flags one role sets on an edge to a service of this kind. */
export function roleFlags(ref: RoleRef, kind: ServiceKind | undefined): number {
  if (ref.kind === 'unknown') return EDGE_FLAG.unknownRole
  if (ref.kind === 'custom') return 0
  const bits = ROLE_BITS.get(ref.fact)
  if (!bits) return 0
  const wrong = kind !== undefined && (bits.kinds & KIND_BIT[kind]) === 0
  return bits.flags | (wrong ? EDGE_FLAG.wrongService : 0)
}

/**
 * The per-edge flags of a design in one pass over DesignIndex's position arrays (no lookups by
 * id, one small number per edge), and EdgeInfo objects made only for the edges a rule visits.
 */
export class EdgeTable {
  private readonly index: DesignIndex
  private readonly flags: Uint16Array
  private readonly positions: Record<EdgeFlag, number[]>
  private readonly infos: (EdgeInfo | undefined)[]
  private readonly keys = new Map<Resolution, string>()
  private readonly lists = new Map<EdgeFlag, EdgeInfo[]>()

  constructor(index: DesignIndex) {
    this.index = index
    const edges = index.accessEdges
    this.flags = new Uint16Array(edges.length)
    this.infos = new Array<EdgeInfo | undefined>(edges.length)
    this.positions = Object.fromEntries(FLAG_NAMES.map((f) => [f, [] as number[]])) as Record<
      EdgeFlag,
      number[]
    >
    const identityCount = new Map<string, number>()
    for (let at = 0; at < edges.length; at++) {
      const edge = edges[at] as AccessEdge
      const target = index.nodes.get(edge.target)
      const kind = target?.kind === 'service' ? target.service : undefined
      let flags = edge.scope === undefined || edge.scope === 'resource' ? 0 : EDGE_FLAG.broad
      for (const ref of index.rolesAt[at] as readonly RoleRef[]) flags |= roleFlags(ref, kind)
      const resolution = index.resolutionAt[at] as Resolution
      if (!resolution.resolved) {
        const app = index.app(edge.source)
        if (app) {
          let count = identityCount.get(app.id)
          if (count === undefined) {
            count = (app.systemAssigned ? 1 : 0) + index.attachedIdentities(app.id).length
            identityCount.set(app.id, count)
          }
          if (count === 0) flags |= EDGE_FLAG.noIdentity
          if (resolution.reason === 'ambiguous') flags |= EDGE_FLAG.ambiguous
          else if (resolution.reason === 'notOnApp') flags |= EDGE_FLAG.notOnApp
        }
      }
      this.flags[at] = flags
      if (flags !== 0)
        for (const name of FLAG_NAMES) if (flags & EDGE_FLAG[name]) this.positions[name].push(at)
    }
  }

  /** The edges with this flag, in file order. */
  flagged(flag: EdgeFlag): readonly EdgeInfo[] {
    let list = this.lists.get(flag)
    if (!list) {
      list = this.positions[flag].map((at) => this.at(at))
      this.lists.set(flag, list)
    }
    return list
  }

  /** Positions (in `accessEdges`) of the edges with this flag, in file order. */
  positionsOf(flag: EdgeFlag): readonly number[] {
    return this.positions[flag]
  }

  /** The principal key of a resolved resolution (computed once per principal). */
  principalKey(resolution: Resolution & { resolved: true }): string {
    return keyOf(this.keys, resolution)
  }

  /** The EdgeInfo of the access edge at this position (made once). */
  at(at: number): EdgeInfo {
    let info = this.infos[at]
    if (info) return info
    const { index } = this
    const edge = index.accessEdges[at] as AccessEdge
    const source = index.nodes.get(edge.source)
    const target = index.nodes.get(edge.target)
    const resolution = index.resolutionAt[at] as Resolution
    info = {
      edge,
      at,
      app: source?.kind === 'app' ? source : undefined,
      developer: source?.kind === 'developer' ? source : undefined,
      service: target?.kind === 'service' ? target : undefined,
      resolution,
      principal: resolution.resolved ? keyOf(this.keys, resolution) : undefined,
      refs: index.rolesAt[at] as readonly RoleRef[],
      scope: edge.scope ?? 'resource',
      flags: this.flags[at] as number,
    }
    this.infos[at] = info
    return info
  }
}

/** Resolutions are shared per principal (DesignIndex), so their keys are computed once each. */
function keyOf(keys: Map<Resolution, string>, resolution: Resolution & { resolved: true }): string {
  let key = keys.get(resolution)
  if (key === undefined) {
    key = principalKey(resolution.principal)
    keys.set(resolution, key)
  }
  return key
}
