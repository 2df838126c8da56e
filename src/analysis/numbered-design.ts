import type { RoleRef } from '../catalog/roles.ts'
import { SCOPES, type NodeKind, type Scope } from '../model/kinds.ts'
import {
  principalKey,
  resolveAccess,
  type AttachedIds,
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

/**
 * A design numbered in one linear pass, the only place these facts are derived, stored flat
 * (typed arrays indexed by number, few objects for the collector to copy):
 * - nodes by number (their position in `design.nodes`; an endpoint naming no node gets a
 *   number after them), attached identities per app and apps per identity (AttachLists);
 * - per access edge, by its position among them (`accessEdge(at)`): where it is in
 *   `design.edges` (`edgeAt`), source and target numbers, scope slot
 *   (`scopeSlot`), role numbers (`roleTable`: each distinct role text once), principal number
 *   (-1 unresolved) and `reasonAt`;
 * - principals numbered in order of first use: type and node by number.
 * Object views (`resolutionAt`, `rolesAt`, `principals`) are made on first use.
 * DesignIndex adds what is derived from all this on first use.
 */
export class NumberedDesign {
  readonly design: Design
  /** Per access edge, its position in `design.edges`. */
  readonly edgeAt: Int32Array
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
  /**
   * Per principal: its type (index into systemAssigned, userAssigned, developer) and its node's
   * number. Sized for one principal per access edge (the most there can be), used up to
   * `principalCount`.
   */
  private readonly principalTypeAt: Uint8Array
  private readonly principalNodeAt: Int32Array
  private principalTotal = 0
  /** Node ids by number, then the endpoint ids that name no node (StringTable: see there). */
  private readonly ids: StringTable
  /** Identities attached to each app, and apps each identity is attached to, by number. */
  private readonly attached: AttachLists
  private readonly attachedTo: AttachLists
  /**
   * Principal number of an app's system-assigned identity or a developer, and of a user-assigned
   * identity, by node number (-1: none).
   */
  private readonly ownPrincipal: Int32Array
  private readonly userPrincipal: Int32Array
  private accessList?: AccessEdge[]
  private principalList?: PrincipalRef[]
  private keyList?: string[]
  private resolutionList?: Resolution[]
  private roleLists?: (readonly RoleRef[])[]

  constructor(design: Design) {
    this.design = design
    const nodes = design.nodes
    const edges = design.edges
    this.ids = new StringTable(nodes.length, (n) => (nodes[n] as DesignNode).id)
    const kindAt = (this.kindAt = new Uint8Array(nodes.length))
    // Services numbered among themselves (-1: another kind), for the role cache below.
    const serviceNo = new Int32Array(nodes.length)
    let services = 0
    for (let i = 0; i < nodes.length; i++) {
      const kind = (kindAt[i] = KIND_CODE[(nodes[i] as DesignNode).kind])
      serviceNo[i] = kind === KIND_CODE.service ? services++ : -1
    }
    // Attach edges as (source, target) number pairs, then grouped both ways. Typed arrays sized
    // for every edge: the pages past the pairs written are never touched.
    const pairSource = new Int32Array(edges.length)
    const pairTarget = new Int32Array(edges.length)
    let pairs = 0
    let count = 0
    let roleCount = 0
    for (let e = 0; e < edges.length; e++) {
      const edge = edges[e] as DesignEdge
      if (edge.kind === 'access') {
        count++
        roleCount += edge.roles.length
      } else {
        pairSource[pairs] = this.number(edge.source)
        pairTarget[pairs++] = this.number(edge.target)
      }
    }
    const endpoints = this.ids.size
    this.attached = new AttachLists(endpoints, pairs, pairSource, pairTarget)
    this.attachedTo = new AttachLists(endpoints, pairs, pairTarget, pairSource)
    // Sized once and filled by the pass below: growing a list of 50,000 by push copies it over and
    // over (megabytes of garbage), and a pass of its own would read every edge again. Edges by
    // position in a typed array, not a list of them: a list that long is a large object, slow to
    // allocate (about 1.5 ms for 56,000 on our 2-core host).
    const edgeAt = (this.edgeAt = new Int32Array(count))
    const sourceAt = (this.sourceAt = new Int32Array(count))
    const targetAt = (this.targetAt = new Int32Array(count))
    const slotAt = (this.slotAt = new Uint8Array(count))
    const roleStart = (this.roleStart = new Int32Array(count + 1))
    const roleNo = (this.roleNo = new Int32Array(roleCount))
    const principalAt = (this.principalAt = new Int32Array(count))
    const reasonAt = (this.reasonAt = new Uint8Array(count))
    this.principalTypeAt = new Uint8Array(count)
    this.principalNodeAt = new Int32Array(count)
    const own = (this.ownPrincipal = new Int32Array(nodes.length).fill(-1))
    const user = (this.userPrincipal = new Int32Array(endpoints).fill(-1))
    const { roleTable } = this
    const attached = new AttachedView(this.attached, this.ids)
    // The role text last numbered on an edge to each service, and its number: edges to one
    // service mostly carry the same role, and comparing with that text costs less than hashing
    // the edge's own copy (JSON.parse makes a string per edge) for a map lookup. By service
    // number, not node number: a shorter list (a list of every node would be a large object).
    const lastText = new Array<string | undefined>(services)
    const lastNo = new Int32Array(services)
    // The current edge's source number. Resolution callbacks return a principal number, or a
    // reason as -1 - code.
    let source = -1
    let lastSource: string | undefined
    const principal = (type: PrincipalRef['type'], node: string): number => {
      if (type === 'userAssigned') {
        // Attached to the edge's app (resolveAccess), so numbered by an attach edge.
        const n = this.known(node) as number
        let p = user[n] as number
        if (p < 0) user[n] = p = this.addPrincipal(1, n)
        return p
      }
      // A system-assigned identity or a developer is the edge's own source.
      let p = own[source] as number
      if (p < 0) own[source] = p = this.addPrincipal(type === 'developer' ? 2 : 0, source)
      return p
    }
    const unresolved = (reason: Unresolved): number => -1 - REASON_CODE[reason]
    let slot = 0
    for (let e = 0, at = 0; at < count; e++, at++) {
      let edge = edges[e] as DesignEdge
      while (edge.kind !== 'access') edge = edges[++e] as DesignEdge
      edgeAt[at] = e
      // An app's edges mostly come one after another: the last source's number, without a lookup.
      if (edge.source !== lastSource) source = this.number((lastSource = edge.source))
      const target = this.number(edge.target)
      sourceAt[at] = source
      targetAt[at] = target
      slotAt[at] = scopeSlot(edge)
      const roles = edge.roles
      const cached = target < nodes.length ? (serviceNo[target] as number) : -1
      for (let r = 0; r < roles.length; r++) {
        const text = roles[r] as string
        if (cached >= 0 && lastText[cached] === text) roleNo[slot++] = lastNo[cached] as number
        else {
          const no = roleTable.number(text)
          roleNo[slot++] = no
          if (cached >= 0) {
            lastText[cached] = text
            lastNo[cached] = no
          }
        }
      }
      roleStart[at + 1] = slot
      const p = resolveAccess(edge, nodes[source], attached.of(source), principal, unresolved)
      principalAt[at] = p < 0 ? -1 : p
      if (p < 0) reasonAt[at] = -1 - p
    }
  }

  /** The access edge at this position (0 up to accessEdgeCount). */
  accessEdge(at: number): AccessEdge {
    return this.design.edges[this.edgeAt[at] as number] as AccessEdge
  }

  get accessEdgeCount(): number {
    return this.edgeAt.length
  }

  /** Every access edge in file order, by position (a list made on first use: see edgeAt). */
  get accessEdges(): readonly AccessEdge[] {
    this.accessList ??= Array.from(this.edgeAt, (e) => this.design.edges[e] as AccessEdge)
    return this.accessList
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
    return n === undefined ? NONE : this.idsOf(this.attached, n)
  }

  /** attachedIdentities of the node with this number (no id lookup). */
  attachedIdentitiesAt(n: number): readonly string[] {
    return this.idsOf(this.attached, n)
  }

  /** Apps an identity is attached to, in attach-edge order, each once. */
  appsOf(identityId: string): readonly string[] {
    const n = this.known(identityId)
    return n === undefined ? NONE : this.appsAt(n)
  }

  /** appsOf the node with this number (no id lookup: rules walking nodes have the number). */
  appsAt(n: number): readonly string[] {
    return this.idsOf(this.attachedTo, n)
  }

  /** How many apps the node with this number is attached to (appsAt, with no list made). */
  appCountAt(n: number): number {
    return this.attachedTo.count(n)
  }

  /** appsAt as endpoint numbers (see nodeCount), position for position. */
  appNumbersAt(n: number): Int32Array {
    return this.attachedTo.numbers(n)
  }

  /** How many identities are attached to the node with this number (each once). */
  attachedCountAt(n: number): number {
    return this.attached.count(n)
  }

  /** The `k`th identity attached to the node numbered `n` (attachedIdentitiesAt(n)[k], no list). */
  attachedIdentityAt(n: number, k: number): string {
    return this.ids.key(this.attached.items[this.attached.from(n) + k] as number)
  }

  /** How many identities an app has: its system-assigned one (when on) and each attached one. */
  identityCount(app: AppNode): number {
    const n = this.known(app.id)
    return (app.systemAssigned ? 1 : 0) + (n === undefined ? 0 : this.attached.count(n))
  }

  /** identityCount of the app with this node number (0 for any other node). */
  identityCountOf(n: number): number {
    if (this.kindAt[n] !== KIND_CODE.app) return 0
    const app = this.design.nodes[n] as AppNode
    return (app.systemAssigned ? 1 : 0) + this.attached.count(n)
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
    this.roleLists ??= Array.from(this.edgeAt, (_, at) => this.roles(at))
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
    return this.principalTotal
  }

  principalType(p: number): PrincipalRef['type'] {
    return TYPES[this.principalTypeAt[p] as number] as PrincipalRef['type']
  }

  /** The node of a principal: the app (system-assigned), the identity or the developer. */
  principalNode(p: number): string {
    return this.ids.key(this.principalNodeAt[p] as number)
  }

  /** Every principal some edge resolves to, by number (made on first use). */
  get principals(): readonly PrincipalRef[] {
    if (!this.principalList) {
      const list = new Array<PrincipalRef>(this.principalTotal)
      for (let p = 0; p < list.length; p++)
        list[p] = { type: this.principalType(p), node: this.principalNode(p) } as PrincipalRef
      this.principalList = list
    }
    return this.principalList
  }

  /** `principalKey` of each principal, by number (made on first use). */
  get principalKeys(): readonly string[] {
    this.keyList ??= this.principals.map(principalKey)
    return this.keyList
  }

  /** The number of a principal some access edge resolves to, or undefined. */
  principalNumber(type: PrincipalRef['type'], node: string): number | undefined {
    const n = this.known(node)
    if (n === undefined) return undefined
    const owned = type === 'userAssigned' ? this.userPrincipal : this.ownPrincipal
    const p = n < owned.length ? (owned[n] as number) : -1
    return p < 0 || this.principalType(p) !== type ? undefined : p
  }

  private addPrincipal(type: number, node: number): number {
    const p = this.principalTotal++
    this.principalTypeAt[p] = type
    this.principalNodeAt[p] = node
    return p
  }

  /** The ids of list `n` (a new list, or the shared empty one). */
  private idsOf(lists: AttachLists, n: number): readonly string[] {
    const count = lists.count(n)
    if (count === 0) return NONE
    const out = new Array<string>(count)
    const from = lists.from(n)
    for (let i = 0; i < count; i++) out[i] = this.ids.key(lists.items[from + i] as number)
    return out
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

/**
 * One side of the attach edges grouped by endpoint number: list `n` holds, in attach-edge order
 * and each once, the other ends of the edges from `n` (made from parallel `from` and `to`
 * numbers). Flat, in typed arrays: `items[start[n]]` up to `items[end[n]]`. A list per app made
 * tens of thousands of small arrays for the collector to copy.
 */
class AttachLists {
  readonly start: Int32Array
  readonly end: Int32Array
  readonly items: Int32Array

  constructor(endpoints: number, pairs: number, from: Int32Array, to: Int32Array) {
    const start = (this.start = new Int32Array(endpoints + 1))
    for (let k = 0; k < pairs; k++) {
      const at = (from[k] as number) + 1
      start[at] = (start[at] as number) + 1
    }
    for (let n = 0; n < endpoints; n++)
      start[n + 1] = (start[n + 1] as number) + (start[n] as number)
    const end = (this.end = start.slice(0, endpoints))
    const items = (this.items = new Int32Array(pairs))
    next: for (let k = 0; k < pairs; k++) {
      const n = from[k] as number
      const other = to[k] as number
      for (let i = start[n] as number; i < (end[n] as number); i++)
        if (items[i] === other) continue next
      items[end[n] as number] = other
      end[n] = (end[n] as number) + 1
    }
  }

  /** How many numbers list `n` holds (0 for a number past the endpoints it was made with). */
  count(n: number): number {
    return n < this.end.length ? (this.end[n] as number) - (this.start[n] as number) : 0
  }

  /** List `n`, a view of the shared storage (a new object: for the hot paths, read `items`). */
  numbers(n: number): Int32Array {
    return n < this.end.length ? this.items.subarray(this.start[n], this.end[n]) : NO_NUMBERS
  }

  /** Where list `n` starts in `items` (its end is `start + count(n)`). */
  from(n: number): number {
    return n < this.end.length ? (this.start[n] as number) : 0
  }
}

const NO_NUMBERS = new Int32Array(0)

/**
 * The identities attached to one app as resolveAccess reads them, over AttachLists: one object
 * moved from app to app (`of`), so resolving an edge makes no list.
 */
class AttachedView implements AttachedIds {
  private readonly lists: AttachLists
  private readonly ids: StringTable
  private n = 0

  constructor(lists: AttachLists, ids: StringTable) {
    this.lists = lists
    this.ids = ids
  }

  of(n: number): this {
    this.n = n
    return this
  }

  get length(): number {
    return this.lists.count(this.n)
  }

  includes(id: string): boolean {
    const { lists, n } = this
    const from = lists.from(n)
    const to = from + lists.count(n)
    for (let i = from; i < to; i++) if (this.ids.key(lists.items[i] as number) === id) return true
    return false
  }

  at(index: number): string | undefined {
    const { lists, n } = this
    if (index < 0 || index >= lists.count(n)) return undefined
    return this.ids.key(lists.items[lists.from(n) + index] as number)
  }
}
