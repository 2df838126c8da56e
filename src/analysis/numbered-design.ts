import type { RoleRef } from '../catalog/roles.ts'
import { SCOPES, type NodeKind, type Scope } from '../model/kinds.ts'
import {
  principalKey,
  resolveAccess,
  scopeSlot,
  type PrincipalRef,
  type Resolution,
  type Unresolved,
} from '../model/queries.ts'
import type {
  AccessEdge,
  AppNode,
  Design,
  DesignEdge,
  DesignNode,
  ServiceNode,
} from '../model/types.ts'
import { StringTable } from '../lib/string-table.ts'
import { RoleTable } from './role-table.ts'

/** Why an edge resolves to no principal, as stored in `reasonAt` (0: it resolves). */
export const REASONS = ['resolved', 'noIdentity', 'ambiguous', 'notOnApp'] as const
const REASON_CODE: Readonly<Record<Unresolved, number>> = {
  noIdentity: 1,
  ambiguous: 2,
  notOnApp: 3,
}
const UNRESOLVED: readonly Resolution[] = [
  { resolved: false, reason: 'noIdentity' },
  { resolved: false, reason: 'noIdentity' },
  { resolved: false, reason: 'ambiguous' },
  { resolved: false, reason: 'notOnApp' },
]
/**
 * Node kinds as stored in `kindAt` (0: no node). Reading a kind code from one typed array is one
 * load; reading `kind` off nodes of four shapes is a megamorphic property access, on every edge.
 */
export const KIND_CODE = {
  app: 1,
  identity: 2,
  service: 3,
  developer: 4,
} as const satisfies Record<NodeKind, number>
/** Principal types as stored in `principalTypeAt`. */
const TYPES: readonly PrincipalRef['type'][] = ['systemAssigned', 'userAssigned', 'developer']
const NONE: readonly string[] = []
const NO_NUMBERS: readonly number[] = []

/**
 * A design numbered in one linear pass, the only place these facts are derived, stored flat
 * (typed arrays indexed by number, few objects for the collector to copy):
 * - nodes by number (their position in `design.nodes`; an endpoint naming no node gets a
 *   number after them), attached identities per app and apps per identity;
 * - per access edge, by its position in `accessEdges`: source and target numbers, scope slot
 *   (`scopeSlot`), role numbers (`roleTable`: each distinct role text once), principal number
 *   (-1 unresolved) and `reasonAt`;
 * - principals numbered in order of first use: type and node by number.
 * Object views (`resolutionAt`, `rolesAt`, `principals`) are made on first use.
 * DesignIndex adds what is derived from all this on first use.
 */
export class NumberedDesign {
  readonly design: Design
  readonly accessEdges: readonly AccessEdge[]
  readonly sourceAt: Int32Array
  readonly targetAt: Int32Array
  readonly slotAt: Uint8Array
  /** Role numbers of edge `at`: `roleNo[roleStart[at]]` up to `roleNo[roleStart[at + 1]]`. */
  readonly roleStart: Int32Array
  readonly roleNo: Int32Array
  readonly roleTable = new RoleTable()
  /** Per node number, its kind's code (KIND_CODE). */
  readonly kindAt: Uint8Array
  readonly principalAt: Int32Array
  /** Per edge: 0 when it resolves, else the code of its reason (REASONS). */
  readonly reasonAt: Uint8Array
  /** Per principal: its type (index into systemAssigned, userAssigned, developer) and node id. */
  private readonly principalTypeAt: number[] = []
  private readonly principalNodeAt: string[] = []
  /** Node ids by number, then the endpoint ids that name no node (StringTable: see there). */
  private readonly ids: StringTable
  private readonly attached: (string[] | undefined)[]
  private readonly attachedTo: (string[] | undefined)[]
  /** attachedTo as endpoint numbers, position for position. */
  private readonly attachedToNo: (number[] | undefined)[]
  /** Principal number of an app's system-assigned identity or a developer, by node number. */
  private readonly ownPrincipal: Int32Array
  private readonly userPrincipal = new Map<string, number>()
  private principalList?: PrincipalRef[]
  private keyList?: string[]
  private resolutionList?: Resolution[]
  private roleLists?: (readonly RoleRef[])[]

