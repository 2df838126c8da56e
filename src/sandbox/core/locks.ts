import type { Ctx } from './context.ts'
import { idKey } from './ids.ts'

/**
 * Provider locks (faults.locks): a write that needs a resource's exclusive lock while another
 * holds it is refused. `tryLock` takes the lock until `ms` from now when it is free, and says
 * whether it did; a lock taken for 0 ms is free again at once.
 */
export function tryLock(ctx: Ctx, resourceId: string, ms: number): boolean {
  if (!ctx.settings.faults.locks.enabled) return true
  const locks = (ctx.state.locks ??= {})
  const key = idKey(resourceId)
  const until = locks[key]
  if (until !== undefined && ctx.now < until) return false
  if (ms > 0) locks[key] = ctx.now + ms
  else delete locks[key]
  return true
}
