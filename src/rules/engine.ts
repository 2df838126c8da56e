import { DesignIndex } from '../analysis/design-index.ts'
import { compareOrdinal } from '../lib/compare.ts'
import type { Design } from '../model/types.ts'
import { designScope, Fixer } from './fixer.ts'
import { Labels } from './labels.ts'
import { compileMessage, fillMessage, type CompiledMessage } from './messages.ts'
import { OfferBuilders } from './offer-builders.ts'
import { RULES } from './registry.ts'
import type {
  ComponentRule,
  DesignRule,
  DesignTotals,
  FilledMessage,
  Listeners,
  MessageData,
  Rule,
  RuleContext,
} from './rule.ts'
import { walk } from './walk.ts'
import { NO_OFFERS, SEVERITIES, type Finding, type Offers, type Severity } from './types.ts'

export const INTERNAL_ERROR_RULE = 'internal-error'

/**
 * One walk of the component rules over an index: findings in report order, and the fix and
 * suggestion builders their rules handed over, by finding position.
 */
export interface RuleRun {
  readonly index: DesignIndex
  readonly labels: Labels
  readonly findings: readonly Finding[]
  readonly builders: OfferBuilders
}

/**
 * Runs component rules over one index in a single walk (walk.ts). A rule that throws stops
 * hearing events and yields an `internal-error` finding naming it; the others go on.
 */
export function runRules(rules: readonly ComponentRule[], index: DesignIndex): RuleRun {
  const labels = new Labels(index)
  const findings: Finding[] = []
  const builders = new OfferBuilders()
  const failed = (rule: Rule, e: unknown): void => {
    findings.push(internalError(rule, e))
  }
  const listeners = rules.map((rule): Listeners => {
    const id = rule.meta.id
    const messages = compiler(rule.meta.messages)
    const fill = (messageId: string, data: MessageData = NO_DATA) =>
      fillMessage(messages(messageId), data) as FilledMessage<string>
    const context: RuleContext<string> = {
      index,
      label: (node) => labels.of(node),
      labelAt: (n) => labels.at(n),
      fill,
      report(r) {
        const message = r.message ?? fill(r.messageId, r.data)
        const severity = r.severity ?? rule.meta.severity
        const finding: Finding =
          r.related && r.related.length > 0
            ? { rule: id, severity, subject: r.subject, message, related: r.related }
            : { rule: id, severity, subject: r.subject, message }
        builders.add(findings.push(finding) - 1, r.fix, r.suggest)
      },
    }
    try {
      return rule.create(context)
    } catch (e) {
      failed(rule, e)
      return {}
    }
  })
  walk(index, listeners, (r, e) => failed(rules[r] as Rule, e))
  return { index, labels, findings, builders }
}

/** The design-wide rules over the design's totals. */
export function runDesignRules(rules: readonly DesignRule[], totals: DesignTotals): Finding[] {
  const findings: Finding[] = []
  for (const rule of rules) {
    const messages = compiler(rule.meta.messages)
    try {
      rule
        .create({
          report(r) {
            findings.push({
              rule: rule.meta.id,
              severity: r.severity ?? rule.meta.severity,
              subject: null,
              message: fillMessage(messages(r.messageId), r.data ?? NO_DATA),
            })
          },
        })
        .design(totals)
    } catch (e) {
      findings.push(internalError(rule, e))
    }
  }
  return findings
}

export function totalsOf(index: DesignIndex): DesignTotals {
  return { rbacAssignments: index.rbacAssignmentCount() }
}

/** The fixes and suggestions of the run's finding at `position`, built against `fixer`'s design. */
export function buildOffers(run: RuleRun, position: number, fixer: Fixer): Offers {
  const slot = run.builders.slotOf(position)
  return slot < 0 ? NO_OFFERS : buildSlot(run.builders, slot, fixer)
}

function buildSlot(builders: OfferBuilders, slot: number, fixer: Fixer): Offers {
  return {
    fixes: builders.fixAt(slot)?.(fixer) ?? [],
    suggestions: builders.suggestAt(slot)?.(fixer) ?? [],
  }
}

/** The builder slot (OfferBuilders) of each finding of the run that has a builder. */
function builderSlots(run: RuleRun): Map<Finding, number> {
  const { builders, findings } = run
  const out = new Map<Finding, number>()
  for (let slot = 0; slot < builders.size; slot++)
    out.set(findings[builders.positionOf(slot)] as Finding, slot)
  return out
}

/** The rules split by scope (RuleMeta.scope). */
export function byScope(rules: readonly Rule[]): {
  component: ComponentRule[]
  design: DesignRule[]
} {
  const component: ComponentRule[] = []
  const design: DesignRule[] = []
  for (const rule of rules)
    if (rule.meta.scope === 'design') design.push(rule as DesignRule)
    else component.push(rule as ComponentRule)
  return { component, design }
}

/** The findings of one check of a design, and its fixes on request. */
export interface Check {
  /** Sorted by severity, rule, subject and message (stable). */
  readonly findings: readonly Finding[]
  /** The fixes and suggestions of one of `findings`, built on first request and kept. */
  offers(finding: Finding): Offers
}

