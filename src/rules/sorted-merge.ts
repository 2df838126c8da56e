import { compareOrdinal } from '../lib/compare.ts'
import { SEVERITIES, type Finding } from './types.ts'

/**
 * The order of sortFindings (engine.ts) as a comparison: severity, then rule id, subject (none
 * first) and message in ordinal order. sortFindings also keeps equal findings in the order given.
 */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
    compareOrdinal(a.rule, b.rule) ||
    compareOrdinal(a.subject ?? '', b.subject ?? '') ||
    compareOrdinal(a.message, b.message)
  )
}

/**
 * Two lists sorted as sortFindings sorts merged into one: the same list as sorting both at once,
 * when no finding of one compares equal to a finding of the other (equal findings would keep the
 * order of `a` before `b`). The lists come in long runs (an edit changes the findings of a few
 * subjects): each run is found by binary search and copied whole, so a merge costs a few
 * comparisons per run, not one per finding.
 */
export function mergeSorted(a: readonly Finding[], b: readonly Finding[]): Finding[] {
  const out: Finding[] = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    // a's findings up to the first that comes after b[j]; then b's up to the first after that.
    const k = firstAfter(a, i, b[j] as Finding, false)
    for (; i < k; i++) out.push(a[i] as Finding)
    if (i === a.length) break
    const m = firstAfter(b, j, a[i] as Finding, true)
    for (; j < m; j++) out.push(b[j] as Finding)
  }
  for (; i < a.length; i++) out.push(a[i] as Finding)
  for (; j < b.length; j++) out.push(b[j] as Finding)
  return out
}

/**
 * The first position from `from` whose finding comes after `x` (`strict`: at or after it), by
 * galloping then bisecting: cheap when the answer is near.
 */
function firstAfter(list: readonly Finding[], from: number, x: Finding, strict: boolean): number {
  const before = (at: number): boolean => {
    const c = compareFindings(list[at] as Finding, x)
    return strict ? c < 0 : c <= 0
  }
  let lo = from
  let step = 1
  let hi = from
  while (hi < list.length && before(hi)) {
    lo = hi + 1
    hi = from + step
    step *= 2
  }
  hi = Math.min(hi, list.length)
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (before(mid)) lo = mid + 1
    else hi = mid
  }
  return lo
}
