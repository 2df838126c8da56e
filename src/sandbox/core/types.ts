/** JSON values as they cross the wire and the snapshot. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
export type JsonObject = { [key: string]: Json }

/** What an adapter hands the core: one HTTP request, already read. */
export interface SandboxRequest {
  readonly method: string
  /** Path and query, e.g. `//subscriptions/…?api-version=2022-04-01` (a leading `//` is fine). */
  readonly url: string
  /** Header names in any case; `host` is used to build absolute `nextLink`s. */
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string
}

export interface SandboxResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string
  /**
   * The provider keeps working on this request this long before it answers (ms of sandbox
   * time): the adapter waits it out, so writes that overlap it are concurrent (federated
   * credentials of one identity). Never on the wire.
   */
  readonly holdMs?: number
}

/**
 * The core decides latency and connection resets (seeded) and the adapter carries them out:
 * wait `delayMs`, then answer or drop the connection.
 */
export type SandboxOutcome =
  | { readonly kind: 'response'; readonly delayMs: number; readonly response: SandboxResponse }
  | { readonly kind: 'reset'; readonly delayMs: number }

export type PrincipalType = 'ServicePrincipal' | 'User' | 'Group' | 'ForeignGroup' | 'Device'

export interface SubscriptionRecord {
  readonly subscriptionId: string
  readonly displayName: string
  /** Its Microsoft Entra tenant, when not the sandbox's own (one of `tenants`). */
  readonly tenantId?: string
}

/** A Microsoft Entra tenant the signed-in account is also in (a guest's, a customer's). */
export interface TenantRecord {
  readonly tenantId: string
  readonly displayName: string
  readonly defaultDomain: string
}

export interface ResourceGroupRecord {
  readonly subscriptionId: string
  readonly name: string
  location: string
  tags?: JsonObject
}

export interface UserIdentityRef {
  readonly principalId: string
  readonly clientId: string
}

export interface IdentityRecord {
  system?: { readonly principalId: string; readonly tenantId: string }
  /** Keyed by the identity's resource id exactly as the client sent it. */
  user: Record<string, UserIdentityRef>
}

export interface ResourceRecord {
  /** Canonical casing: the stored group name and the provider's spelling of the type. */
  readonly id: string
  readonly subscriptionId: string
  readonly resourceGroup: string
  readonly type: string
  /** Full name, `server/db` for a child. */
  readonly name: string
  /** Tracked resources (with a location) show in the group's `/resources` list. */
  readonly tracked: boolean
  location?: string
  kind?: string
  tags?: JsonObject
  properties: JsonObject
  /** Other top-level fields (sku, zones, …) kept as sent. */
  extra: JsonObject
  identity?: IdentityRecord
}

export interface PrincipalRecord {
  readonly id: string
  readonly type: PrincipalType
  /** Sandbox time (ms) the principal was made: a fresh one is not yet visible without principalType. */
  readonly createdAt: number
}

export interface RoleAssignmentRecord {
  readonly name: string
  readonly scope: string
  readonly roleDefinitionGuid: string
  readonly principalId: string
  readonly principalType: PrincipalType
  description: string | null
  condition: string | null
  conditionVersion: string | null
  readonly createdOn: string
  updatedOn: string
  readonly createdBy: string
  updatedBy: string
}

/** An asynchronous operation (Cosmos DB answers 202 + Azure-AsyncOperation, Redis 202 + Location). */
export interface OperationRecord {
  readonly id: string
  readonly status: 'Succeeded' | 'Failed'
  /** Why a failed operation failed, and the status a `Location` poll answers it with. */
  readonly error?: { readonly status: number; readonly code: string; readonly message: string }
  readonly startTime: string
  /** Sandbox time it finishes; until then it is `InProgress` (absent: finished at once). */
  readonly doneAt?: number
  /** The resource a `Location` poll answers with once done (absent: 204 No Content). */
  readonly resultId?: string
}

export interface BucketState {
  tokens: number
  updatedAt: number
}

/** A custom role definition (custom-roles.ts). */
export interface CustomRoleRecord {
  readonly guid: string
  readonly roleName: string
  readonly description: string
  readonly assignableScopes: readonly string[]
  readonly permissions: readonly {
    readonly actions: readonly string[]
    readonly notActions: readonly string[]
    readonly dataActions: readonly string[]
    readonly notDataActions: readonly string[]
  }[]
  readonly createdOn: string
  readonly updatedOn: string
}

/** The whole emulated Azure: plain JSON, so it can be persisted and restored. */
export interface SandboxState {
  readonly format: 'arm-sandbox'
  readonly version: 1
  readonly tenantId: string
  /** Two seeded streams: generated ids do not shift when faults are switched on. */
  prng: { ids: number; faults: number }
  /** Requests handled and state changes made (the adapter persists when `revision` moves). */
  counters: { requests: number; revision: number }
  /** Added to the injected clock: lets tests and the web app fast-forward sandbox time. */
  clockOffsetMs: number
  subscriptions: Record<string, SubscriptionRecord>
  /** Tenants besides the sandbox's own, by lower-case id; absent in states saved before them. */
  tenants?: Record<string, TenantRecord>
  resourceGroups: Record<string, ResourceGroupRecord>
  resources: Record<string, ResourceRecord>
  principals: Record<string, PrincipalRecord>
  roleAssignments: Record<string, RoleAssignmentRecord>
  /** Custom role definitions by GUID; absent in states saved before they were emulated. */
  roleDefinitions?: Record<string, CustomRoleRecord>
  operations: Record<string, OperationRecord>
  buckets: Record<string, BucketState>
  /**
   * Exclusive locks a provider holds on a resource while a write runs (key: lower-case id, value:
   * sandbox time it ends): Cosmos DB accounts during a data-role write, identities during a
   * federated credential write. Absent in states saved before they were emulated.
   */
  locks?: Record<string, number>
  /**
   * Updates whose asynchronous operation still runs (key: lower-case resource id): the resource
   * as it will read at `doneAt`, sandbox time (async-updates.ts). Absent in older states.
   */
  deferred?: Record<string, { readonly doneAt: number; readonly record: ResourceRecord }>
}
