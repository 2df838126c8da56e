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

/** What one run of rules found in one part (the run may have covered other parts too). */
interface Found {
  readonly run: RuleRun
  readonly findings: readonly Finding[]
  /**
   * For findings of a run over the whole design: the run of the part alone, which their fixes
   * are built on. A later version may keep the part but change nodes elsewhere, which fixes read
   * through the design scope (current), never through the index they were found on.
   */
  readonly alone?: () => RuleRun
}

/** What the other rules found in one connected part, and its totals for the design rules. */
interface WholeRun extends Found {
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
  private readonly parts: PartCache<PrincipalPart, Found>
  private readonly services: PartCache<PrincipalPart, Found>
  private readonly wholes: PartCache<CachedPart, WholeRun>
  private sorted: Finding[] = []
  private designFindings: Finding[] = []
  private current: Design = EMPTY
  private currentIndex?: DesignIndex
  private scope: DesignScope = designScope(EMPTY)
  /** Of the check under way: the findings of the last one that no longer hold, and the new ones. */
  private stale = new Set<Finding>()
  private fresh: Finding[] = []
  /** The run that found each finding (a finding is let go with its run), and the current ones. */
  private readonly foundOf = new WeakMap<Finding, Found>()
  private readonly aloneRuns = new WeakMap<Found, RuleRun>()
  private readonly live = new WeakSet<Finding>()
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
    this.parts = new PartCache<PrincipalPart, Found>({
      split: principalParts,
      check: (part, d) => this.checkPart(this.local, part, d),
      checkMany: (parts) => this.checkMany(this.local, parts),
      dropped: (found) => this.dropped(found),
    })
    this.services = new PartCache<PrincipalPart, Found>({
      split: serviceParts,
      check: (part, d) => this.checkPart(this.service, part, d),
      checkMany: (parts) => this.checkMany(this.service, parts),
      dropped: (found) => this.dropped(found),
      holder: (edge) => edge.target,
    })
    this.wholes = new PartCache<CachedPart, WholeRun>({
      split: (d) => components(d).map((c): CachedPart => ({ ...c, context: [] })),
      check: (part, d) => this.checkWhole(part, d),
      checkMany: (parts) => this.checkWholes(parts),
      dropped: (found) => this.dropped(found),
    })
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
    const run = runRules(this.whole, index)
    return {
      ...this.found(run, run.findings),
      totals: this.design.length > 0 ? totalsOf(index) : NO_TOTALS,
    }
  }

  /** Rules over one part's own design. */
  private checkPart(rules: readonly ComponentRule[], part: PrincipalPart, design: Design): Found {
    const run = runRules(rules, new DesignIndex(partDesign(design.name, part)))
    return this.found(run, run.findings)
  }

  /**
   * Rules over the whole design, for many parts at once: each part gets the findings about its
   * nodes and edges (the same a check of the part alone finds: what these rules find about a
   * part depends on nothing else); the findings about other parts are theirs already.
   */
  private checkMany(rules: readonly ComponentRule[], parts: readonly CachedPart[]): Found[] {
    const run = runRules(rules, this.index)
    return this.ownersOf(parts, (owner) => {
      const mine: Finding[][] = parts.map(() => [])
      for (const f of run.findings) {
        // A finding about nothing (a rule that failed) goes with the first part.
        const i = f.subject === null ? 0 : owner.get(f.subject)
        if (i !== undefined) mine[i]?.push(f)
      }
      return mine.map((findings, i) =>
        this.found(run, findings, () =>
          runRules(rules, new DesignIndex(partDesign(this.current.name, parts[i] as CachedPart))),
        ),
      )
    })
  }

  /** The other rules over the whole design for many connected parts, with each one's totals. */
  private checkWholes(parts: readonly CachedPart[]): WholeRun[] {
    const found = this.checkMany(this.whole, parts)
    const rbac = new Array<number>(parts.length).fill(0)
    if (this.design.length > 0)
      this.ownersOf(parts, (owner) => {
        const { rbac: held } = this.index.principalGrants()
        for (let p = 0; p < this.index.principalCount; p++) {
          const i = owner.get(this.index.principalNode(p))
          if (i !== undefined) rbac[i] = (rbac[i] as number) + (held[p] as number)
        }
      })
    return found.map((f, i) => ({ ...f, totals: { rbacAssignments: rbac[i] as number } }))
  }

  /** Calls `then` with the position in `parts` of each of their nodes and edges, by id. */
  private ownersOf<T>(parts: readonly CachedPart[], then: (owner: Map<string, number>) => T): T {
    const owner = new Map<string, number>()
    parts.forEach((part, i) => {
      for (const n of part.nodes) owner.set(n.id, i)
      for (const e of part.edges) owner.set(e.id, i)
    })
    return then(owner)
  }

  private found(run: RuleRun, findings: readonly Finding[], alone?: () => RuleRun): Found {
    const found: Found = alone ? { run, findings, alone } : { run, findings }
    for (const f of findings) {
      this.fresh.push(f)
      this.foundOf.set(f, found)
      this.live.add(f)
    }
    return found
  }

  private dropped({ findings }: Found): void {
    for (const f of findings) {
      this.stale.add(f)
      this.live.delete(f)
    }
  }

  /**
   * The fixes and suggestions of a finding of the last check, built against that version of the
   * whole design (new ids and names are unique in it), on first request; none for a finding an
   * earlier check found that the last one did not.
   */
  offers(finding: Finding): Offers {
    const known = this.offered.get(finding)
    if (known) return known
    const found = this.foundOf.get(finding)
    if (!found || !this.live.has(finding)) return NO_OFFERS
    let run = found.run
    let position = run.findings.indexOf(finding)
    if (found.alone) {
      // The part alone finds the same findings, but not always in the same order (its walk
      // meets its own nodes and edges in another order): the same rule, subject and message,
      // and among equal ones the same one.
      run = this.aloneRuns.get(found) ?? found.alone()
      this.aloneRuns.set(found, run)
      position = nthSame(run.findings, finding, rankAmongSame(found.findings, finding))
      if (position < 0) return NO_OFFERS
    }
    let fixer = this.fixers.get(run)
    if (!fixer) this.fixers.set(run, (fixer = new Fixer(run.index, run.labels, this.scope)))
    const offers = buildOffers(run, position, fixer)
    this.offered.set(finding, offers)
    return offers
  }
}

const sameFinding = (a: Finding, b: Finding): boolean =>
  a.rule === b.rule && a.subject === b.subject && a.message === b.message

/** How many findings equal to this one come before it in the list. */
function rankAmongSame(findings: readonly Finding[], finding: Finding): number {
  let rank = 0
  for (const f of findings) {
    if (f === finding) return rank
    if (sameFinding(f, finding)) rank++
  }
  return rank
}

/** The position of the finding equal to this one with the given rank, or -1. */
function nthSame(findings: readonly Finding[], finding: Finding, rank: number): number {
  let seen = 0
  for (let i = 0; i < findings.length; i++)
    if (sameFinding(findings[i] as Finding, finding) && seen++ === rank) return i
  return -1
}
