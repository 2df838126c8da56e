import { isAbort, type Clock } from './clock.ts'
import { adviceFor, isArmFailure, type ArmFailure } from './failure.ts'
import type { ArmGateway } from './gateway.ts'
import type { Learnt, Principals } from './principals.ts'
import type { ReadsRetried } from './reading.ts'
import { ARM_WRITE_BUCKET, ArmPacer, type BucketOptions } from './pacer.ts'
import type { Preview, PreviewItem } from './preview.ts'
import { portalAccessControlUrl } from './clouds.ts'
import { countOutcomes, type ApplyReport, type StepResult } from './report.ts'
import { DEFAULT_RETRY, withRetry, type AttemptNote, type RetryPolicy } from './retry.ts'
import { withObjectId } from '../plan/sql.ts'
import { PHASES, type Step } from './steps.ts'
import { executeStep } from './execute.ts'
import { FailureStreak } from './failure-streak.ts'
import { kindOf } from './steps/index.ts'

export type ApplyEvent =
  | { readonly type: 'started'; readonly total: number }
  | { readonly type: 'stepStarted'; readonly step: Step }
  | { readonly type: 'retry'; readonly step: Step; readonly note: AttemptNote }
  | {
      readonly type: 'stepFinished'
      readonly result: StepResult
      readonly done: number
      readonly total: number
    }

export interface ApplyOptions {
  /**
   * The plain gateway: the run is the only retrier of its calls (each attempt counted, logged and
   * stopped by a cancel). A gateway whose reads already retry (reading.ts) is refused by type.
   */
  readonly gateway: ArmGateway & { readonly [ReadsRetried]?: never }
  readonly clock: Clock
  readonly random: () => number
  readonly design: string
  readonly target: ApplyReport['target']
  /** Steps in flight at once within a phase. */
  readonly concurrency?: number
  readonly bucket?: BucketOptions
  /** Pass one when the gateway reports ARM's remaining writes to it. */
  readonly pacer?: ArmPacer
  readonly retry?: RetryPolicy
  readonly signal?: AbortSignal
  readonly onEvent?: (event: ApplyEvent) => void
  /**
   * Also run the steps the preview found the caller lacks permission for (the permissions API
   * may not see a role granted since, or what a condition allows): ARM's 403 then lands in the
   * report. Off, they are skipped with the preview's reason.
   */
  readonly attemptDenied?: boolean
}

/**
 * Runs a previewed apply phase by phase (identities, identity settings, role assignments, Cosmos DB
 * data roles, app settings), steps of a phase concurrently and paced to ARM's write bucket. Every
 * step ends as created, unchanged, failed (with ARM's error) or skipped — never a throw halfway —
 * and a cancelled run reports exactly what was done.
 */
