import * as z from 'zod/mini'
import { err, ok, type Result } from '../../lib/result.ts'
import type { FaultPatch } from './faults.ts'
import { PRINCIPAL_TYPES } from './principals.ts'
import type { WorldAdditions } from './seed-additions.ts'
import type { SandboxState } from './types.ts'

const rate = z.number().check(z.gte(0), z.lte(1))
const nonNegative = z.number().check(z.gte(0))

const capacity = z.number().check(z.gte(1))
const callerBucket = { capacity: z.optional(capacity), refillPerSecond: z.optional(nonNegative) }
const globalBucket = {
  globalCapacity: z.optional(capacity),
  globalRefillPerSecond: z.optional(nonNegative),
}
const bucket = z.strictObject({ enabled: z.optional(z.boolean()), ...callerBucket })

const faultPatch = z.strictObject({
  latency: z.optional(
    z.strictObject({ fixedMs: z.optional(nonNegative), jitterMs: z.optional(nonNegative) }),
  ),
  readThrottle: z.optional(bucket),
  throttle: z.optional(z.extend(bucket, globalBucket)),
  // Switched on and off with `throttle`: no `enabled` of its own.
  deleteThrottle: z.optional(z.strictObject({ ...callerBucket, ...globalBucket })),
  operations: z.optional(
    z.strictObject({
      durationMs: z.optional(nonNegative),
      retryAfterSeconds: z.optional(nonNegative),
    }),
  ),
  locks: z.optional(
    z.strictObject({
      enabled: z.optional(z.boolean()),
      federatedCredentialMs: z.optional(nonNegative),
      siteMs: z.optional(nonNegative),
    }),
  ),
  serverErrors: z.optional(z.strictObject({ rate: z.optional(rate) })),
  resets: z.optional(
    z.strictObject({ rate: z.optional(rate), phase: z.optional(z.enum(['request', 'response'])) }),
  ),
  forbiddenScopes: z.optional(z.array(z.string())),
  limits: z.optional(z.strictObject({ roleAssignments: z.optional(nonNegative) })),
})

const additions = z.strictObject({
  tenants: z.optional(
    z.array(
      z.strictObject({
        tenantId: z.string(),
        displayName: z.optional(z.string()),
        defaultDomain: z.optional(z.string()),
      }),
    ),
  ),
  subscriptions: z.optional(
    z.array(
      z.strictObject({
        subscriptionId: z.string(),
        displayName: z.optional(z.string()),
        tenantId: z.optional(z.string()),
      }),
    ),
  ),
  principals: z.optional(
    z.array(
      z.strictObject({ id: z.string(), type: z.enum(PRINCIPAL_TYPES as [string, ...string[]]) }),
    ),
  ),
  resourceGroups: z.optional(
    z.array(
      z.strictObject({
        name: z.string(),
        location: z.optional(z.string()),
        subscriptionId: z.optional(z.string()),
      }),
    ),
  ),
  resources: z.optional(
    z.array(
      z.strictObject({
        type: z.string(),
        name: z.string(),
        resourceGroup: z.optional(z.string()),
        subscriptionId: z.optional(z.string()),
        location: z.optional(z.string()),
        kind: z.optional(z.string()),
        properties: z.optional(z.record(z.string(), z.json())),
      }),
    ),
  ),
})

function parse<T>(schema: z.ZodMiniType, value: unknown): Result<T, string> {
  const result = z.safeParse(schema, value)
  return result.success ? ok(result.data as T) : err(z.prettifyError(result.error))
}

/** Fault settings from an admin request or the web app's saved settings. */
export const parseFaultPatch = (value: unknown): Result<FaultPatch, string> =>
  parse(faultPatch, value)

export const parseWorldAdditions = (value: unknown): Result<WorldAdditions, string> =>
  parse(additions, value)

/** A persisted snapshot, checked only as far as its envelope: it was written by `snapshot()`. */
export function parseSandboxState(value: unknown): Result<SandboxState, string> {
  if (!value || typeof value !== 'object') return err('a sandbox state must be an object')
  const s = value as Partial<SandboxState>
  if (s.format !== 'arm-sandbox' || s.version !== 1)
    return err('not a sandbox state (format arm-sandbox, version 1)')
  const maps = [
    'subscriptions',
    'resourceGroups',
    'resources',
    'principals',
    'roleAssignments',
    'operations',
    'buckets',
  ] as const
  for (const key of maps)
    if (!s[key] || typeof s[key] !== 'object') return err(`the sandbox state lacks ${key}`)
  if (!s.prng || !s.counters || typeof s.clockOffsetMs !== 'number')
    return err('the sandbox state lacks prng, counters or clock')
  return ok(value as SandboxState)
}
