import { changed, type Ctx, json } from './context.ts'
import { armError } from './errors.ts'
import { idKey } from './ids.ts'
import { locationAnswer, startOperation } from './operations.ts'
import { renderResource } from './resource-store.ts'
import type { ResourceRecord, SandboxResponse, SandboxState } from './types.ts'

/**
 * Types whose PATCH is a long-running operation tracked by `Location` (ContainerApps_Update in
 * Microsoft.App 2024-03-01: 200 or 202 + Location, x-ms-long-running-operation): the answer is
 * 202 with an empty body, and the change shows once the operation has run.
 */
const ASYNC_PATCH = new Set(['microsoft.app/containerapps'])

export const patchIsAsync = (type: string): boolean => ASYNC_PATCH.has(type.toLowerCase())

/**
 * A second write to a Container App while one runs is refused, as Microsoft.App does
 * (microsoft/azure-container-apps#175: 409 ContainerAppLockConflict).
 */
export function updateInProgress(ctx: Ctx, resource: ResourceRecord): SandboxResponse | undefined {
  if (!ctx.state.deferred?.[idKey(resource.id)]) return undefined
  return armError(
    409,
    'ContainerAppLockConflict',
    `Cannot modify container App '${resource.name}' because another modification is in progress. Please retry the operation.`,
  )
}

/**
 * Commits an updated resource: at once (200 with the resource), or for an asynchronous PATCH when
 * its operation ends: until then the resource reads as before, `provisioningState` InProgress,
 * and the `Location` poll answers 202. Principals an identity change creates exist at once (Entra
 * creates them as the write starts; nothing in ARM shows them before the resource does).
 */
export function commitUpdate(
  ctx: Ctx,
  current: ResourceRecord,
  next: ResourceRecord,
): SandboxResponse {
  const key = idKey(current.id)
  if (!patchIsAsync(current.type)) {
    ctx.state.resources[key] = next
    changed(ctx)
    return json(200, renderResource(next))
  }
  const op = startOperation(ctx, current.id)
  const doneAt = ctx.state.operations[op]?.doneAt
  if (doneAt === undefined) {
    ctx.state.resources[key] = next
  } else {
    ;(ctx.state.deferred ??= {})[key] = { doneAt, record: next }
    current.properties = { ...current.properties, provisioningState: 'InProgress' }
  }
  changed(ctx)
  return locationAnswer(ctx, current.subscriptionId, op)
}

/**
 * Lands every deferred update whose operation has ended (before a request is answered, and before
 * a snapshot): the resource then reads as written.
 */
export function settleUpdates(state: SandboxState, now: number): void {
  const pending = state.deferred
  if (!pending) return
  for (const [key, update] of Object.entries(pending)) {
    if (now < update.doneAt) continue
    state.resources[key] = update.record
    delete pending[key]
    state.counters.revision++
  }
}
