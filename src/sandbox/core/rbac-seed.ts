import { v5 as uuidv5 } from 'uuid'
import { idKey } from './ids.ts'
import type { PrincipalType, SandboxState } from './types.ts'

/** A role a directory principal holds when the world starts (sign-in mode). */
export interface RbacAssignmentSeed {
  readonly principalId: string
  readonly principalType: PrincipalType
  readonly roleDefinitionGuid: string
  readonly scope: string
}

const SEED_NAMESPACE = '0b7f3f9e-6c1d-4f0a-9a35-2f4c8e1d7b62'
const SEEDED_ON = '2026-01-01T00:00:00.0000000Z'

/**
 * Adds the directory's principals (visible at once: they exist before the sandbox) and their role
 * assignments, named by a GUID derived from (scope, principal, role) so a reset gives the same ids.
 */
export function seedRbac(state: SandboxState, seeds: readonly RbacAssignmentSeed[]): void {
  for (const seed of seeds) {
    const principalId = seed.principalId.toLowerCase()
    state.principals[principalId] = { id: principalId, type: seed.principalType, createdAt: 0 }
    const roleGuid = seed.roleDefinitionGuid.toLowerCase()
    const name = uuidv5(`${idKey(seed.scope)}|${principalId}|${roleGuid}`, SEED_NAMESPACE)
    state.roleAssignments[name] = {
      name,
      scope: seed.scope,
      roleDefinitionGuid: roleGuid,
      principalId,
      principalType: seed.principalType,
      description: null,
      condition: null,
      conditionVersion: null,
      createdOn: SEEDED_ON,
      updatedOn: SEEDED_ON,
      createdBy: principalId,
      updatedBy: principalId,
    }
  }
}
