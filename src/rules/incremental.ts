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
import {
  components,
  partDesign,
  principalParts,
  serviceParts,
  type PrincipalPart,
} from './components.ts'
import { replacedInPlace } from './design-diff.ts'
import { PartCache, withPart, type CachedPart } from './part-cache.ts'
import { RULES } from './registry.ts'
import type { ComponentRule, DesignRule, DesignTotals, Rule } from './rule.ts'
import { mergeSorted } from './sorted-merge.ts'
import { NO_OFFERS, type Finding, type Offers } from './types.ts'

/**
 * Component rules whose findings about a node or edge depend only on the principal part it is in
 * (components.ts) and on the nodes that part's access edges target, read as they are (name,
 * kind, service, permission model): rules about one access edge (its source's identities and its
 * `via` decide its principal), about one app, about one identity with its apps and the edges
 * resolving to it, about one principal's edges, about one source's edges. None of them reports
 * on a service, the only kind of node a part's edges lead out to (model/structure.ts). The other
 * component rules (about a service and every edge into it, SERVICE_LOCAL; about principals with
 * equal grant sets) run on service parts and on connected parts.
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

/**
 * Component rules whose findings about a service depend only on the service, the access edges
 * into it and the kinds of their sources (not on what those edges resolve to).
 */
export const SERVICE_LOCAL: ReadonlySet<string> = new Set([
  'developer-access-missing',
  'keyvault-access-policy',
])

/** What the other rules found in one connected part, and its totals for the design rules. */
interface WholeRun {
  readonly run: RuleRun
  readonly totals: DesignTotals
}

const EMPTY: Design = { name: '', nodes: [], edges: [] }
const NO_TOTALS: DesignTotals = { rbacAssignments: 0 }

/**
 * Checks successive versions of a design (the designer after each edit). The principal-local
 * rules re-run only on the principal parts whose nodes, edges or targets changed, the other
 * component rules only on the connected parts whose nodes or edges changed (PartCache): edits
 * return untouched items as the same objects, so an unchanged part is recognised by identity, and
 * its findings are handed out again as they are (the same objects), already in order: only the
 * new findings are sorted and merged in. An edit that only replaced items in place is not even
 * split into parts again. Gives the same findings, fixes and suggestions as checkDesign.
 */
export class IncrementalChecker {
  private readonly local: readonly ComponentRule[]
  private readonly service: readonly ComponentRule[]
  private readonly whole: readonly ComponentRule[]
  private readonly design: readonly DesignRule[]
  private readonly parts: PartCache<PrincipalPart, RuleRun>
  private readonly services: PartCache<PrincipalPart, RuleRun>
  private readonly wholes: PartCache<CachedPart, WholeRun>
  private sorted: Finding[] = []
  private designFindings: Finding[] = []
  private current: Design = EMPTY
  private currentIndex?: DesignIndex
  private scope: DesignScope = designScope(EMPTY)
  /** Of the check under way: the findings of the last one that no longer hold, and the new ones. */
  private stale = new Set<Finding>()
  private fresh: Finding[] = []
  /** The run that found each finding (a finding is let go with its run), and the current runs. */
  private readonly runOf = new WeakMap<Finding, RuleRun>()
  private readonly live = new WeakSet<RuleRun>()
  /** For the current version: each run's fixer, and the offers built so far. */
  private readonly fixers = new Map<RuleRun, Fixer>()
  private readonly offered = new Map<Finding, Offers>()

  constructor(rules: readonly Rule[] = RULES) {
    const { component, design } = byScope(rules)
    this.local = component.filter((r) => PRINCIPAL_LOCAL.has(r.meta.id))
    this.service = component.filter((r) => SERVICE_LOCAL.has(r.meta.id))
    this.whole = component.filter(
      (r) => !PRINCIPAL_LOCAL.has(r.meta.id) && !SERVICE_LOCAL.has(r.meta.id),
    )
    this.design = design
    this.parts = new PartCache(
      principalParts,
      (part, d) => this.found(runRules(this.local, new DesignIndex(partDesign(d.name, part)))),
      (run) => this.dropped(run),
    )
    this.services = new PartCache(
      serviceParts,
      (part, d) => this.found(runRules(this.service, new DesignIndex(partDesign(d.name, part)))),
      (run) => this.dropped(run),
      (edge) => edge.target,
    )
    this.wholes = new PartCache<CachedPart, WholeRun>(
      (d) => components(d).map((c): CachedPart => ({ ...c, context: [] })),
      (part, d) => this.checkWhole(part, d),
      ({ run }) => this.dropped(run),
    )
  }

  /** How many principal parts the last check ran the local rules on (the others were reused). */
  get checkedParts(): number {
    return this.parts.checked
  }

  /** The index of the design last checked (made on first use, unless the check made it). */
  get index(): DesignIndex {
    this.currentIndex ??= new DesignIndex(this.current)
    return this.currentIndex
  }

  check(design: Design): readonly Finding[] {
    if (design === this.current) return this.sorted
    const replaced = replacedInPlace(this.current, design)
    this.current = design
    this.currentIndex = undefined
    this.scope = designScope(design)
    this.fixers.clear()
    this.offered.clear()
    this.stale = new Set(this.designFindings)
    this.fresh = []
    for (const cache of [this.parts, this.services, this.wholes] as PartCache<
      CachedPart,
      unknown
    >[])
      if (replaced) cache.replace(design, replaced, (old, r) => withPart(design, old, r))
      else cache.resplit(design)
    let rbacAssignments = 0
    for (const { result } of this.wholes.results()) rbacAssignments += result.totals.rbacAssignments
    this.designFindings =
      this.design.length > 0 ? runDesignRules(this.design, { rbacAssignments }) : []
    this.fresh.push(...this.designFindings)
    const stale = this.stale
    const kept = stale.size > 0 ? this.sorted.filter((f) => !stale.has(f)) : this.sorted
    this.sorted = mergeSorted(kept, sortFindings(this.fresh))
    return this.sorted
  }

  /** The other rules on one connected part; a design all of one piece on its own index. */
  private checkWhole(part: CachedPart, design: Design): WholeRun {
    const all =
      part.nodes.length === design.nodes.length && part.edges.length === design.edges.length
    const index = all
      ? this.index
      : new DesignIndex({ name: design.name, nodes: [...part.nodes], edges: [...part.edges] })
    const run = this.found(runRules(this.whole, index))
    return { run, totals: this.design.length > 0 ? totalsOf(index) : NO_TOTALS }
  }

  private found(run: RuleRun): RuleRun {
    this.live.add(run)
    for (const f of run.findings) {
      this.fresh.push(f)
      this.runOf.set(f, run)
    }
    return run
  }

  private dropped(run: RuleRun): void {
    this.live.delete(run)
    for (const f of run.findings) this.stale.add(f)
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
