import type { DesignIndex } from '../../analysis/design-index.ts'
import type { Edit } from '../../model/edits.ts'
import { createRule, type RuleContext } from '../rule.ts'
import { messageQuote } from '../../lib/encode/message.ts'

/** Below this many edges from one source, comparing every pair is cheaper than keyed maps. */
const PAIRWISE = 8

export const duplicateAccess = createRule({
  meta: {
    id: 'duplicate-access',
    severity: 'warning',
    subject: 'access edge',
    scope: 'component',
    description:
      'Two access edges with the same source, target, identity and scope share a role: the later one repeats the earlier.',
    hasFixes: true,
    messages: {
      duplicate:
        'This access repeats {roles} of {earlier} (same source, target, identity and scope).',
    },
    learnMore: 'https://learn.microsoft.com/azure/role-based-access-control/role-assignments-steps',
  },
  create(context) {
    const { index } = context
    // Each source's edges are the same access when target, scope and resolution match (two
    // unresolved edges of one source match, whatever the reason) and they share a role key.
    const found = (at: number, earlier: number): void => report(context, at, earlier)
    const fromSource = (_node: unknown, n: number): void => {
      const { start, items } = index.sourceGroups()
      const from = start[n] as number
      const to = start[n + 1] as number
      if (to - from < 2) return
      if (to - from <= PAIRWISE) pairwise(index, items, from, to, found)
      else keyed(index, items.subarray(from, to), found)
    }
    return { app: fromSource, developer: fromSource }
  },
})

function sameAccess(index: DesignIndex, a: number, b: number): boolean {
  return (
    index.targetAt[a] === index.targetAt[b] &&
    index.slotAt[a] === index.slotAt[b] &&
    index.principalAt[a] === index.principalAt[b]
  )
}

/** The key numbers of an edge's roles. */
function roleKeys(index: DesignIndex, at: number): number[] {
  const out: number[] = []
  for (let i = index.roleStart[at] as number; i < (index.roleStart[at + 1] as number); i++)
    out.push(index.roleTable.keyOf[index.roleNo[i] as number] as number)
  return out
}

/** Each edge that repeats an earlier one, in file order, with the earliest edge it shares a role with. */
type Found = (at: number, earlier: number) => void

/** Compares each pair of `positions[from]` up to (not including) `positions[to]`. */
function pairwise(
  index: DesignIndex,
  positions: Int32Array,
  from: number,
  to: number,
  found: Found,
): void {
  for (let i = from + 1; i < to; i++) {
    const at = positions[i] as number
    let keys: number[] | undefined
    for (let j = from; j < i; j++) {
      const other = positions[j] as number
      if (!sameAccess(index, at, other)) continue
      keys ??= roleKeys(index, at)
      if (roleKeys(index, other).some((k) => (keys as number[]).includes(k))) {
        found(at, other)
        break
      }
    }
  }
}

function keyed(index: DesignIndex, positions: Int32Array, found: Found): void {
  const firstWith = new Map<string, Map<number, number>>()
  for (const at of positions) {
    const key = `${index.targetAt[at]} ${index.slotAt[at]} ${index.principalAt[at]}`
    let seen = firstWith.get(key)
    if (!seen) firstWith.set(key, (seen = new Map()))
    const keys = roleKeys(index, at)
    let earlier: number | undefined
    for (const k of keys) {
      const first = seen.get(k)
      if (first !== undefined && (earlier === undefined || first < earlier)) earlier = first
    }
    for (const k of keys) if (!seen.has(k)) seen.set(k, at)
    if (earlier !== undefined) found(at, earlier)
  }
}

function report(
  { index, label, report }: RuleContext<'duplicate'>,
  at: number,
  earlier: number,
): void {
  const edge = index.accessEdge(at)
  const target = index.accessEdge(earlier)
  const earlierKeys = roleKeys(index, earlier)
  const keys = roleKeys(index, at)
  const shared = [...new Set(edge.roles.filter((_, i) => earlierKeys.includes(keys[i] as number)))]
  report({
    subject: edge.id,
    messageId: 'duplicate',
    data: {
      roles: shared.map(messageQuote).join(', '),
      earlier: label(target.id),
    },
    related: [target.id],
    fix: (fixer) => {
      const merged = [...target.roles]
      for (const role of edge.roles) if (!merged.includes(role)) merged.push(role)
      const edits: Edit[] = []
      if (merged.length !== target.roles.length)
        edits.push({ type: 'updateEdge', id: target.id, set: { roles: merged } })
      edits.push({ type: 'removeEdge', id: edge.id })
      return [
        {
          title: `Merge into the earlier access from ${fixer.label(target.source)} to ${fixer.label(target.target)}`,
          edits,
        },
      ]
    },
  })
}
