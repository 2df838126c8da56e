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
 * in linear time, when no finding of one compares equal to a finding of the other (equal findings
 * would keep the order of `a` before `b`).
 */
export function mergeSorted(a: readonly Finding[], b: readonly Finding[]): Finding[] {
  const out = new Array<Finding>(a.length + b.length)
  let i = 0
  let j = 0
  let k = 0
  while (i < a.length && j < b.length) {
    const x = a[i] as Finding
    const y = b[j] as Finding
    if (compareFindings(y, x) < 0) {
      out[k++] = y
      j++
    } else {
      out[k++] = x
      i++
    }
  }
  while (i < a.length) out[k++] = a[i++] as Finding
  while (j < b.length) out[k++] = b[j++] as Finding
  return out
}
