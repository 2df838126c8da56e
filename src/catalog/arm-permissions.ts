/**
 * Azure RBAC's action matching, shared by the sandbox (which authorizes with it) and apply's
 * preview (which reads the caller's permissions from ARM and judges each step with it).
 */

/** One entry of a role definition's `permissions`, or of ARM's permissions API. */
export interface PermissionEntry {
  readonly actions?: readonly string[]
  readonly notActions?: readonly string[]
}

const patterns = new Map<string, RegExp>()

/**
 * ARM's wildcard: `*` stands for any run of characters, case is ignored, and `/*\/` also matches a
 * single `/` — `Microsoft.ManagedIdentity/userAssignedIdentities/*\/assign/action` (Managed Identity
 * Operator) grants `…/userAssignedIdentities/assign/action`.
 */
export function actionMatches(pattern: string, action: string): boolean {
  let re = patterns.get(pattern)
  if (!re) {
    const body = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')
      .replace(/\/\.\*\//g, '/(?:.*/)?')
    re = new RegExp(`^${body}$`, 'i')
    patterns.set(pattern, re)
  }
  return re.test(action)
}

/** Does any entry grant the action? (`notActions` subtract from their own entry only.) */
export function permits(entries: readonly PermissionEntry[], action: string): boolean {
  return entries.some(
    (p) =>
      (p.actions ?? []).some((a) => actionMatches(a, action)) &&
      !(p.notActions ?? []).some((n) => actionMatches(n, action)),
  )
}
