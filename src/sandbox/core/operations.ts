import { changed, type Ctx, json, newGuid, noContent, nowIso } from './context.ts'
import { armError } from './errors.ts'

/** Records a finished asynchronous operation and returns its id (the sandbox completes at once). */
export function startOperation(ctx: Ctx): string {
  const id = newGuid(ctx)
  ctx.state.operations[id] = { id, status: 'Succeeded', startTime: nowIso(ctx) }
  changed(ctx)
  return id
}

const notFound = (id: string) =>
  armError(404, 'OperationNotFound', `The operation '${id}' could not be found.`)

/** `Azure-AsyncOperation` polling: `{ status }` as the Cosmos DB provider answers. */
export function operationStatus(ctx: Ctx, id: string) {
  const op = ctx.state.operations[id.toLowerCase()]
  if (!op) return notFound(id)
  return json(200, {
    id: op.id,
    name: op.id,
    status: op.status,
    startTime: op.startTime,
    endTime: op.startTime,
  })
}

/** `Location` polling: 200 once done (the final resource is read from its own URL). */
export function operationResult(ctx: Ctx, id: string) {
  return ctx.state.operations[id.toLowerCase()] ? noContent(200) : notFound(id)
}
