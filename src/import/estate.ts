import type {
  ArmGateway,
  LiveCosmosRoleAssignment,
  LiveResource,
  LiveRoleAssignment,
  LiveUserIdentity,
} from '../apply/gateway.ts'

/** What import reads through: ARM's list and get calls (apply's gateway, retried by the caller). */
export type EstateReader = Pick<
  ArmGateway,
  | 'listResources'
  | 'listUserIdentities'
  | 'listScopeAssignments'
  | 'getRoleDefinition'
  | 'listCosmosRoleAssignments'
  | 'getUserIdentity'
  | 'getResource'
>

/** A scope or list that could not be read, and why (the import goes on without it). */
export interface Unreadable {
  readonly what: string
  readonly scope: string
  readonly code: string
  readonly message: string
}

/** One resource group as read from ARM: the raw material of an imported design. */
export interface Estate {
  readonly subscriptionId: string
  readonly resourceGroup: string
  readonly resources: readonly LiveResource[]
  /** The group's user-assigned identities, and those its apps attach from elsewhere. */
  readonly identities: readonly LiveUserIdentity[]
  /** Identities an app still names that no longer exist (deleted without detaching them). */
  readonly danglingIdentities: readonly string[]
  /** Role assignments at, above and below the group, each once. */
  readonly assignments: readonly LiveRoleAssignment[]
  /** Names of the role definitions the catalog does not know (custom roles), by lower-case GUID. */
  readonly roleNames: Readonly<Record<string, string>>
  /** Cosmos DB data-plane role assignments, per account resource id. */
  readonly cosmos: Readonly<Record<string, readonly LiveCosmosRoleAssignment[]>>
  /**
   * Key Vaults that use access policies (`enableRbacAuthorization` not true), by resource id, with
   * how many access policy entries they hold; vaults on Azure RBAC are absent.
   */
  readonly accessPolicyVaults: Readonly<Record<string, number>>
  readonly unreadable: readonly Unreadable[]
}
