import { settleUpdates } from './async-updates.ts'
import { callerOf } from './auth.ts'
import type { Ctx, SandboxSettings } from './context.ts'
import { invalidApiVersion, missingApiVersion } from './errors.ts'
import {
  DEFAULT_FAULTS,
  drawFaults,
  type FaultConfig,
  type FaultDraw,
  type FaultPatch,
  mergeFaults,
} from './faults.ts'
import { frontDoor } from './gate.ts'
import { requestId, requestStream } from './prng.ts'
import { type ParsedRequest, parseRequest } from './request.ts'
import { route } from './router.ts'
import { authorize } from './rbac-gate.ts'
import { type RbacAssignmentSeed, seedRbac } from './rbac-seed.ts'
import { addToWorld, type WorldAdditions } from './seed-additions.ts'
import { DEFAULT_SEED, seedState } from './seed.ts'
import { wrongTenant } from './subscriptions.ts'
import type { SandboxOutcome, SandboxRequest, SandboxResponse, SandboxState } from './types.ts'

export interface SandboxOptions {
  readonly faults?: FaultPatch
  /** PrincipalNotFound window for principals the sandbox made (default 3 minutes of sandbox time). */
  readonly principalPropagationMs?: number
  /**
   * How long a principal the sandbox made stays unknown to a provider that looks it up in
   * Microsoft Entra ID itself (Cosmos DB data roles; default 5 seconds of sandbox time).
   */
  readonly entraLookupMs?: number
  readonly pageSize?: number
  /**
   * Sign-in mode: the world starts with these directory principals and role assignments (again
   * after a reset), and every call is authorized by the caller's roles (403 AuthorizationFailed).
   */
  readonly directory?: readonly RbacAssignmentSeed[]
}

export interface CreateSandboxInput {
  readonly seed?: number
  /** The clock (ms since the epoch); the core never reads the real one. */
  readonly now: () => number
  /** A snapshot to continue from (e.g. persisted by the web app); else the seeded world. */
  readonly state?: SandboxState
  readonly options?: SandboxOptions
}

/** An in-memory Azure Resource Manager: pure request → outcome, deterministic for seed and clock. */
export interface Sandbox {
  handle(request: SandboxRequest): SandboxOutcome
  /** JSON-serialisable copy of the world (ids, assignments, PRNG and clock offset). */
  snapshot(): SandboxState
  load(state: SandboxState): void
  /** Back to the seeded world (faults untouched). */
  reset(seed?: number): void
  /** Adds principals, groups or resources directly, bypassing ARM (admin seeding). */
  seed(additions: WorldAdditions): void
  faults(): FaultConfig
  setFaults(patch: FaultPatch): FaultConfig
  resetFaults(): FaultConfig
  /** Moves sandbox time forward (PrincipalNotFound window, token refill). */
  advanceClock(ms: number): void
  now(): number
  /** Moves whenever the world changes, so an adapter knows when to persist. */
  revision(): number
}

export const DEFAULT_PRINCIPAL_PROPAGATION_MS = 3 * 60 * 1000
/**
 * Long enough that a data role written right after its identity is made meets the lookup
 * failure (as it often does in Azure: pulumi/pulumi-azure-native#2816), short enough that a real-
 * time sandbox (npm start, the end-to-end tests) waits it out in seconds.
 */
export const DEFAULT_ENTRA_LOOKUP_MS = 5_000
export const DEFAULT_PAGE_SIZE = 100
const API_VERSION = /^\d{4}-\d{2}-\d{2}(-[a-z]+)?$/i

