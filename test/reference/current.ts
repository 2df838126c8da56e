// The engine under test, seen through the shape the reference (v1/) gives: findings with their
// fixes and suggestions as plain lists. Only this file follows the new engine's API.
import type { Design } from '@/model/types.ts'
import { optimizeIdentities } from '@/optimize/optimize.ts'
import { derivePlan } from '@/plan/derive.ts'
import { runCheck } from '@/rules/engine.ts'
import { IncrementalChecker } from '@/rules/incremental.ts'
import type { Finding, Offers } from '@/rules/types.ts'
import { plain, type Plain } from './plain.ts'

const withOffers = (findings: readonly Finding[], offers: (f: Finding) => Offers): Plain[] =>
  plain(findings.map((f) => ({ ...f, ...offers(f) })))

export function check(design: Design): Plain[] {
  const result = runCheck(design)
  return withOffers(result.findings, (f) => result.offers(f))
}

export function incremental(): (design: Design) => Plain[] {
  const checker = new IncrementalChecker()
  return (design) => withOffers(checker.check(design), (f) => checker.offers(f))
}

export const plan = derivePlan
export const optimize = optimizeIdentities
