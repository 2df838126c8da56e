import { createRule } from '../rule.ts'

/** Azure's limit per subscription, and where the warning starts. */
export const ROLE_ASSIGNMENT_LIMIT = 5000
export const ROLE_ASSIGNMENT_WARNING = 4000

export const roleAssignmentLimit = createRule({
  meta: {
    id: 'role-assignment-limit',
    severity: 'warning',
    subject: 'design',
    scope: 'design',
    description:
      'The design derives more Azure RBAC role assignments than one subscription holds (warning over 4,000, error over 5,000).',
    hasFixes: false,
    messages: {
      over: 'The design derives {count} Azure role assignments; one subscription holds at most 5,000. Share identities with identical needs, and grant developers through groups.',
      near: 'The design derives {count} Azure role assignments, close to the 5,000 one subscription holds. Share identities with identical needs, and grant developers through groups.',
    },
    learnMore: 'https://learn.microsoft.com/azure/role-based-access-control/troubleshoot-limits',
  },
  create({ report }) {
    return {
      // Distinct grants = per principal, its distinct (service, role, scope) through Azure RBAC.
      design({ rbacAssignments: count }) {
        if (count <= ROLE_ASSIGNMENT_WARNING) return
        const over = count > ROLE_ASSIGNMENT_LIMIT
        report({
          messageId: over ? 'over' : 'near',
          severity: over ? 'error' : 'warning',
          data: { count: thousands(count) },
        })
      },
    }
  },
})

/** 12345 → "12,345" (as en-US writes it; Intl would cost more than the rest of this rule). */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}
