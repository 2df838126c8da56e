import { permits, type PermissionEntry } from '../catalog/arm-permissions.ts'
import { assertNever } from '../lib/assert.ts'
import { parseArmId, resourceGroupScope } from '../plan/arm-ids.ts'
import type { ArmGateway, CallOptions } from './gateway.ts'
import type { Step } from './steps.ts'

/** An operation the caller must be allowed, and where (ARM's action and scope). */
export interface Needed {
  readonly action: string
  readonly scope: string
}

export const ROLE_ASSIGNMENT_WRITE = 'Microsoft.Authorization/roleAssignments/write'
const ASSIGN_IDENTITY = 'Microsoft.ManagedIdentity/userAssignedIdentities/assign/action'

/** The group an id lives in: where a resource that does not exist yet is allowed or not. */
function groupOf(id: string): string {
  const p = parseArmId(id)
  return p?.resourceGroup ? resourceGroupScope(p.subscriptionId, p.resourceGroup) : id
}

/**
 * What ARM checks for each step's writes (the provider operations of the built-in roles apply
 * needs, see README "Who needs which role"): identities are created in their group; attaching one
 * writes the app and needs `assign/action` on the identity (ARM's linked authorization).
 */
export function neededFor(step: Step): Needed[] {
  switch (step.kind) {
    case 'createIdentity':
      return [
        {
          action: 'Microsoft.ManagedIdentity/userAssignedIdentities/write',
          scope: groupOf(step.resourceId),
        },
      ]
    case 'configureIdentity': {
      if (!step.resourceId) return []
      const type = parseArmId(step.resourceId)?.type ?? ''
      return [
        { action: `${type}/write`, scope: step.resourceId },
        // On the identity itself: one this apply creates has no permissions to read yet.
        ...step.attach.map((a) => ({ action: ASSIGN_IDENTITY, scope: a.resourceId })),
      ]
    }
    case 'assignRole':
      return step.scope ? [{ action: ROLE_ASSIGNMENT_WRITE, scope: step.scope }] : []
    case 'assignCosmosDataRole':
      return step.accountId
        ? [
            {
              action: 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments/write',
              scope: step.accountId,
            },
          ]
        : []
    case 'setAppSettings':
      return step.resourceId
        ? [
            { action: 'Microsoft.Web/sites/config/list/action', scope: step.resourceId },
            { action: 'Microsoft.Web/sites/config/write', scope: step.resourceId },
          ]
        : []
    case 'sqlScript':
      return []
    default:
      return assertNever(step, 'step')
  }
}

/**
 * Finds what the caller lacks for a step, reading its permissions at each scope once (ARM's
 * permissions API). Scopes whose permissions cannot be read deny nothing: ARM decides at run time.
 */
export function permissionCheck(
  gateway: ArmGateway,
  o: CallOptions,
): (step: Step) => Promise<Needed | undefined> {
  const cache = new Map<string, Promise<PermissionEntry[] | undefined>>()
  const at = (scope: string): Promise<PermissionEntry[] | undefined> => {
    const key = scope.toLowerCase()
    let entries = cache.get(key)
    if (!entries) {
      entries = gateway.readPermissions(scope, o)
      cache.set(key, entries)
    }
    return entries
  }
  return async (step) => {
    for (const need of neededFor(step)) {
      const entries = await at(need.scope)
      if (entries && !permits(entries, need.action)) return need
    }
    return undefined
  }
}
