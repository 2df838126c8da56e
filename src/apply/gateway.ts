import type { PermissionEntry } from '../catalog/arm-permissions.ts'
import type { AccessPolicyPermissions } from '../catalog/key-vault-access.ts'

/**
 * What apply needs from Azure Resource Manager, in the domain's words. The SDK implementation is
 * in src/azure/sdk-gateway.ts; the same calls reach Azure or the sandbox (in the page or over HTTPS).
 * Every method may reject with an ArmFailure (src/apply/failure.ts).
 */
export interface CallOptions {
  readonly signal?: AbortSignal
}

export interface LiveIdentityProperty {
  /** `None`, `SystemAssigned`, `UserAssigned` or `SystemAssigned, UserAssigned`. */
  readonly type: string
  readonly principalId?: string
  readonly tenantId?: string
  /** Keyed by identity resource id, as ARM spells it. */
  readonly userAssignedIdentities?: Readonly<
    Record<string, { readonly principalId?: string; readonly clientId?: string }>
  >
}

export interface LiveResource {
  readonly id: string
  readonly name: string
  readonly type: string
  readonly kind?: string
  readonly location?: string
  readonly identity?: LiveIdentityProperty
  /** The whole resource as ARM answered the GET: what a GET + PUT writes back. */
  readonly document?: Readonly<Record<string, unknown>>
}

export interface LiveUserIdentity {
  readonly id: string
  readonly name: string
  readonly location: string
  readonly principalId: string
  readonly clientId: string
}

export interface LiveRoleAssignment {
  readonly id: string
  readonly name: string
  readonly scope: string
  /** Tenant or subscription form: compare by GUID. */
  readonly roleDefinitionId: string
  readonly principalId: string
  readonly principalType?: string
  /**
   * An ABAC condition (`properties.condition`): the role applies only where it holds, e.g. to one
   * blob container. Absent on an assignment without one.
   */
  readonly condition?: string
  /** Its syntax version (`2.0`), when there is a condition. */
  readonly conditionVersion?: string
}

export interface LiveRoleDefinition {
  readonly id: string
  readonly roleName: string
  /** `BuiltInRole` or `CustomRole`. */
  readonly type: string
  readonly permissions: readonly {
    readonly actions: readonly string[]
    readonly notActions: readonly string[]
    readonly dataActions: readonly string[]
    readonly notDataActions: readonly string[]
  }[]
}

export interface LiveCosmosRoleAssignment {
  readonly id: string
  readonly name: string
  readonly scope: string
  readonly roleDefinitionId: string
  readonly principalId: string
}

export interface FederatedCredential {
  readonly issuer: string
  readonly subject: string
  readonly audiences: readonly string[]
}

/** One entry of a vault's access policies. */
export interface VaultAccessPolicy {
  readonly tenantId: string
  readonly objectId: string
  readonly permissions: AccessPolicyPermissions
}

export interface RedisAccessPolicyAssignment {
  readonly accessPolicyName: string
  readonly objectId: string
  readonly objectIdAlias: string
}

export interface Written<T> {
  readonly value: T
  /** True when the call created it, false when it was already there (200 instead of 201). */
  readonly created: boolean
}

export interface Subscription {
  readonly subscriptionId: string
  readonly displayName: string
}

/** A Microsoft Entra tenant the signed-in account is in (ARM's Tenants - List). */
export interface Tenant {
  readonly tenantId: string
  readonly displayName: string
  readonly defaultDomain: string
}

export interface ResourceGroup {
  readonly name: string
  readonly location: string
}

