import type { ArmGateway } from '../gateway.ts'
import { parseArmId, resourceGroupScope } from '../../plan/arm-ids.ts'
import type { KnownPrincipal, Learnt, Principals } from '../principals.ts'
import type { Outcome } from '../report.ts'
import type { Retry } from '../retry.ts'
import type { Step } from '../steps.ts'
import type { PlanPrincipal } from '../../plan/types.ts'

/** An operation the caller must be allowed, and where (ARM's action and scope). */
export interface Needed {
  readonly action: string
  readonly scope: string
}

/** The group an id lives in: where a resource that does not exist yet is allowed or not. */
export function groupOf(id: string): string {
  const p = parseArmId(id)
  return p?.resourceGroup ? resourceGroupScope(p.subscriptionId, p.resourceGroup) : id
}

export type PreviewStatus = 'create' | 'inPlace' | 'conflict' | 'cannot' | 'manual'

export interface PreviewItem {
  readonly step: Step
  readonly status: PreviewStatus
  /** Why: what exists, what differs, or what stops the step. */
  readonly reason?: string
  /** Set when the step is "cannot" only because the caller lacks this permission: ARM may still
   * allow it (a role just granted, a condition the permissions API does not show), so a run may try. */
  readonly denied?: Needed
}

/** What a step's preview may use: reads (retried by the preview's gateway) and what is known. */
export interface PreviewContext {
  readonly gateway: ArmGateway
  readonly signal: AbortSignal | undefined
  /** Principals known so far: those read before the steps, and those earlier steps found. */
  readonly principals: Principals
  /** The preview found a principal (a system identity that is already on). */
  learn(principal: PlanPrincipal, known: KnownPrincipal): void
  /** One read per key for the whole preview (case-insensitive keys). */
  memo<T>(key: string, load: () => Promise<T>): Promise<T>
}

/** What a step's execution may use: every ARM call goes through `retry`, the run's only retrier. */
export interface ExecuteContext {
  readonly gateway: ArmGateway
  /** As of the start of the step's phase: ids learnt by earlier phases included. */
  readonly principals: Principals
  readonly retry: Retry
  readonly signal: AbortSignal | undefined
}

export interface Executed {
  readonly outcome: Outcome
  readonly detail?: string
  readonly resourceId?: string
  /** Principal ids the step made or read back, threaded into later phases and the report. */
  readonly learnt?: readonly Learnt[]
}

/**
 * One kind of apply step: how it is previewed, how it runs, and what ARM asks of its order.
 * A step kind's file holds every per-type behaviour (PATCH or GET + PUT, locks, read-back).
 */
export interface StepKind<S extends Step> {
  preview(step: S, ctx: PreviewContext): Promise<PreviewItem>
  /** Runs a step the preview found to create or change. Throws an ArmFailure or AbortError. */
  execute(step: S, ctx: ExecuteContext): Promise<Executed>
  /** The resource or scope the step changes (the report links its Access control page). */
  target(step: S): string | undefined
  /**
   * What ARM checks for the step's writes (the provider operations; see README "Who needs which
   * role"), checked against the caller's permissions in the preview.
   */
  needs(step: S): Needed[]
  /**
   * Steps of one phase that share a lane run one at a time, in plan order: ARM refuses
   * concurrent writes there (a Cosmos DB account's data-role assignments, an identity's
   * federated credentials). Steps without a lane run concurrently.
   */
  lane?(step: S): string | undefined
}

/** A grant whose principal has no id yet: a developer cannot be granted; an identity is made by this apply. */
export function withoutPrincipal(step: Extract<Step, { principal: unknown }>): PreviewItem {
  return step.principal.type === 'developer'
    ? { step, status: 'cannot', reason: 'the developer has no Microsoft Entra object id' }
    : { step, status: 'create', reason: 'the identity is created by this apply' }
}

export function noPrincipal(node: string): Executed {
  return {
    outcome: 'skipped',
    detail: `no principal id for ${node}: its identity was not created or enabled`,
  }
}
