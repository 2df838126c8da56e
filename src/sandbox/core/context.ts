import type { FaultConfig } from './faults.ts'
import { nextGuid } from './prng.ts'
import type { ParsedRequest } from './request.ts'
import type { SandboxResponse, SandboxState } from './types.ts'

/** Who is calling, read from the bearer token. */
export interface Caller {
  readonly principalId: string
  readonly tenantId: string
  /** A user's sign-in name (`upn` / `preferred_username`): ARM names users by it in 403 messages. */
  readonly username?: string
}

export interface SandboxSettings {
  readonly faults: FaultConfig
  /** How long a principal the sandbox made stays invisible to role assignments without principalType. */
  readonly principalPropagationMs: number
  /** How long such a principal stays unknown to Cosmos DB's own Entra lookup (its data roles). */
  readonly entraLookupMs: number
  /** Items per page of a list before a `nextLink`. */
  readonly pageSize: number
  /** Sign-in mode: every call is authorized by the caller's role assignments (rbac-gate.ts). */
  readonly rbac: boolean
}

/** Everything a handler needs for one request. Handlers mutate `state` and call `changed()`. */
export interface Ctx {
  readonly state: SandboxState
  readonly settings: SandboxSettings
  readonly request: ParsedRequest
  readonly caller: Caller
  /** Sandbox time in ms (the injected clock plus the state's offset). */
  readonly now: number
  /** `https://host` of the request, for absolute `nextLink` and operation URLs. */
  readonly origin: string
}

export const nowIso = (ctx: Ctx): string => new Date(ctx.now).toISOString()

export function newGuid(ctx: Ctx): string {
  const stream = { value: ctx.state.prng.ids }
  const guid = nextGuid(stream)
  ctx.state.prng.ids = stream.value
  return guid
}

export function changed(ctx: Ctx): void {
  ctx.state.counters.revision++
}

export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  }
}

export const noContent = (status = 204): SandboxResponse => ({ status, headers: {} })

/** The api-version the request used (present: the router checked it). */
export const apiVersionOf = (ctx: Ctx): string => ctx.request.query.get('api-version') ?? ''
