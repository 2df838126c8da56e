import { grantsAction } from '../catalog/privilege.ts'

/**
 * Does a set of permission entries (actions with ARM's `*` wildcards, minus notActions) allow an
 * action? The catalog's matcher, the same one that decides which roles are privileged.
 */
export const permits = grantsAction

export const ROLE_ASSIGNMENT_WRITE = 'Microsoft.Authorization/roleAssignments/write'
