import { DesignIndex } from '../analysis/design-index.ts'
import type { Design } from '../model/types.ts'
import {
  buildOffers,
  byScope,
  runDesignRules,
  runRules,
  sortFindings,
  totalsOf,
  type RuleRun,
} from './engine.ts'
import { designScope, Fixer, type DesignScope } from './fixer.ts'
import { partDesign, principalParts, type PrincipalPart } from './principal-parts.ts'
import { RULES } from './registry.ts'
import type { ComponentRule, DesignRule, Rule } from './rule.ts'
import { mergeSorted } from './sorted-merge.ts'
import { NO_OFFERS, type Finding, type Offers } from './types.ts'

/**
 * Component rules whose findings about a node or edge depend only on the principal part it is in
 * (principal-parts.ts) and on the nodes that part's access edges target, read as they are (name,
 * kind, service, permission model): rules about one access edge (its source's identities and its
 * `via` decide its principal), about one app, about one identity with its apps and the edges
 * resolving to it, about one principal's edges, about one source's edges. None of them reports
 * on a service, the only kind of node a part's edges lead out to (model/structure.ts). The other component rules (about a service and every edge into
 * it; about principals with equal grant sets) run over the whole design on every check.
 */
export const PRINCIPAL_LOCAL: ReadonlySet<string> = new Set([
  'missing-identity',
  'identity-not-on-app',
  'ambiguous-identity',
  'shared-identity-overgrant',
  'unused-identity',
  'privileged-role',
  'key-exposing-role',
  'role-not-for-service',
  'unknown-role',
  'broad-scope',
  'redundant-role',
  'non-rbac-grant',
  'hosting-identity-unsupported',
  'duplicate-access',
])

/** One principal part of the last design checked, with what the local rules found in it. */
interface Part extends PrincipalPart {
  readonly run: RuleRun
}

const same = <T>(a: readonly T[], b: readonly T[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i])

const EMPTY: Design = { name: '', nodes: [], edges: [] }

/**
 * Checks successive versions of a design (the designer after each edit). The principal-local
 * rules re-run only on the principal parts whose nodes, edges or targets changed: edits return
 * untouched items as the same objects, so an unchanged part is recognised by identity, and its
 * findings are handed out again as they are (the same objects), already in order: only the new
 * findings are sorted and merged in. The other rules run over the index of the whole design, which
 * the caller may use too (`index`). Gives the same findings as checkDesign.
 */
export class IncrementalChecker {
  private readonly local: readonly ComponentRule[]
  private readonly whole: readonly ComponentRule[]
  private readonly design: readonly DesignRule[]
  private parts = new Map<string, Part>()
  private wholeRun?: RuleRun
  private sorted: Finding[] = []
  private current: Design = EMPTY
  private currentIndex = new DesignIndex(EMPTY)
  private scope: DesignScope = designScope(EMPTY)
  /** The run that found each finding (a finding is let go with its run), and the current runs. */
  private readonly runOf = new WeakMap<Finding, RuleRun>()
  private readonly live = new WeakSet<RuleRun>()
  /** For the current version: each run's fixer, and the offers built so far. */
  private readonly fixers = new Map<RuleRun, Fixer>()
  private readonly offered = new Map<Finding, Offers>()
  /** How many principal parts the last check ran the local rules on (the others were reused). */
  checkedParts = 0

  constructor(rules: readonly Rule[] = RULES) {
    const { component, design } = byScope(rules)
    this.local = component.filter((r) => PRINCIPAL_LOCAL.has(r.meta.id))
    this.whole = component.filter((r) => !PRINCIPAL_LOCAL.has(r.meta.id))
    this.design = design
  }

  /** The index of the design last checked. */
  get index(): DesignIndex {
    return this.currentIndex
  }

  check(design: Design): readonly Finding[] {
    if (design === this.current) return this.sorted
    this.current = design
    this.currentIndex = new DesignIndex(design)
    this.scope = designScope(design)
    this.fixers.clear()
    this.offered.clear()

    // What the last check found that no longer holds: its dropped parts' and whole-design findings.
    const stale = new Set<Finding>()
    const drop = (run: RuleRun | undefined): void => {
      if (!run) return
      this.live.delete(run)
      for (const f of run.findings) stale.add(f)
    }
    const fresh: Finding[] = []
    const found = (run: RuleRun): void => {
      this.live.add(run)
      for (const f of run.findings) {
        fresh.push(f)
        this.runOf.set(f, run)
      }
    }
    drop(this.wholeRun)
    const next = new Map<string, Part>()
    this.checkedParts = 0
    for (const p of principalParts(design)) {
      const old = this.parts.get(p.key)
      if (
        old &&
        same(old.nodes, p.nodes) &&
        same(old.edges, p.edges) &&
        same(old.context, p.context)
      ) {
        next.set(p.key, old)
        this.parts.delete(p.key)
        continue
      }
      const part = { ...p, run: runRules(this.local, new DesignIndex(partDesign(design.name, p))) }
      found(part.run)
      next.set(p.key, part)
      this.checkedParts++
    }
    for (const gone of this.parts.values()) drop(gone.run)
    this.parts = next

    this.wholeRun = runRules(this.whole, this.currentIndex)
    found(this.wholeRun)
    if (this.design.length > 0)
      fresh.push(...runDesignRules(this.design, totalsOf(this.currentIndex)))
    const kept = stale.size > 0 ? this.sorted.filter((f) => !stale.has(f)) : this.sorted
    this.sorted = mergeSorted(kept, sortFindings(fresh))
    return this.sorted
  }

  /**
   * The fixes and suggestions of a finding of the last check, built against that version of the
   * whole design (new ids and names are unique in it), on first request; none for a finding an
   * earlier check found that the last one did not.
   */
  offers(finding: Finding): Offers {
    const known = this.offered.get(finding)
    if (known) return known
    const run = this.runOf.get(finding)
    if (!run || !this.live.has(run)) return NO_OFFERS
    const position = run.findings.indexOf(finding)
    let fixer = this.fixers.get(run)
    if (!fixer) this.fixers.set(run, (fixer = new Fixer(run.index, run.labels, this.scope)))
    const offers = buildOffers(run, position, fixer)
    this.offered.set(finding, offers)
    return offers
  }
}
