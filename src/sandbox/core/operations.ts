import { changed, type Ctx, json, newGuid, noContent, nowIso } from './context.ts'
import { armError } from './errors.ts'
import { findResource, renderResource } from './resource-store.ts'
import type { OperationRecord, SandboxResponse } from './types.ts'

/**
 * Records an asynchronous operation and returns its id. It runs for the sandbox's operation
 * duration (faults.operations), `InProgress` until then; `resultId` is what a `Location` poll
 * answers with once it is done. With `error` it ends `Failed` with that error.
 */
export function startOperation(
  ctx: Ctx,
  resultId?: string,
  error?: OperationRecord['error'],
): string {
  const id = newGuid(ctx)
  const duration = ctx.settings.faults.operations.durationMs
  ctx.state.operations[id] = {
    id,
    status: error ? 'Failed' : 'Succeeded',
    ...(error ? { error } : {}),
    startTime: nowIso(ctx),
    ...(duration > 0 ? { doneAt: ctx.now + duration } : {}),
    ...(resultId ? { resultId } : {}),
  }
  changed(ctx)
  return id
}

const notFound = (id: string) =>
  armError(404, 'OperationNotFound', `The operation '${id}' could not be found.`)

const running = (ctx: Ctx, op: OperationRecord): boolean =>
  op.doneAt !== undefined && ctx.now < op.doneAt

/** ARM's polling hint, in whole seconds. */
const retryAfter = (ctx: Ctx): Record<string, string> => ({
  'retry-after': String(ctx.settings.faults.operations.retryAfterSeconds),
})

/** `Azure-AsyncOperation` polling: `{ status }`, `InProgress` until the operation ends. */
export function operationStatus(ctx: Ctx, id: string): SandboxResponse {
  const op = ctx.state.operations[id.toLowerCase()]
  if (!op) return notFound(id)
  const inProgress = running(ctx, op)
  return json(
    200,
    {
      id: op.id,
      name: op.id,
      status: inProgress ? 'InProgress' : op.status,
      startTime: op.startTime,
      ...(inProgress
        ? {}
        : { endTime: new Date(op.doneAt ?? Date.parse(op.startTime)).toISOString() }),
      ...(!inProgress && op.error
        ? { error: { code: op.error.code, message: op.error.message } }
        : {}),
    },
    inProgress ? retryAfter(ctx) : {},
  )
}

/**
 * `Location` polling (ARM's async pattern): `202 Accepted` with an empty body and `Retry-After`
 * while the operation runs, then the final resource (200) or `204 No Content`.
 */
export function operationResult(ctx: Ctx, id: string): SandboxResponse {
  const op = ctx.state.operations[id.toLowerCase()]
  if (!op) return notFound(id)
  if (running(ctx, op)) {
    const location = `${ctx.origin}${ctx.request.path}?api-version=${ctx.request.query.get('api-version') ?? ''}`
    return { status: 202, headers: { ...retryAfter(ctx), location } }
  }
  if (op.error) return armError(op.error.status, op.error.code, op.error.message)
  const result = op.resultId ? findResource(ctx.state, op.resultId) : undefined
  return result ? json(200, renderResource(result)) : noContent(op.resultId ? 204 : 200)
}

/** The 202 that hands a started operation's `Location` to the caller. */
export function locationAnswer(ctx: Ctx, subscriptionId: string, op: string): SandboxResponse {
  return {
    status: 202,
    headers: {
      ...retryAfter(ctx),
      location: `${ctx.origin}/subscriptions/${subscriptionId}/operationresults/${op}?api-version=${ctx.request.query.get('api-version') ?? ''}`,
    },
  }
}
