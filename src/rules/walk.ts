import type { DesignIndex } from '../analysis/design-index.ts'
import type { AccessEdge, DesignNode } from '../model/types.ts'
import type { Listeners } from './rule.ts'

type Event = keyof Listeners
const EVENTS: readonly Event[] = [
  'app',
  'identity',
  'service',
  'developer',
  'accessEdge',
  'principal',
  'design',
]

/** The listeners of one event, with the number of the rule each belongs to. */
interface Subscribers {
  readonly fns: ((a?: never, b?: number) => void)[]
  readonly rules: number[]
}

/**
 * Walks an index once and calls each rule's listeners (rule.ts Listeners): nodes in file order
 * by kind, access edges in file order, principals by number, then `design`. Events nobody
 * listens to cost nothing. A listener that throws silences its rule for the rest of the walk
 * and is reported once through `fail`. Listeners are called as plain functions (no `this`).
 */
export function walk(
  index: DesignIndex,
  listeners: readonly Listeners[],
  fail: (rule: number, error: unknown) => void,
): void {
  const on = subscribe(listeners)
  const dead = new Uint8Array(listeners.length)
  const call = (subs: Subscribers, a: unknown, b: number): void => {
    for (let i = 0; i < subs.fns.length; i++) {
      const rule = subs.rules[i] as number
      if (dead[rule]) continue
      try {
        ;(subs.fns[i] as (a: unknown, b: number) => void)(a, b)
      } catch (e) {
        dead[rule] = 1
        fail(rule, e)
      }
    }
  }
  const nodes = index.design.nodes
  if (on.app.fns.length + on.identity.fns.length + on.service.fns.length + on.developer.fns.length)
    for (let n = 0; n < nodes.length; n++) {
      const node = nodes[n] as DesignNode
      const subs = on[node.kind]
      if (subs.fns.length > 0) call(subs, node, n)
    }
  if (on.accessEdge.fns.length > 0) {
    const edges = index.accessEdges
    for (let at = 0; at < edges.length; at++) call(on.accessEdge, edges[at] as AccessEdge, at)
  }
  if (on.principal.fns.length > 0)
    for (let p = 0; p < index.principalCount; p++) call(on.principal, p, p)
  call(on.design, undefined, 0)
}

function subscribe(listeners: readonly Listeners[]): Record<Event, Subscribers> {
  const on = Object.fromEntries(
    EVENTS.map((e): [Event, Subscribers] => [e, { fns: [], rules: [] }]),
  ) as Record<Event, Subscribers>
  listeners.forEach((l, rule) => {
    for (const event of EVENTS) {
      const fn = l[event]
      if (!fn) continue
      on[event].fns.push(fn as Subscribers['fns'][number])
      on[event].rules.push(rule)
    }
  })
  return on
}
