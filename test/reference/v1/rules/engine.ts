import { DesignIndex } from '../analysis/design-index.ts'
import { compareOrdinal } from '@/lib/compare.ts'
import type { Design } from '@/model/types.ts'
import { RuleFacts, type Reserved } from './facts.ts'
import { RULES } from './registry.ts'
import { type Finding, type Fix, type Reported, type Rule, type Severity } from './types.ts'

export const INTERNAL_ERROR_RULE = 'internal-error'
const FIX_KEYS = ['fixes', 'suggestions'] as const
type Thunks = Partial<Record<(typeof FIX_KEYS)[number], () => readonly Fix[]>>
/** The fix functions behind lazy `fixes` / `suggestions`, so a reused finding can get fresh ones. */
const THUNKS = new WeakMap<Finding, Thunks>()

/**
 * Runs every rule over one index of the design. A rule that throws does not stop the others: it
 * yields an `internal-error` finding naming it. Findings come sorted by severity, rule and subject.
 * `reserved` is for checking part of a design (IncrementalChecker): ids and names used elsewhere.
 */
export function checkDesign(
  design: Design,
  rules: readonly Rule[] = RULES,
  index = new DesignIndex(design),
  reserved?: Reserved,
): Finding[] {
  return sortFindings(runRules(rules, index, new RuleFacts(index, reserved)))
}

/** The rules' findings in report order (unsorted). */
export function runRules(rules: readonly Rule[], index: DesignIndex, facts: RuleFacts): Finding[] {
  const findings: Finding[] = []
  for (const rule of rules) {
    const report = (f: Reported): void => {
      findings.push(normalize(rule.meta.id, f.severity ?? rule.meta.severity, f))
    }
    try {
      rule.check({ index, facts, report })
    } catch (e) {
      findings.push({
        rule: INTERNAL_ERROR_RULE,
        severity: 'error',
        subject: null,
        message: `rule ${rule.meta.id} failed: ${e instanceof Error ? e.message : String(e)}`,
      })
    }
  }
  return findings
}

/**
 * Severity, then rule id, subject and message in ordinal order; stable for equal keys. Severity
 * and rule become one number first, so most comparisons never touch a string.
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const rules = [...new Set(findings.map((f) => f.rule))].sort(compareOrdinal)
  const ruleRank = new Map(rules.map((r, i) => [r, i]))
  const keyed = findings.map((f) => ({
    f,
    rank: SEVERITY_RANK[f.severity] * rules.length + (ruleRank.get(f.rule) as number),
  }))
  keyed.sort(
    (a, b) =>
      a.rank - b.rank ||
      compareOrdinal(a.f.subject ?? '', b.f.subject ?? '') ||
      compareOrdinal(a.f.message, b.f.message),
  )
  return keyed.map((k) => k.f)
}

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

/**
 * The finding with the rule's id and severity, empty `related`, `fixes` and `suggestions` left
 * out. Fixes given as a function become a property computed on first read and kept: a check of a
 * large design builds no fix nobody looks at, and readers still see a plain list.
 */
function normalize(rule: string, severity: Severity, f: Reported): Finding {
  const finding: { -readonly [K in keyof Finding]: Finding[K] } = {
    rule,
    severity,
    subject: f.subject,
    message: f.message,
  }
  if (f.related && f.related.length > 0) finding.related = f.related
  const thunks: Thunks = {}
  for (const key of FIX_KEYS) {
    const list = f[key]
    if (typeof list === 'function') thunks[key] = list
    else if (list && list.length > 0) finding[key] = list
  }
  if (thunks.fixes || thunks.suggestions) {
    defineLazy(finding, thunks)
    THUNKS.set(finding, thunks)
  }
  return finding
}

function defineLazy(finding: object, thunks: Thunks): void {
  for (const key of FIX_KEYS) {
    const thunk = thunks[key]
    if (!thunk) continue
    let value: readonly Fix[] | undefined
    Object.defineProperty(finding, key, {
      enumerable: true,
      configurable: true,
      get: () => (value ??= thunk()),
    })
  }
}

/**
 * The same finding for a newer version of the design: a copy whose lazy fixes are computed
 * afresh when read (they may depend on ids taken elsewhere in the design meanwhile).
 */
export function renewFinding(f: Finding): Finding {
  const thunks = THUNKS.get(f)
  if (!thunks) return f
  const { rule, severity, subject, message, related } = f
  const copy: { -readonly [K in keyof Finding]: Finding[K] } = { rule, severity, subject, message }
  if (related) copy.related = related
  for (const key of FIX_KEYS) {
    const own = Object.getOwnPropertyDescriptor(f, key)
    if (own && 'value' in own) copy[key] = own.value as readonly Fix[]
  }
  defineLazy(copy, thunks)
  THUNKS.set(copy, thunks)
  return copy
}