export interface ArmGateway {
  listSubscriptions(o?: CallOptions): Promise<Subscription[]>
  /** Every tenant the account is in, whichever tenant the token is for. */
  listTenants(o?: CallOptions): Promise<Tenant[]>
  listResourceGroups(subscriptionId: string, o?: CallOptions): Promise<ResourceGroup[]>
  listResources(
    subscriptionId: string,
    resourceGroup: string,
    o?: CallOptions,
  ): Promise<LiveResource[]>
  /** undefined when the resource does not exist (404). */
  getResource(id: string, apiVersion: string, o?: CallOptions): Promise<LiveResource | undefined>
  /** PATCH of the resource's `identity` property; the caller merges with what is there. */
  patchIdentity(
    id: string,
    apiVersion: string,
    identity: PatchIdentity,
    o?: CallOptions,
  ): Promise<LiveResource>
  /**
   * PATCH of the resource's `properties` (JSON merge patch: objects merge, arrays are replaced
   * whole, so the caller sends every element it keeps).
   */
  patchProperties(
    id: string,
    apiVersion: string,
    properties: Readonly<Record<string, unknown>>,
    o?: CallOptions,
  ): Promise<LiveResource>
  /** PUT of the whole resource (where a provider's PATCH ignores `identity`). */
  putResource(
    id: string,
    apiVersion: string,
    document: Readonly<Record<string, unknown>>,
    o?: CallOptions,
  ): Promise<LiveResource>
  getUserIdentity(id: string, o?: CallOptions): Promise<LiveUserIdentity | undefined>
  putUserIdentity(id: string, location: string, o?: CallOptions): Promise<Written<LiveUserIdentity>>
  /** Assignments at exactly this scope held by the principal. */
  listRoleAssignments(
    scope: string,
    principalId: string,
    o?: CallOptions,
  ): Promise<LiveRoleAssignment[]>
  /** Every assignment the principal holds at or below a scope (for prune). */
  listPrincipalAssignments(
    scope: string,
    principalId: string,
    o?: CallOptions,
  ): Promise<LiveRoleAssignment[]>
  createRoleAssignment(
    scope: string,
    name: string,
    body: RoleAssignmentBody,
    o?: CallOptions,
  ): Promise<Written<LiveRoleAssignment>>
  deleteRoleAssignment(id: string, o?: CallOptions): Promise<void>
  /** A role definition as seen from a scope; undefined when it does not exist (404). */
  getRoleDefinition(
    scope: string,
    guid: string,
    o?: CallOptions,
  ): Promise<LiveRoleDefinition | undefined>
  /** The caller's permissions at a scope (ARM's permissions API); undefined when it cannot be told. */
  readPermissions(scope: string, o?: CallOptions): Promise<PermissionEntry[] | undefined>
  listCosmosRoleAssignments(accountId: string, o?: CallOptions): Promise<LiveCosmosRoleAssignment[]>
  /** Every assignment at, above and below a scope, whoever holds it (import, drift). */
  listScopeAssignments(scope: string, o?: CallOptions): Promise<LiveRoleAssignment[]>
  /** User-assigned identities of a group, or of the whole subscription without one. */
  listUserIdentities(
    subscriptionId: string,
    resourceGroup: string | undefined,
    o?: CallOptions,
  ): Promise<LiveUserIdentity[]>
  /** Every resource of the subscription with its `identity` (whose principals exist: drift). */
  listSubscriptionResources(subscriptionId: string, o?: CallOptions): Promise<LiveResource[]>
  createCosmosRoleAssignment(
    accountId: string,
    name: string,
    body: CosmosRoleAssignmentBody,
    o?: CallOptions,
  ): Promise<Written<LiveCosmosRoleAssignment>>
  /** A federated identity credential of a user-assigned identity; undefined when absent (404). */
  getFederatedCredential(
    identityId: string,
    name: string,
    o?: CallOptions,
  ): Promise<FederatedCredential | undefined>
  putFederatedCredential(
    identityId: string,
    name: string,
    credential: FederatedCredential,
    o?: CallOptions,
  ): Promise<Written<FederatedCredential>>
  /**
   * Adds permissions to a vault's access policies (`vaults/accessPolicies/add`): merged into the
   * holder's entry, every other entry kept. Never `replace`.
   */
  addVaultAccessPolicy(vaultId: string, policy: VaultAccessPolicy, o?: CallOptions): Promise<void>
  /** The Microsoft Entra administrators of a PostgreSQL or MySQL flexible server. */
  listEntraAdministrators(
    serverId: string,
    apiVersion: string,
    o?: CallOptions,
  ): Promise<{ readonly name: string; readonly login: string }[]>
  /** A Redis cache's data access policy assignment; undefined when absent (404). */
  getRedisAccessPolicyAssignment(
    cacheId: string,
    name: string,
    o?: CallOptions,
  ): Promise<RedisAccessPolicyAssignment | undefined>
  /** PUT of an assignment: a long-running operation tracked by `Location`. */
  putRedisAccessPolicyAssignment(
    cacheId: string,
    name: string,
    assignment: RedisAccessPolicyAssignment,
    o?: CallOptions,
  ): Promise<Written<RedisAccessPolicyAssignment>>
  getAppSettings(siteId: string, o?: CallOptions): Promise<Record<string, string>>
  putAppSettings(
    siteId: string,
    settings: Readonly<Record<string, string>>,
    o?: CallOptions,
  ): Promise<void>
}

export interface PatchIdentity {
  readonly type: string
  readonly userAssignedIdentities?: Readonly<Record<string, Record<string, never>>>
}

export interface RoleAssignmentBody {
  readonly roleDefinitionId: string
  readonly principalId: string
  readonly principalType: 'ServicePrincipal' | 'User' | 'Group'
  /** An ABAC condition, and its version (`2.0`). Apply sends none: a design's grants have none. */
  readonly condition?: string
  readonly conditionVersion?: string
}

export interface CosmosRoleAssignmentBody {
  readonly roleDefinitionId: string
  readonly scope: string
  readonly principalId: string
}
