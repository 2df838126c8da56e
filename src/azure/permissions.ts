/** Does a set of permission entries (actions with `*` wildcards, minus notActions) allow an action? */
export function permits(
  entries: readonly { actions?: readonly string[]; notActions?: readonly string[] }[],
  action: string,
): boolean {
  const matches = (pattern: string): boolean => {
    const re = new RegExp(
      `^${pattern
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
        .join('.*')}$`,
      'i',
    )
    return re.test(action)
  }
  return entries.some((e) => (e.actions ?? []).some(matches) && !(e.notActions ?? []).some(matches))
}

export const ROLE_ASSIGNMENT_WRITE = 'Microsoft.Authorization/roleAssignments/write'