export function createSandbox(input: CreateSandboxInput): Sandbox {
  const seedNumber = input.seed ?? DEFAULT_SEED
  const directory = input.options?.directory
  const seedWorld = (n: number): SandboxState => {
    const world = seedState(n)
    if (directory) seedRbac(world, directory)
    return world
  }
  let state: SandboxState = input.state ? structuredCopy(input.state) : seedWorld(seedNumber)
  const initialFaults = mergeFaults(DEFAULT_FAULTS, input.options?.faults)
  let settings: SandboxSettings = {
    faults: initialFaults,
    principalPropagationMs:
      input.options?.principalPropagationMs ?? DEFAULT_PRINCIPAL_PROPAGATION_MS,
    entraLookupMs: input.options?.entraLookupMs ?? DEFAULT_ENTRA_LOOKUP_MS,
    pageSize: input.options?.pageSize ?? DEFAULT_PAGE_SIZE,
    rbac: directory !== undefined,
  }
  const now = (): number => input.now() + state.clockOffsetMs
  /** How many times each method and URL was asked (see handle). */
  const asked = new Map<string, number>()

  function process(request: ParsedRequest, draw: FaultDraw): SandboxResponse {
    settleUpdates(state, now())
    const n = ++state.counters.requests
    const id = requestId(n)
    const base = {
      'x-ms-request-id': id,
      'x-ms-correlation-request-id': request.headers['x-ms-client-request-id'] ?? id,
    }
    const answer = (r: SandboxResponse, extra: Record<string, string> = {}): SandboxResponse => ({
      ...r,
      headers: { ...r.headers, ...extra, ...base },
    })
    const caller = callerOf(request.headers, state.tenantId)
    if (!caller.ok) return answer(caller.error)
    const apiVersion = request.query.get('api-version')
    if (apiVersion === null || apiVersion === '') return answer(missingApiVersion())
    if (!API_VERSION.test(apiVersion)) return answer(invalidApiVersion(apiVersion))
    const head = request.method === 'HEAD'
    const ctx: Ctx = {
      state,
      settings,
      request: head ? { ...request, method: 'GET' } : request,
      caller: caller.value,
      now: now(),
      origin: `https://${request.headers.host ?? 'management.azure.com'}`,
    }
    // The token's tenant is checked before any permission: ARM answers 401 for another tenant's.
    const [first, subscriptionId] = request.segments
    const foreign =
      first?.toLowerCase() === 'subscriptions' && subscriptionId !== undefined
        ? wrongTenant(ctx, subscriptionId)
        : undefined
    if (foreign) return answer(foreign)
    const authz = settings.rbac ? authorize(ctx) : { allowed: true as const }
    if (!authz.allowed) return answer(authz.response)
    const gate = frontDoor(ctx, draw, id)
    if (!gate.passed) return answer(gate.response)
    const routed = route(ctx)
    const response = answer(authz.filter ? authz.filter(routed) : routed, gate.headers)
    if (!head) return response
    // HEAD answers existence only: 204 when the GET would succeed, the status alone otherwise.
    return { status: response.status === 200 ? 204 : response.status, headers: response.headers }
  }

  return {
    handle(request) {
      const parsed = parseRequest(request)
      // Each request draws from a stream of its own (its method and URL, and how many times
      // they were asked before), not from one shared sequence: the nth attempt of a request
      // meets the same fault whatever ran between, so a run under concurrency is reproducible.
      const key = `${request.method} ${request.url}`
      const attempt = (asked.get(key) ?? 0) + 1
      asked.set(key, attempt)
      const stream = { value: requestStream(state.prng.faults, key, attempt) }
      const draw = drawFaults(settings.faults, stream)
      if (draw.reset === 'request') return { kind: 'reset', delayMs: draw.delayMs }
      const { holdMs = 0, ...response } = process(parsed, draw)
      const delayMs = draw.delayMs + holdMs
      if (draw.reset === 'response') return { kind: 'reset', delayMs }
      return { kind: 'response', delayMs, response }
    },
    snapshot: () => {
      settleUpdates(state, now())
      return structuredCopy(state)
    },
    load(next) {
      state = structuredCopy(next)
      state.counters.revision++
      asked.clear()
    },
    reset(seed) {
      const revision = state.counters.revision
      state = seedWorld(seed ?? seedNumber)
      state.counters.revision = revision + 1
      asked.clear()
    },
    seed(additions) {
      addToWorld(state, additions, now() - settings.principalPropagationMs)
    },
    faults: () => settings.faults,
    setFaults(patch) {
      settings = { ...settings, faults: mergeFaults(settings.faults, patch) }
      return settings.faults
    },
    resetFaults() {
      settings = { ...settings, faults: initialFaults }
      return settings.faults
    },
    advanceClock(ms) {
      state.clockOffsetMs += ms
      state.counters.revision++
    },
    now,
    revision: () => state.counters.revision,
  }
}

function structuredCopy(state: SandboxState): SandboxState {
  return JSON.parse(JSON.stringify(state)) as SandboxState
}