  constructor(design: Design) {
    this.design = design
    const nodes = design.nodes
    this.ids = new StringTable(nodes.length, (n) => (nodes[n] as DesignNode).id)
    const kindAt = (this.kindAt = new Uint8Array(nodes.length))
    for (let i = 0; i < nodes.length; i++) kindAt[i] = KIND_CODE[(nodes[i] as DesignNode).kind]
    this.attached = new Array<string[] | undefined>(nodes.length)
    this.attachedTo = new Array<string[] | undefined>(nodes.length)
    this.attachedToNo = new Array<number[] | undefined>(nodes.length)
    let count = 0
    let roleCount = 0
    const edges = design.edges
    for (let e = 0; e < edges.length; e++) {
      const edge = edges[e] as DesignEdge
      if (edge.kind === 'access') {
        count++
        roleCount += edge.roles.length
      } else {
        const source = this.number(edge.source)
        pushUnique(this.attached, source, edge.target)
        const target = this.number(edge.target)
        if (pushUnique(this.attachedTo, target, edge.source))
          (this.attachedToNo[target] ??= []).push(source)
      }
    }
    // Sized once and filled by the pass below: growing a list of 50,000 by push copies it over and
    // over (megabytes of garbage), and a pass of its own would read every edge again.
    const access = (this.accessEdges = new Array<AccessEdge>(count))
    const sourceAt = (this.sourceAt = new Int32Array(count))
    const targetAt = (this.targetAt = new Int32Array(count))
    const slotAt = (this.slotAt = new Uint8Array(count))
    const roleStart = (this.roleStart = new Int32Array(count + 1))
    const roleNo = (this.roleNo = new Int32Array(roleCount))
    const principalAt = (this.principalAt = new Int32Array(count))
    const reasonAt = (this.reasonAt = new Uint8Array(count))
    const own = (this.ownPrincipal = new Int32Array(nodes.length).fill(-1))
    const { attached, userPrincipal, roleTable } = this
    // The role text last numbered on an edge to each target, and its number: edges to one
    // service mostly carry the same role, and comparing with that text costs less than hashing
    // the edge's own copy (JSON.parse makes a string per edge) for a map lookup.
    const lastText = new Array<string | undefined>(nodes.length)
    const lastNo = new Int32Array(nodes.length)
    // The current edge's source number. Resolution callbacks return a principal number, or a
    // reason as -1 - code.
    let source = -1
    let lastSource: string | undefined
    const principal = (type: PrincipalRef['type'], node: string): number => {
      if (type === 'userAssigned') {
        let p = userPrincipal.get(node)
        if (p === undefined) userPrincipal.set(node, (p = this.addPrincipal(1, node)))
        return p
      }
      // A system-assigned identity or a developer is the edge's own source.
      let p = own[source] as number
      if (p < 0) own[source] = p = this.addPrincipal(type === 'developer' ? 2 : 0, node)
      return p
    }
    const unresolved = (reason: Unresolved): number => -1 - REASON_CODE[reason]
    let slot = 0
    for (let e = 0, at = 0; at < count; e++, at++) {
      let edge = edges[e] as DesignEdge
      while (edge.kind !== 'access') edge = edges[++e] as DesignEdge
      access[at] = edge
      // An app's edges mostly come one after another: the last source's number, without a lookup.
      if (edge.source !== lastSource) source = this.number((lastSource = edge.source))
      const target = this.number(edge.target)
      sourceAt[at] = source
      targetAt[at] = target
      slotAt[at] = scopeSlot(edge)
      const roles = edge.roles
      for (let r = 0; r < roles.length; r++) {
        const text = roles[r] as string
        if (target < nodes.length && lastText[target] === text)
          roleNo[slot++] = lastNo[target] as number
        else {
          const no = roleTable.number(text)
          roleNo[slot++] = no
          if (target < nodes.length) {
            lastText[target] = text
            lastNo[target] = no
          }
        }
      }
      roleStart[at + 1] = slot
      const p = resolveAccess(edge, nodes[source], attached[source] ?? NONE, principal, unresolved)
      principalAt[at] = p < 0 ? -1 : p
      if (p < 0) reasonAt[at] = -1 - p
    }
  }

