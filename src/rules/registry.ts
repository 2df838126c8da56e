import type { Rule } from './types.ts'

/** Every rule, in the order of PRODUCT.md §5. A meta-test keeps it complete and documented. */
export const RULES: readonly Rule[] = []

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id)
}
