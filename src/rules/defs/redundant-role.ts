import type { DesignIndex } from '../../analysis/design-index.ts'
import { ALL_ROLES, subsumes, type RoleFact, type RoleRef } from '../../catalog/roles.ts'
import type { Edit } from '../../model/edits.ts'
import { createRule, type RuleContext } from '../rule.ts'
import { messageQuote } from '../../lib/encode/message.ts'

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
    const includes = inclusionTable(index)
    return {
      principal(p) {
        // Most principals hold nothing redundant: find out without building anything first.
        const { start, items } = index.principalGroups()
        if (!holdsRedundant(index, items, start[p] as number, start[p + 1] as number, includes))
          return
        const positions = index.edgesOfPrincipal(p)
        const coverages = coverageOf(index, positions)
        for (const at of positions) {
          const edge = index.accessEdge(at)
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

/**
 * Which role of the design includes which, by role number: `includes[n * count + q]` is 1 when
 * the built-in role numbered n includes the built-in role numbered q (INCLUDED). A design has few
 * distinct roles, so the table is small and built once per check.
 */
interface Inclusion {
  readonly count: number
  readonly includes: Uint8Array
  /** By role number: 1 when it includes some role of the design. */
  readonly includer: Uint8Array
}

function inclusionTable(index: DesignIndex): Inclusion {
  const refs = index.roleTable.refs
  const count = refs.length
  const includes = new Uint8Array(count * count)
  const includer = new Uint8Array(count)
  refs.forEach((a, n) => {
    if (a.kind !== 'builtin') return
    const included = INCLUDED.get(a.fact.name)
    if (!included || included.size === 0) return
    refs.forEach((b, q) => {
      if (b.kind === 'builtin' && included.has(b.fact.name))
        includes[n * count + q] = includer[n] = 1
    })
  })
  return { count, includes, includer }
}

/**
 * Does some edge of `positions[from]` up to `positions[to]` (one principal's) carry a role that
 * a role on an edge with the same target and scope includes? Exactly when the rule reports
 * something for the principal.
 */
function holdsRedundant(
  index: DesignIndex,
  positions: Int32Array,
  from: number,
  to: number,
  table: Inclusion,
): boolean {
  const { roleStart, roleNo, targetAt, slotAt } = index
  const { count, includes, includer } = table
  for (let x = from; x < to; x++) {
    const a = positions[x] as number
    for (let i = roleStart[a] as number; i < (roleStart[a + 1] as number); i++) {
      const n = roleNo[i] as number
      if (!includer[n]) continue
      for (let y = from; y < to; y++) {
        const b = positions[y] as number
        if (targetAt[b] !== targetAt[a] || slotAt[b] !== slotAt[a]) continue
        for (let j = roleStart[b] as number; j < (roleStart[b + 1] as number); j++)
          if (includes[n * count + (roleNo[j] as number)]) return true
      }
    }
  }
  return false
}

/** From a principal's edges, its roles that include others: coverage per service and scope. */
function coverageOf(index: DesignIndex, positions: Int32Array): Coverages {
  const out: Coverages = new Map()
  for (const at of positions) {
    const edge = index.accessEdge(at)
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
  const edge = index.accessEdge(at)
  const refs = index.roles(at)
  const names = new Set(redundant.map((f) => f.name))
  const by = [...coverage.held].filter((h) => redundant.some((f) => INCLUDED.get(h)?.has(f.name)))
  const related: string[] = []
  for (const other of positions) {
    const e = index.accessEdge(other)
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
  const quoted = [...names].map(messageQuote).join(', ')
  report({
    subject: edge.id,
    messageId: 'redundant',
    data: {
      roles: quoted,
      service: label(edge.target),
      by: by.map(messageQuote).join(', '),
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