  /** How many nodes the design has (numbers at or above it name endpoints that are no node). */
  get nodeCount(): number {
    return this.design.nodes.length
  }

  /** How many node and endpoint numbers there are. */
  get endpointCount(): number {
    return this.ids.size
  }

  /** The id of a node or endpoint by number (see endpointCount). */
  idAt(n: number): string {
    return this.ids.key(n)
  }

  /** A node's number (its position in `design.nodes`), or undefined. */
  numberOf(id: string): number | undefined {
    const n = this.known(id)
    return n !== undefined && n < this.nodeCount ? n : undefined
  }

  node(id: string): DesignNode | undefined {
    const n = this.known(id)
    return n === undefined ? undefined : this.design.nodes[n]
  }

  app(id: string): AppNode | undefined {
    const node = this.node(id)
    return node?.kind === 'app' ? node : undefined
  }

  /** User-assigned identities attached to an app, in attach-edge order, each once. */
  attachedIdentities(appId: string): readonly string[] {
    const n = this.known(appId)
    return (n === undefined ? undefined : this.attached[n]) ?? NONE
  }

  /** Apps an identity is attached to, in attach-edge order, each once. */
  appsOf(identityId: string): readonly string[] {
    const n = this.known(identityId)
    return n === undefined ? NONE : this.appsAt(n)
  }

  /** appsOf the node with this number (no id lookup: rules walking nodes have the number). */
  appsAt(n: number): readonly string[] {
    return this.attachedTo[n] ?? NONE
  }

  /** appsAt as endpoint numbers (see nodeCount), position for position. */
  appNumbersAt(n: number): readonly number[] {
    return this.attachedToNo[n] ?? NO_NUMBERS
  }

  /** How many identities an app has: its system-assigned one (when on) and each attached one. */
  identityCount(app: AppNode): number {
    return (app.systemAssigned ? 1 : 0) + this.attachedIdentities(app.id).length
  }

  /** identityCount of the app with this node number (0 for any other node). */
  identityCountOf(n: number): number {
    if (this.kindAt[n] !== KIND_CODE.app) return 0
    const app = this.design.nodes[n] as AppNode
    return (app.systemAssigned ? 1 : 0) + (this.attached[n]?.length ?? 0)
  }

  /** The access edge's source when it is an app, by edge position. */
  appAt(at: number): AppNode | undefined {
    const n = this.sourceAt[at] as number
    return this.kindAt[n] === KIND_CODE.app ? (this.design.nodes[n] as AppNode) : undefined
  }

  /** The access edge's target when it is a service, by edge position. */
  serviceAt(at: number): ServiceNode | undefined {
    const n = this.targetAt[at] as number
    return this.kindAt[n] === KIND_CODE.service ? (this.design.nodes[n] as ServiceNode) : undefined
  }

  isFromDeveloper(at: number): boolean {
    return this.kindAt[this.sourceAt[at] as number] === KIND_CODE.developer
  }

  scopeAt(at: number): Scope {
    return SCOPES[this.slotAt[at] as number] as Scope
  }

  /** Why the edge resolves to no principal, or undefined when it resolves. */
  unresolvedAt(at: number): Unresolved | undefined {
    const code = this.reasonAt[at] as number
    return code === 0 ? undefined : (REASONS[code] as Unresolved)
  }