export async function runApply(preview: Preview, options: ApplyOptions): Promise<ApplyReport> {
  const { clock, signal } = options
  const startedAt = clock.now()
  const pacer = options.pacer ?? new ArmPacer(options.bucket ?? ARM_WRITE_BUCKET, clock)
  const results = new Map<string, StepResult>()
  // One for the whole run: whether ARM answers the other steps decides how far a step backs off.
  const streak = new FailureStreak()
  const total = preview.items.length
  options.onEvent?.({ type: 'started', total })
  const finish = (result: StepResult): void => {
    results.set(result.id, result)
    options.onEvent?.({ type: 'stepFinished', result, done: results.size, total })
  }

  // Each phase reads the principals as the phases before it left them; what it learns (identities
  // created, system identities switched on) is added once the phase is over.
  let principals: Principals = preview.principals
  for (const phase of PHASES) {
    const lanes = lanesOf(preview.items.filter((i) => i.step.kind === phase))
    const learnt: Learnt[] = []
    const known = principals
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < lanes.length) {
        for (const item of lanes[next++] as PreviewItem[]) {
          if (signal?.aborted) {
            finish(base(item, 'skipped', 0, 'cancelled before it started'))
            continue
          }
          options.onEvent?.({ type: 'stepStarted', step: item.step })
          const done = await runItem(item, known)
          learnt.push(...done.learnt)
          finish(done.result)
        }
      }
    }
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 8, lanes.length)) }, worker),
    )
    principals = principals.with(learnt)
  }

  const steps = preview.items.map((i) =>
    withLearntObjectId(
      i.step,
      results.get(i.step.id) ?? base(i, 'skipped', 0, 'not run'),
      principals,
    ),
  )
  return {
    format: 'identity-apply-report',
    version: 1,
    design: options.design,
    target: options.target,
    startedAt: new Date(startedAt).toISOString(),
    durationMs: clock.now() - startedAt,
    cancelled: signal?.aborted === true,
    counts: countOutcomes(steps),
    steps,
    principals: principals.toRecord(),
  }

  async function runItem(
    item: PreviewItem,
    known: Principals,
  ): Promise<{ result: StepResult; learnt: readonly Learnt[] }> {
    let attempts = 0
    const retry = <T>(call: () => Promise<T>, write: boolean): Promise<T> =>
      withRetry(
        () => {
          attempts++
          return call()
        },
        {
          clock,
          policy: options.retry ?? DEFAULT_RETRY,
          random: options.random,
          pacer,
          streak,
          ...(signal ? { signal } : {}),
          onRetry: (note) => options.onEvent?.({ type: 'retry', step: item.step, note }),
        },
        write,
      )
    try {
      const done = await executeStep(item, {
        gateway: options.gateway,
        principals: known,
        retry,
        signal,
        ...(options.attemptDenied ? { attemptDenied: true } : {}),
      })
      return {
        result: {
          ...base(item, done.outcome, attempts, done.detail),
          ...link(done.resourceId, options.target.endpoint),
        },
        learnt: done.learnt ?? [],
      }
    } catch (e) {
      if (isAbort(e))
        return {
          result: base(
            item,
            'skipped',
            attempts,
            'cancelled while in flight: it may or may not have reached Azure; apply again to converge',
          ),
          learnt: [],
        }
      const failure: ArmFailure = isArmFailure(e)
        ? e
        : { code: 'InternalError', message: e instanceof Error ? e.message : String(e) }
      const advice = adviceFor(failure)
      return {
        result: {
          ...base(item, 'failed', attempts),
          failure: { ...pick(failure), ...(advice ? { advice } : {}) },
        },
        learnt: [],
      }
    }
  }
}

/**
 * A phase's items as lanes: the items of one lane (steps/<kind>.ts's `lane`) run one after the
 * other in plan order; every other item is a lane of its own. Lanes run concurrently.
 */
function lanesOf(items: readonly PreviewItem[]): PreviewItem[][] {
  const lanes: PreviewItem[][] = []
  const byKey = new Map<string, PreviewItem[]>()
  for (const item of items) {
    const key = kindOf(item.step).lane?.(item.step)
    const shared = key === undefined ? undefined : byKey.get(key)
    if (shared) {
      shared.push(item)
      continue
    }
    const lane = [item]
    lanes.push(lane)
    if (key !== undefined) byKey.set(key, lane)
  }
  return lanes
}

/**
 * A database-user step's script with its principal's object id, once the run knows it (an
 * identity found or created): the Msg 33131 repair it offers then needs no look-up.
 */
function withLearntObjectId(step: Step, result: StepResult, principals: Principals): StepResult {
  if (step.kind !== 'sqlScript' || !result.script) return result
  const script = withObjectId(result.script, principals.get(step.principal)?.principalId)
  return script === result.script ? result : { ...result, script }
}

function base(
  item: PreviewItem,
  outcome: StepResult['outcome'],
  attempts: number,
  detail?: string,
): StepResult {
  const script = item.step.kind === 'sqlScript' ? { script: item.step.script } : {}
  return {
    id: item.step.id,
    kind: item.step.kind,
    title: item.step.title,
    outcome,
    attempts,
    ...(detail ? { detail } : {}),
    ...script,
    ...(item.status === 'manual' ? { manual: true } : {}),
  }
}

function link(resourceId: string | undefined, endpoint: string): Partial<StepResult> {
  if (!resourceId) return {}
  const portalUrl = portalAccessControlUrl(resourceId, endpoint)
  return portalUrl ? { resourceId, portalUrl } : { resourceId }
}

function pick(f: ArmFailure): ArmFailure {
  return {
    code: f.code,
    message: f.message,
    ...(f.status !== undefined ? { status: f.status } : {}),
  }
}
