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

/** Records a new assignment in the indexes (call after storing it). */
export function indexAssignment(assignments: Assignments, a: RoleAssignmentRecord): void {
  indexFor(assignments).set(keyOf(a.principalId, a.roleDefinitionGuid, a.scope), a.name)
  const held = holdersFor(assignments)
  held.set(a.principalId, (held.get(a.principalId) ?? new Set<string>()).add(a.name))
}

/**
 * principal → names of its assignments, so authorizing a call (sign-in mode) reads the caller's
 * few assignments, not all 5,000. Built, extended and checked like the index above.
 */
const holders = new WeakMap<Assignments, Map<string, Set<string>>>()

function holdersFor(assignments: Assignments): Map<string, Set<string>> {
  let map = holders.get(assignments)
  if (!map) {
    map = new Map()
    for (const a of Object.values(assignments)) {
      const names = map.get(a.principalId) ?? new Set<string>()
      names.add(a.name)
      map.set(a.principalId, names)
    }
    holders.set(assignments, map)
  }
  return map
}

/** The assignments a principal holds anywhere (ids lower-case, as stored). */
export function assignmentsHeldBy(
  assignments: Assignments,
  principalId: string,
): RoleAssignmentRecord[] {
  const principal = principalId.toLowerCase()
  const out: RoleAssignmentRecord[] = []
  for (const name of holdersFor(assignments).get(principal) ?? []) {
    const a = assignments[name]
    if (a && a.principalId === principal) out.push(a)
  }
  return out
}
