import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DesignIndex } from '@/analysis/design-index.ts'
import { resolveRole, roleKey } from '@/catalog/roles.ts'
import { applyEdits } from '@/model/edits.ts'
import { ID_PATTERN } from '@/model/kinds.ts'
import type { Design } from '@/model/types.ts'
import { optimizeIdentities } from '@/optimize/optimize.ts'
import { checkDesign } from '@/rules/engine.ts'
import { designArbitrary } from '../support/arbitraries.ts'

/** Contract §6: rules the optimized design never triggers. */
const GONE = [
  'shared-identity-overgrant',
  'identical-access-share-identity',
  'ambiguous-identity',
  'missing-identity',
  'identity-not-on-app',
  'unused-identity',
  'hosting-identity-unsupported',
]

/** Each app's needs (service, role, scope), from all its edges, resolved or not. */
function needsOf(design: Design): Map<string, Set<string>> {
  const apps = new Set(design.nodes.filter((n) => n.kind === 'app').map((n) => n.id))
  const out = new Map<string, Set<string>>()
  for (const e of design.edges) {
    if (e.kind !== 'access' || !apps.has(e.source)) continue
    for (const text of e.roles) {
      const role = resolveRole(text)
      if (role.kind === 'unknown') continue
      const set = out.get(e.source) ?? new Set()
      set.add(`${e.target}|${roleKey(role)}|${e.scope ?? 'resource'}`)
      out.set(e.source, set)
    }
  }
  return out
}

const reachOf = (d: Design): Set<string> =>
  new Set(d.edges.flatMap((e) => (e.kind === 'access' ? [e.source] : [])))

describe('optimizeIdentities on random designs', () => {
  it('gives a design with none of the §6 findings, every need kept and served by exactly one grant', () => {
    fc.assert(
      fc.property(designArbitrary(), (d) => {
        const { design: out } = optimizeIdentities(d)
        const reach = reachOf(d)
        const findings = checkDesign(out).filter(
          // An app outside the optimization's reach is never touched, not even an AKS workload's
          // system-assigned identity (PRODUCT.md §6 step 4).
          (f) => !(f.rule === 'hosting-identity-unsupported' && f.subject && !reach.has(f.subject)),
        )
        expect(findings.filter((f) => GONE.includes(f.rule))).toEqual([])
        const before = needsOf(d)
        expect(needsOf(out)).toEqual(before)

        const index = new DesignIndex(out)
        // No app's edge repeats a known role of another through the same identity (what
        // duplicate-access reports); developers' edges and unknown roles it leaves as they are.
        const apps = new Set(out.nodes.flatMap((n) => (n.kind === 'app' ? [n.id] : [])))
        const given = new Set<string>()
        for (const e of index.accessEdges) {
          if (!apps.has(e.source)) continue
          const r = index.resolutionOf(e.id)
          const who = r.resolved ? `${r.principal.type}:${r.principal.node}` : '-'
          for (const role of index.rolesOf(e.id)) {
            if (role.kind === 'unknown') continue
            const key = `${e.source}|${e.target}|${e.scope ?? 'resource'}|${who}|${roleKey(role)}`
            expect(given.has(key), `repeated: ${key}`).toBe(false)
            given.add(key)
          }
        }
        for (const [app, needs] of before) {
          const holders = new Map<string, Set<string>>()
          for (const e of index.accessEdges) {
            if (e.source !== app) continue
            const r = index.resolutionOf(e.id)
            expect(r.resolved).toBe(true)
            if (!r.resolved) continue
            for (const role of index.rolesOf(e.id)) {
              if (role.kind === 'unknown') continue
              const key = `${e.target}|${roleKey(role)}|${e.scope ?? 'resource'}`
              const set = holders.get(key) ?? new Set()
              set.add(`${r.principal.type}:${r.principal.node}`)
              holders.set(key, set)
            }
          }
          for (const need of needs) expect(holders.get(need)?.size, `${app} ${need}`).toBe(1)
        }
        if (!d.nodes.some((n) => n.kind === 'app' && n.hosting === 'logicApp')) {
          const workloadGrants = new Set(
            index
              .distinctGrants()
              .filter((g) => g.principal.type !== 'developer')
              .map((g) => `${g.service}|${g.roleKey}|${g.scope}`),
          )
          const distinctNeeds = new Set([...before.values()].flatMap((s) => [...s]))
          expect(
            index.distinctGrants().filter((g) => g.principal.type !== 'developer').length,
          ).toBe(distinctNeeds.size)
          expect(workloadGrants.size).toBe(distinctNeeds.size)
        }
      }),
      { numRuns: 300 },
    )
  }, 60_000)

  it('is a fixed point, and its edits give exactly its design', () => {
    fc.assert(
      fc.property(designArbitrary(), (d) => {
        const result = optimizeIdentities(d)
        const applied = applyEdits(d, result.edits)
        expect(applied.ok).toBe(true)
        if (applied.ok) expect(applied.value).toEqual(result.design)
        const again = optimizeIdentities(result.design)
        expect(again.edits).toEqual([])
        expect(again.design).toBe(result.design)
      }),
      { numRuns: 300 },
    )
  }, 60_000)

  it('keeps developers, services, positions, unknown roles and apps outside its reach', () => {
    fc.assert(
      fc.property(designArbitrary(), (d) => {
        const { design: out } = optimizeIdentities(d)
        const reach = reachOf(d)
        const byId = new Map(out.nodes.map((n) => [n.id, n]))
        for (const n of d.nodes) {
          if (n.kind === 'developer' || n.kind === 'service') expect(byId.get(n.id)).toBe(n)
          if (n.kind === 'app' && !reach.has(n.id)) expect(byId.get(n.id)).toBe(n)
        }
        const edges = new Map(out.edges.map((e) => [e.id, e]))
        for (const e of d.edges) {
          if (e.kind !== 'access') continue
          if (!e.source.startsWith('app')) expect(edges.get(e.id)).toBe(e)
          const unknown = e.roles.filter((r) => resolveRole(r).kind === 'unknown')
          const kept = edges.get(e.id)
          expect(kept?.kind === 'access' ? kept.roles : []).toEqual(expect.arrayContaining(unknown))
        }
        for (const n of out.nodes) expect(n.id).toMatch(ID_PATTERN)
        for (const e of out.edges) expect(e.id).toMatch(ID_PATTERN)
        const names = out.nodes.filter((n) => n.kind === 'identity').map((n) => n.name)
        expect(new Set(names).size).toBe(names.length)
      }),
      { numRuns: 200 },
    )
  }, 60_000)
})
