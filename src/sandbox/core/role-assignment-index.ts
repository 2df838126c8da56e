import { idKey } from './ids.ts'
import type { RoleAssignmentRecord } from './types.ts'

type Assignments = Readonly<Record<string, RoleAssignmentRecord>>

/**
 * (principal, role, scope) → assignment name, so the uniqueness check of a PUT is not a scan of up
 * to 5,000 assignments. Kept beside the state, never in it: built on first use for each
 * assignments object (a loaded or reset world has a new one), extended on every create, and
 * checked on every hit, so deletions anywhere never leave it wrong.
 */
const indexes = new WeakMap<Assignments, Map<string, string>>()

const keyOf = (principalId: string, roleGuid: string, scope: string): string =>
  `${principalId.toLowerCase()}|${roleGuid.toLowerCase()}|${idKey(scope)}`

function indexFor(assignments: Assignments): Map<string, string> {
  let index = indexes.get(assignments)
  if (!index) {
    index = new Map()
    for (const a of Object.values(assignments))
      index.set(keyOf(a.principalId, a.roleDefinitionGuid, a.scope), a.name)
    indexes.set(assignments, index)
  }
  return index
}

/** The assignment with this (scope, role, principal) under any name. */
export function findEqualAssignment(
  assignments: Assignments,
  scope: string,
  roleGuid: string,
  principalId: string,
): RoleAssignmentRecord | undefined {
  const key = keyOf(principalId, roleGuid, scope)
  const name = indexFor(assignments).get(key)
  const found = name === undefined ? undefined : assignments[name]
  return found && keyOf(found.principalId, found.roleDefinitionGuid, found.scope) === key
    ? found
    : undefined
}

/** Records a new assignment in the index (call after storing it). */
export function indexAssignment(assignments: Assignments, a: RoleAssignmentRecord): void {
  indexFor(assignments).set(keyOf(a.principalId, a.roleDefinitionGuid, a.scope), a.name)
}
