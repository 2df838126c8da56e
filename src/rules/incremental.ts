import { DesignIndex } from '../analysis/design-index.ts'
import type { Design, DesignEdge, DesignNode } from '../model/types.ts'
import { components } from './components.ts'
import {
  buildOffers,
  byScope,
  positions,
  runDesignRules,
  runRules,
  sortFindings,
  totalsOf,
  type RuleRun,
} from './engine.ts'
import { designScope, Fixer, type DesignScope } from './fixer.ts'
import { RULES } from './registry.ts'
import type { ComponentRule, DesignRule, DesignTotals, Rule } from './rule.ts'
import { NO_OFFERS, type Finding, type Offers } from './types.ts'

/** One connected part of the last design checked, with what the component rules found in it. */
interface Part {
  readonly nodes: readonly DesignNode[]
  readonly edges: readonly DesignEdge[]
  readonly run: RuleRun
  readonly totals: DesignTotals
}

const same = <T>(a: readonly T[], b: readonly T[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i])

/**
 * Checks successive versions of a design (the designer after each edit) and re-runs the
 * component rules (RuleMeta.scope) only on the connected parts whose nodes or edges changed:
 * edits return untouched items as the same objects, so an unchanged part is recognised by
 * identity, and its findings are handed out again as they are (the same objects). Design-wide
 * rules run on the parts' totals, summed. Gives the same findings as checkDesign.
 */
export class IncrementalChecker {
  private readonly component: readonly ComponentRule[]
  private readonly design: readonly DesignRule[]
  private parts = new Map<string, Part>()
  private current: Design = { name: '', nodes: [], edges: [] }
  private scope: DesignScope = designScope(this.current)
  /** Which run found each finding with fix builders, and where (made on the first `offers`). */
  private owners?: Map<Finding, [RuleRun, number]>
  /** For the current version: each part's fixer, and the offers built so far. */
  private readonly fixers = new Map<RuleRun, Fixer>()
  private readonly offered = new Map<Finding, Offers>()
  /** How many parts the last check ran the rules on (the others were reused). */
  checkedParts = 0

  constructor(rules: readonly Rule[] = RULES) {
    const { component, design } = byScope(rules)
    this.component = component
    this.design = design
  }

  check(design: Design): Finding[] {
    if (design !== this.current) {
      this.current = design
      this.scope = designScope(design)
      this.owners = undefined
      this.fixers.clear()
      this.offered.clear()
    }
    const next = new Map<string, Part>()
    const findings: Finding[] = []
    let rbacAssignments = 0
    this.checkedParts = 0
    for (const c of components(design)) {
      const old = this.parts.get(c.key)
      let part: Part
      if (old && same(old.nodes, c.nodes) && same(old.edges, c.edges)) {
        part = old
      } else {
        const index = new DesignIndex({ name: design.name, nodes: c.nodes, edges: c.edges })
        const run = runRules(this.component, index)
        const totals = this.design.length > 0 ? totalsOf(index) : { rbacAssignments: 0 }
        part = { nodes: c.nodes, edges: c.edges, run, totals }
        this.checkedParts++
      }
      for (const f of part.run.findings) findings.push(f)
      rbacAssignments += part.totals.rbacAssignments
      next.set(c.key, part)
    }
    this.parts = next
    if (this.design.length > 0) findings.push(...runDesignRules(this.design, { rbacAssignments }))
    return sortFindings(findings)
  }

  /**
   * The fixes and suggestions of a finding of the last check, built against that version of the
   * whole design (new ids and names are unique in it), on first request.
   */
  offers(finding: Finding): Offers {
    const known = this.offered.get(finding)
    if (known) return known
    this.owners ??= positions([...this.parts.values()].map((p) => p.run))
    const [run, position] = this.owners.get(finding) ?? []
    if (!run || position === undefined) return NO_OFFERS
    let fixer = this.fixers.get(run)
    if (!fixer) this.fixers.set(run, (fixer = new Fixer(run.index, run.labels, this.scope)))
    const offers = buildOffers(run, position, fixer)
    this.offered.set(finding, offers)
    return offers
  }
}
