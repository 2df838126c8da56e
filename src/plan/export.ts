import { stableJson } from '../lib/json.ts'
import type { Plan } from './types.ts'

/** The `*.plan.json` text: stable key order, two-space indent, final newline. */
export function serializePlan(plan: Plan): string {
  return stableJson(plan)
}

/** `Receipts platform` → `receipts-platform.plan.json`. */
export function planFileName(designName: string): string {
  const base = designName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return `${base || 'design'}.plan.json`
}
