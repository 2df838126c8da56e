import { describeError, describeFailure } from '../../apply/describe.ts'
import { adviceFor, classify, isArmFailure } from '../../apply/failure.ts'
import type { ApplyState } from './types.ts'

/**
 * Binding's error when reading the group failed. ARM's advice for server errors, throttling and
 * dropped connections is written for a run ("Re-run apply; completed steps are kept"), wrong
 * before anything was applied: binding only reads, so say it changed nothing, and offer to bind
 * again when trying again may help. A failure that will not pass by itself (no permission, no such
 * group) keeps ARM's advice instead.
 */
export function bindFailure(e: unknown): Partial<ApplyState> {
  if (!isArmFailure(e)) return { error: describeError(e) }
  const lasting = classify(e) === 'permanent'
  const next = lasting ? adviceFor(e) : 'Retry the binding.'
  return {
    error: `${describeFailure(e)} — Binding only reads the resource group: it changed nothing in Azure.${next ? ` ${next}` : ''}`,
    retryBind: !lasting,
  }
}
