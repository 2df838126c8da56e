import { roleKey, type RoleRef } from '@/catalog/roles.ts'
import type { Edit } from '@/model/edits.ts'
import type { DesignIndex } from '../../analysis/design-index.ts'
import type { Resolution } from '../../model/queries.ts'
import type { AccessEdge } from '@/model/types.ts'
import type { EdgeInfo } from '../edge-info.ts'
import type { RuleFacts } from '../facts.ts'
import { defineRule, formatMessage, type Finding, type RuleMeta } from '../types.ts'

const meta = {
  id: 'duplicate-access',
  severity: 'warning',
  subject: 'access edge',
  description:
    'Two access edges with the same source, target, identity and scope share a role: the later one repeats the earlier.',
  hasFixes: true,
  messages: {
    duplicate:
      'This access repeats {roles} of {earlier} (same source, target, identity and scope).',
  },
  learnMore: 'https://learn.microsoft.com/azure/role-based-access-control/role-assignments-steps',
} as const satisfies RuleMeta

/** Below this many edges from one source, comparing every pair is cheaper than keyed maps. */
const PAIRWISE = 8

export const duplicateAccess = defineRule({
  meta,
  check({ index, facts, report }) {
    const bySource = new Map<string, number[]>()
    index.accessEdges.forEach((edge, at) => {
      const list = bySource.get(edge.source)
      if (list) list.push(at)
      else bySource.set(edge.source, [at])
    })
    const access = accessOf(index)
    for (const positions of bySource.values()) {
      if (positions.length < 2) continue
      const earliest =
        positions.length <= PAIRWISE ? pairwise(positions, access) : keyed(positions, access)
      for (const [at, earlier] of earliest)
        report(finding(facts, facts.info(at), facts.info(earlier)))
    }
  },
})

/** What makes two edges of one source the same access: target, scope, resolution, role keys. */
interface Access {
  target(at: number): string
  scope(at: number): string
  principal(at: number): string
  samePrincipal(at: number, other: number): boolean
  roleKeys(at: number): string[]
}

function accessOf(index: DesignIndex): Access {
  return {
    target: (at) => (index.accessEdges[at] as AccessEdge).target,
    scope: (at) => (index.accessEdges[at] as AccessEdge).scope ?? 'resource',
    // Two unresolved edges of one source match, whatever the reason.
    principal: (at) => {
      const r = index.resolutionAt[at] as Resolution
      return r.resolved ? `${r.principal.type}:${r.principal.node}` : ''
    },
    samePrincipal: (at, other) => {
      const r = index.resolutionAt[at] as Resolution
      const o = index.resolutionAt[other] as Resolution
      if (!r.resolved || !o.resolved) return r.resolved === o.resolved
      return r.principal.type === o.principal.type && r.principal.node === o.principal.node
    },
    roleKeys: (at) => (index.rolesAt[at] as readonly RoleRef[]).map(roleKey),
  }
}

/** For each edge that repeats an earlier one: the earliest edge it shares a role with. */
function pairwise(positions: readonly number[], a: Access): Map<number, number> {
  const out = new Map<number, number>()
  for (let i = 1; i < positions.length; i++) {
    const at = positions[i] as number
    let keys: string[] | undefined
    for (let j = 0; j < i; j++) {
      const other = positions[j] as number
      if (a.target(at) !== a.target(other) || a.scope(at) !== a.scope(other)) continue
      if (!a.samePrincipal(at, other)) continue
      keys ??= a.roleKeys(at)
      if (a.roleKeys(other).some((k) => (keys as string[]).includes(k))) {
        out.set(at, other)
        break
      }
    }
  }
  return out
}

function keyed(positions: readonly number[], a: Access): Map<number, number> {
  const out = new Map<number, number>()
  const firstWith = new Map<string, Map<string, number>>()
  for (const at of positions) {
    const key = `${a.target(at)}\u0000${a.scope(at)}\u0000${a.principal(at)}`
    let seen = firstWith.get(key)
    if (!seen) {
      seen = new Map()
      firstWith.set(key, seen)
    }
    const keys = a.roleKeys(at)
    let earlier: number | undefined
    for (const k of keys) {
      const first = seen.get(k)
      if (first !== undefined && (earlier === undefined || first < earlier)) earlier = first
    }
    for (const k of keys) if (!seen.has(k)) seen.set(k, at)
    if (earlier !== undefined) out.set(at, earlier)
  }
  return out
}

function finding(
  facts: RuleFacts,
  info: EdgeInfo,
  earlier: EdgeInfo,
): Omit<Finding, 'rule' | 'severity'> {
  const { edge } = info
  const target = earlier.edge
  const earlierKeys = earlier.refs.map(roleKey)
  const shared = [
    ...new Set(edge.roles.filter((_, i) => earlierKeys.includes(roleKey(info.refs[i] as RoleRef)))),
  ]
  const merged = [...target.roles]
  for (const role of edge.roles) if (!merged.includes(role)) merged.push(role)
  const edits: Edit[] = []
  if (merged.length !== target.roles.length)
    edits.push({ type: 'updateEdge', id: target.id, set: { roles: merged } })
  edits.push({ type: 'removeEdge', id: edge.id })
  return {
    subject: edge.id,
    message: formatMessage(meta.messages.duplicate, {
      roles: shared.map((r) => JSON.stringify(r)).join(', '),
      earlier: facts.label(target.id),
    }),
    related: [target.id],
    fixes: [
      {
        title: `Merge into the earlier access from ${facts.label(target.source)} to ${facts.label(target.target)}`,
        edits,
      },
    ],
  }
}
