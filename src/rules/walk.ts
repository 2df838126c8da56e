import type { DesignIndex } from '../analysis/design-index.ts'
import { KIND_CODE, REASONS } from '../analysis/numbered-design.ts'
import { SCOPES, type NodeKind } from '../model/kinds.ts'
import type { DesignNode } from '../model/types.ts'
import type { EdgeSelector, Listeners } from './rule.ts'

type Event = keyof Listeners & (typeof EVENTS)[number]
const EVENTS = [
  'app',
  'identity',
  'service',
  'developer',
  'accessEdge',
  'principal',
  'design',
] as const

/** The listeners of one event, with the number of the rule each belongs to. */
interface Subscribers {
  readonly fns: ((a?: never, b?: number) => void)[]
  readonly rules: number[]
  /** For `accessEdge`: each listener's selector (undefined: every edge). */
  readonly selectors: (EdgeSelector | undefined)[]
}

/**
 * Walks an index once and calls each rule's listeners (rule.ts Listeners): nodes in file order
 * by kind, access edges in file order, principals by number, then `design`. Events nobody
 * listens to cost nothing, and an access edge is handed only to the listeners whose selector
 * holds for it (EdgeSelector). A listener that throws silences its rule for the rest of the
 * walk and is reported once through `fail`. Listeners are called as plain functions (no `this`),
 * in rule order.
 */
export function walk(
  index: DesignIndex,
  listeners: readonly Listeners[],
  fail: (rule: number, error: unknown) => void,
): void {
  const on = subscribe(listeners)
  const dead = new Uint8Array(listeners.length)
  const invoke = (subs: Subscribers, i: number, a: unknown, b: number): void => {
    const rule = subs.rules[i] as number
    if (dead[rule]) return
    try {
      ;(subs.fns[i] as (a: unknown, b: number) => void)(a, b)
    } catch (e) {
      dead[rule] = 1
      fail(rule, e)
    }
  }
  const call = (subs: Subscribers, a: unknown, b: number): void => {
    for (let i = 0; i < subs.fns.length; i++) invoke(subs, i, a, b)
  }
  const nodes = index.design.nodes
  // By kind code (the index's kindAt): a node of a kind nobody listens to is not even read.
  const byKind: (Subscribers | undefined)[] = []
  for (const kind of Object.keys(KIND_CODE) as NodeKind[])
    if (on[kind].fns.length > 0) byKind[KIND_CODE[kind]] = on[kind]
  if (byKind.length > 0)
    for (let n = 0; n < nodes.length; n++) {
      const subs = byKind[index.kindAt[n] as number]
      if (subs) call(subs, nodes[n] as DesignNode, n)
    }
  const edgeSubs = on.accessEdge
  if (edgeSubs.fns.length > 0) {
    const count = index.accessEdgeCount
    const heard = hearing(index, edgeSubs.selectors)
    if (!heard) for (let at = 0; at < count; at++) call(edgeSubs, index.accessEdge(at), at)
    else {
      const { roleStart, roleNo, reasonAt, slotAt } = index
      for (let at = 0; at < count; at++) {
        let mask =
          heard.always |
          (heard.reason[reasonAt[at] as number] as number) |
          (heard.slot[slotAt[at] as number] as number)
        for (let i = roleStart[at] as number; i < (roleStart[at + 1] as number); i++)
          mask |= heard.role[roleNo[i] as number] as number
        // Lowest bit first: listeners in rule order.
        for (; mask !== 0; mask &= mask - 1)
          invoke(edgeSubs, 31 - Math.clz32(mask & -mask), index.accessEdge(at), at)
      }
    }
  }
  if (on.principal.fns.length > 0)
    for (let p = 0; p < index.principalCount; p++) call(on.principal, p, p)
  call(on.design, undefined, 0)
}

/** Bits of the access-edge listeners (bit i: listener i) that hear an edge, always or by fact. */
interface Hearing {
  readonly always: number
  readonly reason: Int32Array
  readonly slot: Int32Array
  readonly role: Int32Array
}

/**
 * Which access-edge listeners hear an edge: those without a selector always, the others by the
 * edge's reason (by REASONS code), scope slot and roles (by role number). Undefined past 31
 * listeners: then every listener hears every edge.
 */
function hearing(
  index: DesignIndex,
  selectors: readonly (EdgeSelector | undefined)[],
): Hearing | undefined {
  if (selectors.length > 31) return undefined
  const refs = index.roleTable.refs
  let always = 0
  const reason = new Int32Array(REASONS.length)
  const slot = new Int32Array(SCOPES.length)
  const role = new Int32Array(refs.length)
  selectors.forEach((selector, i) => {
    const bit = 1 << i
    if (!selector) {
      always |= bit
      return
    }
    for (const r of selector.unresolved ?? []) add(reason, REASONS.indexOf(r), bit)
    if (selector.aboveResource) for (let s = 1; s < SCOPES.length; s++) add(slot, s, bit)
    const holds = selector.role
    if (holds)
      refs.forEach((ref, n) => {
        if (holds(ref)) add(role, n, bit)
      })
  })
  return { always, reason, slot, role }
}

function add(bits: Int32Array, at: number, bit: number): void {
  bits[at] = (bits[at] as number) | bit
}

function subscribe(listeners: readonly Listeners[]): Record<Event, Subscribers> {
  const on = Object.fromEntries(
    EVENTS.map((e): [Event, Subscribers] => [e, { fns: [], rules: [], selectors: [] }]),
  ) as Record<Event, Subscribers>
  listeners.forEach((l, rule) => {
    for (const event of EVENTS) {
      const fn = l[event]
      if (!fn) continue
      on[event].fns.push(fn as Subscribers['fns'][number])
      on[event].rules.push(rule)
      if (event === 'accessEdge') on[event].selectors.push(l.accessEdgeWhere)
    }
  })
  return on
}
