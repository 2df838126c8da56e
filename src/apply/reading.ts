import type { Clock } from './clock.ts'
import { FailureStreak } from './failure-streak.ts'
import type { ArmGateway } from './gateway.ts'
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry.ts'

export interface ReadRetryOptions {
  readonly clock: Clock
  readonly random: () => number
  readonly policy?: RetryPolicy
  readonly signal?: AbortSignal
}

/** Marks a gateway whose reads retry: the run (run.ts) refuses one, as it retries every call itself. */
export declare const ReadsRetried: unique symbol
export type ReadRetryingGateway = ArmGateway & { readonly [ReadsRetried]: true }

const READS = [
  'listSubscriptions',
  'listTenants',
  'listResourceGroups',
  'listResources',
  'getResource',
  'getUserIdentity',
  'listRoleAssignments',
  'listPrincipalAssignments',
  'getRoleDefinition',
  'readPermissions',
  'listCosmosRoleAssignments',
  'getAppSettings',
  'getFederatedCredential',
  'listEntraAdministrators',
  'getRedisAccessPolicyAssignment',
  'listScopeAssignments',
  'listUserIdentities',
  'listSubscriptionResources',
] as const satisfies readonly (keyof ArmGateway)[]

/**
 * The same gateway with its reads retried on 429, 5xx and network errors (writes untouched): for
 * binding, preview and prune. Never for a run, whose engine retries each call once, in one place.
 */
export function withReadRetries(
  gateway: ArmGateway,
  options: ReadRetryOptions,
): ReadRetryingGateway {
  const wrapped: Record<string, unknown> = { ...gateway }
  // Its reads run side by side (a preview's): one read's 5xx backs off far only while ARM fails
  // the others too.
  const streak = new FailureStreak()
  for (const name of READS) {
    const read = gateway[name] as (...args: unknown[]) => Promise<unknown>
    wrapped[name] = (...args: unknown[]) =>
      withRetry(
        () => read.apply(gateway, args),
        {
          clock: options.clock,
          random: options.random,
          policy: options.policy ?? DEFAULT_RETRY,
          streak,
          ...(options.signal ? { signal: options.signal } : {}),
        },
        false,
      )
  }
  return wrapped as unknown as ReadRetryingGateway
}
