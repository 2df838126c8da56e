import type { Principals } from './principals.ts'
import type { Retry } from './retry.ts'
import type { ArmGateway } from './gateway.ts'
import { kindOf } from './steps/index.ts'
import type { Executed, PreviewItem } from './steps/step-kind.ts'

export type { Executed } from './steps/step-kind.ts'

export interface ExecuteContext {
  readonly gateway: ArmGateway
  readonly principals: Principals
  readonly retry: Retry
  readonly signal: AbortSignal | undefined
  /** Run steps the preview found the caller lacks permission for: ARM answers for them. */
  readonly attemptDenied?: boolean
}

/**
 * One previewed step against ARM: what is in place stays, what cannot or is manual is skipped
 * with the preview's reason, the rest runs as its kind says (steps/<kind>.ts). Throws an
 * ArmFailure (or AbortError) when it fails; never half-reports.
 */
export async function executeStep(item: PreviewItem, ctx: ExecuteContext): Promise<Executed> {
  const { step } = item
  const kind = kindOf(step)
  if (item.status === 'inPlace') {
    const resourceId = kind.target(step)
    return {
      outcome: 'unchanged',
      detail: item.reason ?? 'already in place',
      ...(resourceId ? { resourceId } : {}),
    }
  }
  if (item.status === 'cannot' && !(item.denied && ctx.attemptDenied))
    return { outcome: 'skipped', detail: item.reason ?? 'cannot be applied' }
  if (item.status === 'manual')
    return { outcome: 'skipped', detail: `manual: ${item.reason ?? ''}` }
  return kind.execute(step, ctx)
}
