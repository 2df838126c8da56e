import type { RoleRef } from '../catalog/roles.ts'
import { SCOPES, type Scope } from '../model/kinds.ts'
import {
  principalKey,
  resolveAccess,
  scopeSlot,
  type PrincipalRef,
  type Resolution,
  type Unresolved,
} from '../model/queries.ts'
import type { AccessEdge, AppNode, Design, DesignNode, ServiceNode } from '../model/types.ts'
import { RoleTable } from './role-table.ts'

const UNRESOLVED: Readonly<Record<Unresolved, Resolution>> = {
  noIdentity: { resolved: false, reason: 'noIdentity' },
  ambiguous: { resolved: false, reason: 'ambiguous' },
  notOnApp: { resolved: false, reason: 'notOnApp' },
}
const NONE: readonly string[] = []

/**
 * A design numbered in one linear pass, the only place these facts are derived:
 * - nodes by number (their position in `design.nodes`; an endpoint naming no node gets a
 *   number after them), attached identities per app and apps per identity;
 * - per access edge, by its position in `accessEdges`: source and target numbers, scope slot
 *   (`scopeSlot`), role numbers (`roleTable`: each distinct role text once) and resolution;
 * - principals numbered in order of first use, and each edge's principal (-1 unresolved).
 * DesignIndex adds what is derived from these on first use.
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
  /** Each edge's roles as RoleRefs (shared lists for single-role edges). */
  readonly rolesAt: readonly (readonly RoleRef[])[]
  /** Each edge's resolution: one shared object per principal or reason. */
  readonly resolutionAt: readonly Resolution[]
  readonly principalAt: Int32Array
  readonly principals: readonly PrincipalRef[] = []
  private readonly numbers = new Map<string, number>()
  private readonly extraIds: string[] = []
  private readonly attached: (string[] | undefined)[]
  private readonly attachedTo: (string[] | undefined)[]
  /** Principal number of an app's system-assigned identity or a developer, by node number. */
  private readonly ownPrincipal: Int32Array
  private readonly userPrincipal = new Map<string, number>()
  /** The shared resolution of each principal, by number. */
  private readonly resolved: Resolution[] = []
  private keyList?: string[]

  constructor(design: Design) {
    this.design = design
    const nodes = design.nodes
    nodes.forEach((n, i) => this.numbers.set(n.id, i))
    this.attached = new Array<string[] | undefined>(nodes.length)
    this.attachedTo = new Array<string[] | undefined>(nodes.length)
    const access: AccessEdge[] = []
    for (const edge of design.edges) {
      if (edge.kind === 'access') access.push(edge)
      else {
        pushUnique(this.attached, this.number(edge.source), edge.target)
        pushUnique(this.attachedTo, this.number(edge.target), edge.source)
      }
    }
    this.accessEdges = access
    const count = access.length
    const sourceAt = (this.sourceAt = new Int32Array(count))
    const targetAt = (this.targetAt = new Int32Array(count))
    const slotAt = (this.slotAt = new Uint8Array(count))
    const roleStart = (this.roleStart = new Int32Array(count + 1))
    const principalAt = (this.principalAt = new Int32Array(count))
    const own = (this.ownPrincipal = new Int32Array(nodes.length).fill(-1))
    const roleNo: number[] = []
    const rolesAt: (readonly RoleRef[])[] = []
    const resolutionAt: Resolution[] = []
    const { attached, resolved, userPrincipal } = this
    const table = this.roleTable
    // The current edge's source number, and the number of the principal it resolves to.
    let source = -1
    let current = -1
    const principal = (type: PrincipalRef['type'], node: string): Resolution => {
      if (type === 'userAssigned') {
        current = userPrincipal.get(node) ?? -1
        if (current < 0) userPrincipal.set(node, (current = this.addPrincipal({ type, node })))
      } else {
        // A system-assigned identity or a developer is the edge's own source.
        current = own[source] as number
        if (current < 0) own[source] = current = this.addPrincipal({ type, node })
      }
      return resolved[current] as Resolution
    }
    const unresolved = (reason: Unresolved): Resolution => UNRESOLVED[reason]
    for (let at = 0; at < count; at++) {
      const edge = access[at] as AccessEdge
      source = this.number(edge.source)
      sourceAt[at] = source
      targetAt[at] = this.number(edge.target)
      slotAt[at] = scopeSlot(edge)
      const roles = edge.roles
      if (roles.length === 1) {
        const n = table.number(roles[0] as string)
        roleNo.push(n)
        rolesAt.push(table.only[n] as readonly RoleRef[])
      } else {
        const refs: RoleRef[] = []
        for (const text of roles) {
          const n = table.number(text)
          roleNo.push(n)
          refs.push(table.refs[n] as RoleRef)
        }
        rolesAt.push(refs)
      }
      roleStart[at + 1] = roleNo.length
      current = -1
      resolutionAt.push(
        resolveAccess(edge, nodes[source], attached[source] ?? NONE, principal, unresolved),
      )
      principalAt[at] = current
    }
    this.roleNo = Int32Array.from(roleNo)
    this.rolesAt = rolesAt
    this.resolutionAt = resolutionAt
  }

  /** How many nodes the design has (numbers at or above it name endpoints that are no node). */
  get nodeCount(): number {
    return this.design.nodes.length
  }

  /** How many node and endpoint numbers there are. */
  get endpointCount(): number {
    return this.design.nodes.length + this.extraIds.length
  }

  /** A node's number (its position in `design.nodes`), or undefined. */
  numberOf(id: string): number | undefined {
    const n = this.numbers.get(id)
    return n !== undefined && n < this.nodeCount ? n : undefined
  }

  node(id: string): DesignNode | undefined {
    const n = this.numbers.get(id)
    return n === undefined ? undefined : this.design.nodes[n]
  }

  app(id: string): AppNode | undefined {
    const node = this.node(id)
    return node?.kind === 'app' ? node : undefined
  }

  /** User-assigned identities attached to an app, in attach-edge order, each once. */
  attachedIdentities(appId: string): readonly string[] {
    const n = this.numbers.get(appId)
    return (n === undefined ? undefined : this.attached[n]) ?? NONE
  }

  /** Apps an identity is attached to, in attach-edge order, each once. */
  appsOf(identityId: string): readonly string[] {
    const n = this.numbers.get(identityId)
    return (n === undefined ? undefined : this.attachedTo[n]) ?? NONE
  }

  /** How many identities an app has: its system-assigned one (when on) and each attached one. */
  identityCount(app: AppNode): number {
    return (app.systemAssigned ? 1 : 0) + this.attachedIdentities(app.id).length
  }

  /** The access edge's source when it is an app, by edge position. */
  appAt(at: number): AppNode | undefined {
    const node = this.design.nodes[this.sourceAt[at] as number]
    return node?.kind === 'app' ? node : undefined
  }

  /** The access edge's target when it is a service, by edge position. */
  serviceAt(at: number): ServiceNode | undefined {
    const node = this.design.nodes[this.targetAt[at] as number]
    return node?.kind === 'service' ? node : undefined
  }

  isFromDeveloper(at: number): boolean {
    return this.design.nodes[this.sourceAt[at] as number]?.kind === 'developer'
  }

  scopeAt(at: number): Scope {
    return SCOPES[this.slotAt[at] as number] as Scope
  }

  /** Does some role of the edge have its byte set in `flags` (see RoleTable.where)? */
  anyRole(at: number, flags: Uint8Array): boolean {
    for (let i = this.roleStart[at] as number; i < (this.roleStart[at + 1] as number); i++)
      if (flags[this.roleNo[i] as number]) return true
    return false
  }

  /** `principalKey` of each principal, by number (made on first use). */
  get principalKeys(): readonly string[] {
    this.keyList ??= this.principals.map(principalKey)
    return this.keyList
  }

  /** The number of a principal some access edge resolves to, or undefined. */
  principalNumber(type: PrincipalRef['type'], node: string): number | undefined {
    if (type === 'userAssigned') return this.userPrincipal.get(node)
    const n = this.numbers.get(node)
    const p = n === undefined || n >= this.nodeCount ? -1 : (this.ownPrincipal[n] as number)
    return p < 0 ? undefined : p
  }

  private addPrincipal(ref: PrincipalRef): number {
    const p = this.principals.length
    ;(this.principals as PrincipalRef[]).push(ref)
    this.resolved.push({ resolved: true, principal: ref })
    return p
  }

  /** A node's number; an id naming no node gets a number after the nodes. */
  private number(id: string): number {
    let n = this.numbers.get(id)
    if (n === undefined) {
      n = this.design.nodes.length + this.extraIds.length
      this.extraIds.push(id)
      this.numbers.set(id, n)
    }
    return n
  }
}

function pushUnique(lists: (string[] | undefined)[], n: number, value: string): void {
  const list = lists[n]
  if (!list) lists[n] = [value]
  else if (!list.includes(value)) list.push(value)
}