  /** The edge's roles as RoleRefs (one shared list for an edge with a single role). */
  roles(at: number): readonly RoleRef[] {
    const start = this.roleStart[at] as number
    const end = this.roleStart[at + 1] as number
    const { refs, only } = this.roleTable
    if (end - start === 1) return only[this.roleNo[start] as number] as readonly RoleRef[]
    const out: RoleRef[] = []
    for (let i = start; i < end; i++) out.push(refs[this.roleNo[i] as number] as RoleRef)
    return out
  }

  /** Does some role of the edge have its byte set in `flags` (see RoleTable.where)? */
  anyRole(at: number, flags: Uint8Array): boolean {
    for (let i = this.roleStart[at] as number; i < (this.roleStart[at + 1] as number); i++)
      if (flags[this.roleNo[i] as number]) return true
    return false
  }

  /** Each access edge's roles (made on first use; `roles(at)` makes only one). */
  get rolesAt(): readonly (readonly RoleRef[])[] {
    this.roleLists ??= this.accessEdges.map((_, at) => this.roles(at))
    return this.roleLists
  }

  /** Each access edge's resolution (made on first use): one shared object per principal or reason. */
  get resolutionAt(): readonly Resolution[] {
    if (!this.resolutionList) {
      const byPrincipal = this.principals.map((principal): Resolution => ({
        resolved: true,
        principal,
      }))
      this.resolutionList = Array.from(this.principalAt, (p, at) =>
        p < 0
          ? (UNRESOLVED[this.reasonAt[at] as number] as Resolution)
          : (byPrincipal[p] as Resolution),
      )
    }
    return this.resolutionList
  }

  get principalCount(): number {
    return this.principalTypeAt.length
  }

  principalType(p: number): PrincipalRef['type'] {
    return TYPES[this.principalTypeAt[p] as number] as PrincipalRef['type']
  }

  /** The node of a principal: the app (system-assigned), the identity or the developer. */
  principalNode(p: number): string {
    return this.principalNodeAt[p] as string
  }

  /** Every principal some edge resolves to, by number (made on first use). */
  get principals(): readonly PrincipalRef[] {
    this.principalList ??= this.principalNodeAt.map(
      (node, p) => ({ type: this.principalType(p), node }) as PrincipalRef,
    )
    return this.principalList
  }

  /** `principalKey` of each principal, by number (made on first use). */
  get principalKeys(): readonly string[] {
    this.keyList ??= this.principals.map(principalKey)
    return this.keyList
  }

  /** The number of a principal some access edge resolves to, or undefined. */
  principalNumber(type: PrincipalRef['type'], node: string): number | undefined {
    if (type === 'userAssigned') return this.userPrincipal.get(node)
    const n = this.known(node)
    const p = n === undefined || n >= this.nodeCount ? -1 : (this.ownPrincipal[n] as number)
    return p < 0 || this.principalType(p) !== type ? undefined : p
  }

  private addPrincipal(type: number, node: string): number {
    this.principalTypeAt.push(type)
    this.principalNodeAt.push(node)
    return this.principalTypeAt.length - 1
  }

  /** A node's number; an id naming no node gets a number after the nodes. */
  private number(id: string): number {
    // Of equal node ids (an invalid design), the last answers, as a Map keeps it.
    return this.ids.latest(this.ids.add(id))
  }

  /** The number of a node or endpoint numbered already, or undefined. */
  private known(id: string): number | undefined {
    const n = this.ids.numberOf(id)
    return n < 0 ? undefined : this.ids.latest(n)
  }
}

/** Adds `value` to list `n` unless it is there: whether it was added. */
function pushUnique(lists: (string[] | undefined)[], n: number, value: string): boolean {
  const list = lists[n]
  if (!list) lists[n] = [value]
  else if (!list.includes(value)) list.push(value)
  else return false
  return true
}