export function runCheck(design: Design, rules: readonly Rule[] = RULES): Check {
  const index = new DesignIndex(design)
  const { component, design: wide } = byScope(rules)
  const run = runRules(component, index)
  const designWide = wide.length > 0 ? runDesignRules(wide, totalsOf(index)) : NO_FINDINGS
  let fixer: Fixer | undefined
  let slots: Map<Finding, number> | undefined
  // Offers kept by builder slot, not in a second map keyed by finding (the designer may ask for
  // all ten thousand); made on the first request, as `slots`.
  let built: (Offers | undefined)[] | undefined
  return {
    findings: sortFindings(run.findings, designWide),
    offers(finding) {
      const slot = (slots ??= builderSlots(run)).get(finding)
      if (slot === undefined) return NO_OFFERS
      fixer ??= new Fixer(index, run.labels, designScope(design))
      built ??= new Array<Offers | undefined>(run.builders.size)
      return (built[slot] ??= buildSlot(run.builders, slot, fixer))
    },
  }
}

/** Every rule's findings on a design, sorted (see runCheck for their fixes). */
export function checkDesign(design: Design, rules: readonly Rule[] = RULES): Finding[] {
  return runCheck(design, rules).findings as Finding[]
}

/**
 * Severity, then rule id, subject and message in ordinal order; stable for equal keys (`more`
 * after `findings`, as if appended). Severity and rule become one number, the findings are
 * counted into buckets by it (one typed array of positions, no list per bucket), and only each
 * bucket is sorted. Apart from the result, nothing the length of the findings is a JS array:
 * past about 16,000 elements each is a large object of its own, slow to allocate.
 */
export function sortFindings(
  findings: readonly Finding[],
  more: readonly Finding[] = NO_FINDINGS,
): Finding[] {
  const count = findings.length + more.length
  const at = (i: number): Finding =>
    (i < findings.length ? findings[i] : more[i - findings.length]) as Finding
  const rank = ruleRanks(findings, more)
  const rules = rank.size
  const bucketOf = new Int32Array(count)
  const start = new Int32Array(SEVERITIES.length * rules + 1)
  let lastRule: string | undefined
  let lastRank = 0
  for (let i = 0; i < count; i++) {
    const f = at(i)
    // A rule's findings mostly come one after another: its rank without a lookup.
    if (f.rule !== lastRule) lastRank = rank.get((lastRule = f.rule)) as number
    const bucket = SEVERITY_RANK[f.severity] * rules + lastRank
    bucketOf[i] = bucket
    start[bucket + 1] = (start[bucket + 1] as number) + 1
  }
  for (let b = 1; b < start.length; b++) start[b] = (start[b] as number) + (start[b - 1] as number)
  const order = new Int32Array(count)
  const next = start.slice(0, -1)
  for (let i = 0; i < count; i++) order[(next[bucketOf[i] as number] as number)++] = i
  const bySubject = (i: number, j: number): number => {
    const a = at(i)
    const b = at(j)
    return (
      compareOrdinal(a.subject ?? '', b.subject ?? '') ||
      compareOrdinal(a.message, b.message) ||
      i - j
    )
  }
  for (let b = 0; b + 1 < start.length; b++) {
    const from = start[b] as number
    const to = start[b + 1] as number
    if (to - from < 2) continue
    // Array#sort, not the typed array's: it is a TimSort, which takes the runs a rule's findings
    // come in (edge after edge, their ids mostly in order) as they are; the typed array's sort
    // merges from single elements, twice the comparisons on 10,000 findings of one rule.
    // (Copied by a loop: Array.from would go through an iterator, an object per finding.)
    const bucket = new Array<number>(to - from)
    for (let k = 0; k < bucket.length; k++) bucket[k] = order[from + k] as number
    bucket.sort(bySubject)
    for (let k = 0; k < bucket.length; k++) order[from + k] = bucket[k] as number
  }
  const out = new Array<Finding>(count)
  for (let k = 0; k < count; k++) out[k] = at(order[k] as number)
  return out
}

/** Each rule id of the findings, by its rank in ordinal order. */
function ruleRanks(findings: readonly Finding[], more: readonly Finding[]): Map<string, number> {
  const ids = new Set<string>()
  let last: string | undefined
  // By position: this runs once per check, before the optimizing compiler takes it, and there
  // `for…of` makes an object per finding (0.7 MB at 10,000 apps).
  for (const list of [findings, more])
    for (let i = 0; i < list.length; i++) {
      const { rule } = list[i] as Finding
      if (rule !== last) ids.add((last = rule))
    }
  return new Map([...ids].sort(compareOrdinal).map((id, i) => [id, i]))
}

const NO_FINDINGS: readonly Finding[] = []

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 }

export interface FindingCounts {
  error: number
  warning: number
  info: number
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const counts = { error: 0, warning: 0, info: 0 }
  for (const f of findings) counts[f.severity]++
  return counts
}

const NO_DATA = {}

/** Each message template of a rule compiled on first use, for one run. */
function compiler(messages: Readonly<Record<string, string>>): (id: string) => CompiledMessage {
  const compiled = new Map<string, CompiledMessage>()
  return (id) => {
    let parts = compiled.get(id)
    if (!parts) compiled.set(id, (parts = compileMessage(messages[id] as string)))
    return parts
  }
}

function internalError(rule: Rule, e: unknown): Finding {
  return {
    rule: INTERNAL_ERROR_RULE,
    severity: 'error',
    subject: null,
    message: `rule ${rule.meta.id} failed: ${e instanceof Error ? e.message : String(e)}`,
  }
}
