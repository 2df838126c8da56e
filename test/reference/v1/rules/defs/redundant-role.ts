import type { DesignIndex } from '../../analysis/design-index.ts'
import type { RoleFact, RoleRef } from '@/catalog/roles.ts'
import type { AccessEdge } from '@/model/types.ts'
import type { Scope } from '@/model/kinds.ts'
import type { Edit } from '@/model/edits.ts'
import { INCLUDED, type EdgeInfo } from '../edge-info.ts'
import type { RuleFacts } from '../facts.ts'
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

/** What one principal holds at one (service, scope): the including roles and what they include. */
interface Coverage {
  readonly held: Set<string>
  readonly covered: Set<string>
}

/** service → coverage by scope slot; undefined when the principal holds no including role. */
type Coverages = Map<string, (Coverage | undefined)[]> | undefined

const SLOT: Readonly<Record<Scope, number>> = { resource: 0, resourceGroup: 1, subscription: 2 }

export const redundantRole = defineRule({
  meta,
  check({ index, facts, report }) {
    // Only a principal holding a role that includes others can hold a redundant one.
    for (const summary of facts.principals()) {
      if (!summary.includes) continue
      const coverages = coverageOf(index, summary.positions)
      if (!coverages) continue
      for (const at of summary.positions) {
        const edge = index.accessEdges[at] as AccessEdge
        const coverage = coverages.get(edge.target)?.[SLOT[edge.scope ?? 'resource']]
        if (!coverage) continue
        let redundant: RoleFact[] | undefined
        for (const ref of index.rolesAt[at] as readonly RoleRef[])
          if (ref.kind === 'builtin' && coverage.covered.has(ref.fact.name))
            (redundant ??= []).push(ref.fact)
        if (redundant)
          report(finding(facts, facts.info(at), redundant, coverage, summary.positions))
      }
    }
  },
})

/** From a principal's edges, its roles that include others: coverage per service and scope. */
function coverageOf(index: DesignIndex, positions: Iterable<number>): Coverages {
  let out: Coverages
  for (const at of positions) {
    const edge = index.accessEdges[at] as AccessEdge
    const slot = SLOT[edge.scope ?? 'resource']
    for (const ref of index.rolesAt[at] as readonly RoleRef[]) {
      if (ref.kind !== 'builtin') continue
      const included = INCLUDED.get(ref.fact.name)
      if (!included || included.size === 0) continue
      out ??= new Map()
      let slots = out.get(edge.target)
      if (!slots) {
        slots = []
        out.set(edge.target, slots)
      }
      let entry = slots[slot]
      if (!entry) {
        entry = { held: new Set(), covered: new Set() }
        slots[slot] = entry
      }
      entry.held.add(ref.fact.name)
      for (const name of included) entry.covered.add(name)
    }
  }
  return out
}

function finding(
  facts: RuleFacts,
  info: EdgeInfo,
  redundant: readonly RoleFact[],
  at: Coverage,
  positions: ArrayLike<number>,
) {
  const { edge } = info
  const names = new Set(redundant.map((f) => f.name))
  const by = [...at.held].filter((h) => redundant.some((f) => INCLUDED.get(h)?.has(f.name)))
  const related = Array.from(positions, (p) => facts.info(p))
    .filter(
      (e) =>
        e !== info &&
        e.edge.target === edge.target &&
        e.scope === info.scope &&
        e.refs.some((x) => x.kind === 'builtin' && by.includes(x.fact.name)),
    )
    .map((e) => e.edge.id)
  const keep = edge.roles.filter((_, i) => {
    const ref = info.refs[i]
    return !(ref?.kind === 'builtin' && names.has(ref.fact.name))
  })
  const edit: Edit =
    keep.length === 0
      ? { type: 'removeEdge', id: edge.id }
      : { type: 'updateEdge', id: edge.id, set: { roles: keep } }
  const quoted = [...names].map((n) => JSON.stringify(n)).join(', ')
  return {
    subject: edge.id,
    message: formatMessage(meta.messages.redundant, {
      roles: quoted,
      service: facts.label(edge.target),
      by: by.map((h) => JSON.stringify(h)).join(', '),
    }),
    related,
    fixes: [
      {
        title:
          keep.length === 0
            ? `Remove this access (${quoted} is already covered)`
            : `Drop ${quoted}`,
        edits: [edit],
      },
    ],
  }
}
