import { permits, type PermissionEntry } from '../catalog/arm-permissions.ts'
import type { ArmGateway, CallOptions } from './gateway.ts'
import type { Step } from './steps.ts'
import { kindOf } from './steps/index.ts'
import type { Needed } from './steps/step-kind.ts'

export type { Needed } from './steps/step-kind.ts'

/** What ARM checks for a step's writes (each step kind says: steps/<kind>.ts `needs`). */
export const neededFor = (step: Step): Needed[] => kindOf(step).needs(step)

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
