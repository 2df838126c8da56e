import type { DesignIndex } from '../../analysis/design-index.ts'
import { ALL_ROLES, subsumes, type RoleFact, type RoleRef } from '../../catalog/roles.ts'
import type { Edit } from '../../model/edits.ts'
import type { AccessEdge } from '../../model/types.ts'
import { createRule, type RuleContext } from '../rule.ts'

/** For each built-in role, every role it includes (transitively, never itself): catalog facts. */
const INCLUDED: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  ALL_ROLES.map((a) => [
    a.name,
    new Set(ALL_ROLES.filter((b) => subsumes(a, b)).map((b) => b.name)),
  ]),
)

const includesOthers = (role: RoleRef): boolean =>
  role.kind === 'builtin' && (INCLUDED.get(role.fact.name)?.size ?? 0) > 0

/** What one principal holds at one (service, scope): the including roles and what they include. */
interface Coverage {
  readonly held: Set<string>
  readonly covered: Set<string>
}

/** service → coverage by scope slot. */
type Coverages = Map<string, (Coverage | undefined)[]>

export const redundantRole = createRule({
  meta: {
    id: 'redundant-role',
    severity: 'info',
    subject: 'access edge',
    scope: 'component',
    description:
      'A principal already holds, on the same service and scope, a role that includes this one.',
    hasFixes: true,
    messages: {
      redundant:
        '{roles} adds nothing on {service}: the same identity already holds {by} there, which includes it.',
    },
    learnMore: 'https://learn.microsoft.com/azure/role-based-access-control/best-practices',
  },
  create(context) {
    const { index } = context
    const includers = index.roleTable.where(includesOthers)
    return {
      principal(p) {
        // Only a principal holding a role that includes others can hold a redundant one.
        const positions = index.edgesOfPrincipal(p)
        if (!holdsAny(index, positions, includers)) return
        const coverages = coverageOf(index, positions)
        for (const at of positions) {
          const edge = index.accessEdges[at] as AccessEdge
          const coverage = coverages.get(edge.target)?.[index.slotAt[at] as number]
          if (!coverage) continue
          let redundant: RoleFact[] | undefined
          for (const ref of index.roles(at))
            if (ref.kind === 'builtin' && coverage.covered.has(ref.fact.name))
              (redundant ??= []).push(ref.fact)
          if (redundant) report(context, at, redundant, coverage, positions)
        }
      },
    }
  },
})

function holdsAny(index: DesignIndex, positions: Int32Array, roles: Uint8Array): boolean {
  for (const at of positions) if (index.anyRole(at, roles)) return true
  return false
}

/** From a principal's edges, its roles that include others: coverage per service and scope. */
function coverageOf(index: DesignIndex, positions: Int32Array): Coverages {
  const out: Coverages = new Map()
  for (const at of positions) {
    const edge = index.accessEdges[at] as AccessEdge
    const slot = index.slotAt[at] as number
    for (const ref of index.roles(at)) {
      if (!includesOthers(ref) || ref.kind !== 'builtin') continue
      let slots = out.get(edge.target)
      if (!slots) out.set(edge.target, (slots = []))
      let entry = slots[slot]
      if (!entry) slots[slot] = entry = { held: new Set(), covered: new Set() }
      entry.held.add(ref.fact.name)
      for (const name of INCLUDED.get(ref.fact.name) ?? []) entry.covered.add(name)
    }
  }
  return out
}

function report(
  { index, label, report }: RuleContext<'redundant'>,
  at: number,
  redundant: readonly RoleFact[],
  coverage: Coverage,
  positions: Int32Array,
): void {
  const edge = index.accessEdges[at] as AccessEdge
  const refs = index.roles(at)
  const names = new Set(redundant.map((f) => f.name))
  const by = [...coverage.held].filter((h) => redundant.some((f) => INCLUDED.get(h)?.has(f.name)))
  const related: string[] = []
  for (const other of positions) {
    const e = index.accessEdges[other] as AccessEdge
    if (
      other !== at &&
      e.target === edge.target &&
      index.slotAt[other] === index.slotAt[at] &&
      index.roles(other).some((x) => x.kind === 'builtin' && by.includes(x.fact.name))
    )
      related.push(e.id)
  }
  const keep = edge.roles.filter((_, i) => {
    const ref = refs[i]
    return !(ref?.kind === 'builtin' && names.has(ref.fact.name))
  })
  const quoted = [...names].map((n) => JSON.stringify(n)).join(', ')
  report({
    subject: edge.id,
    messageId: 'redundant',
    data: {
      roles: quoted,
      service: label(edge.target),
      by: by.map((h) => JSON.stringify(h)).join(', '),
    },
    related,
    fix: () => {
      const edit: Edit =
        keep.length === 0
          ? { type: 'removeEdge', id: edge.id }
          : { type: 'updateEdge', id: edge.id, set: { roles: keep } }
      return [
        {
          title:
            keep.length === 0
              ? `Remove this access (${quoted} is already covered)`
              : `Drop ${quoted}`,
          edits: [edit],
        },
      ]
    },
  })
}
