import { ALL_ROLES, subsumes, type RoleRef } from '../../catalog/roles.ts'
import { principalKey } from '../../model/queries.ts'
import type { Edit } from '../../model/edits.ts'
import { defineRule, formatMessage, type RuleMeta } from '../types.ts'

const meta = {
  id: 'redundant-role',
  severity: 'info',
  subject: 'access edge',
  description:
    'A principal already holds, on the same service and scope, a role that includes this one.',
  hasFixes: true,
  messages: {
    redundant:
      '{roles} adds nothing on {service}: the same identity already holds {by} there, which includes it.',
  },
  learnMore: 'https://learn.microsoft.com/azure/role-based-access-control/best-practices',
} as const satisfies RuleMeta

/** For each built-in role, every role it includes (transitively, never itself). */
const INCLUDED: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  ALL_ROLES.map((a) => [
    a.name,
    new Set(ALL_ROLES.filter((b) => subsumes(a, b)).map((b) => b.name)),
  ]),
)

export const redundantRole = defineRule({
  meta,
  check({ index, facts, report }) {
    // (principal, service, scope) → built-in roles held there.
    const held = new Map<string, Set<string>>()
    for (const g of index.grants) {
      if (g.role.kind !== 'builtin') continue
      const key = `${g.principalKey}|${g.service}|${g.scope}`
      const set = held.get(key)
      if (set) set.add(g.roleKey)
      else held.set(key, new Set([g.roleKey]))
    }
    const covered = new Map<string, Set<string>>()
    const coveredAt = (key: string): Set<string> => {
      let set = covered.get(key)
      if (!set) {
        set = new Set()
        for (const role of held.get(key) ?? []) for (const r of INCLUDED.get(role) ?? []) set.add(r)
        covered.set(key, set)
      }
      return set
    }
    for (const edge of index.accessEdges) {
      const r = index.resolutionOf(edge.id)
      if (!r.resolved) continue
      const key = `${principalKey(r.principal)}|${edge.target}|${edge.scope ?? 'resource'}`
      const refs = index.rolesOf(edge.id)
      const set = coveredAt(key)
      const isRedundant = (ref: RoleRef): boolean =>
        ref.kind === 'builtin' && set.has(ref.fact.name)
      if (!refs.some(isRedundant)) continue
      const redundant = refs.flatMap((ref) =>
        isRedundant(ref) && ref.kind === 'builtin' ? [ref.fact] : [],
      )
      const by = [...(held.get(key) ?? [])].filter((h) =>
        redundant.some((f) => INCLUDED.get(h)?.has(f.name)),
      )
      const related = facts
        .edgesResolvingTo(principalKey(r.principal))
        .filter(
          (e) =>
            e.id !== edge.id &&
            e.target === edge.target &&
            (e.scope ?? 'resource') === (edge.scope ?? 'resource') &&
            index.rolesOf(e.id).some((x) => x.kind === 'builtin' && by.includes(x.fact.name)),
        )
        .map((e) => e.id)
      const keep = edge.roles.filter((_, i) => !isRedundant(refs[i] as RoleRef))
      const edit: Edit =
        keep.length === 0
          ? { type: 'removeEdge', id: edge.id }
          : { type: 'updateEdge', id: edge.id, set: { roles: keep } }
      const names = [...new Set(redundant.map((f) => JSON.stringify(f.name)))].join(', ')
      report({
        subject: edge.id,
        message: formatMessage(meta.messages.redundant, {
          roles: names,
          service: facts.label(edge.target),
          by: by.map((h) => JSON.stringify(h)).join(', '),
        }),
        related,
        fixes: [
          {
            title:
              keep.length === 0
                ? `Remove this access (${names} is already covered)`
                : `Drop ${names}`,
            edits: [edit],
          },
        ],
      })
    }
  },
})
