import { defineRule, formatMessage, type Finding, type RuleMeta } from '../types.ts'

/** Azure's limit per subscription, and where the warning starts. */
export const ROLE_ASSIGNMENT_LIMIT = 5000
export const ROLE_ASSIGNMENT_WARNING = 4000

const meta = {
  id: 'role-assignment-limit',
  severity: 'warning',
  subject: 'design',
  description:
    'The design derives more Azure RBAC role assignments than one subscription holds (warning over 4,000, error over 5,000).',
  hasFixes: false,
  messages: {
    over: 'The design derives {count} Azure role assignments; one subscription holds at most 5,000. Share identities with identical needs, and grant developers through groups.',
    near: 'The design derives {count} Azure role assignments, close to the 5,000 one subscription holds. Share identities with identical needs, and grant developers through groups.',
  },
  learnMore: 'https://learn.microsoft.com/azure/role-based-access-control/troubleshoot-limits',
} as const satisfies RuleMeta

export const ROLE_ASSIGNMENT_RULE = meta.id

/** The finding for this many distinct Azure RBAC grants, or undefined when under the warning. */
export function assessLimit(count: number): Finding | undefined {
  if (count <= ROLE_ASSIGNMENT_WARNING) return undefined
  const over = count > ROLE_ASSIGNMENT_LIMIT
  return {
    rule: meta.id,
    severity: over ? 'error' : 'warning',
    subject: null,
    message: formatMessage(over ? meta.messages.over : meta.messages.near, {
      count: count.toLocaleString('en-US'),
    }),
  }
}

export const roleAssignmentLimit = defineRule({
  meta,
  check({ facts, report }) {
    // Distinct grants = per principal, its distinct (service, role, scope) through Azure RBAC.
    let count = 0
    for (const summary of facts.principals()) count += summary.rbac
    const finding = assessLimit(count)
    if (finding) report(finding)
  },
})
