// The engine under test, seen through the shape the reference (v1/) gives: findings with their
// fixes and suggestions as plain lists. Only this file follows the new engine's API.
import type { Design } from '@/model/types.ts'
import { optimizeIdentities } from '@/optimize/optimize.ts'
import { derivePlan } from '@/plan/derive.ts'
import { checkDesign } from '@/rules/engine.ts'
import { IncrementalChecker } from '@/rules/incremental.ts'
import type { Finding } from '@/rules/types.ts'
import type { Plain } from './plain.ts'
import { plain } from './plain.ts'

export function check(design: Design): Plain[] {
  return plain(checkDesign(design))
}

export function incremental(): (design: Design) => Plain[] {
  const checker = new IncrementalChecker()
  return (design) => plain(checker.check(design))
}

export const plan = derivePlan
export const optimize = optimizeIdentities
export type { Finding }
