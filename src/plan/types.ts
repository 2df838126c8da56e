import type { AccessPolicyPermissions } from '../catalog/key-vault-access.ts'
import type { Scope } from '../model/kinds.ts'

export const PLAN_FORMAT = 'identity-plan'
export const PLAN_VERSION = 1

export interface PlanPrincipal {
  readonly type: 'systemAssigned' | 'userAssigned' | 'developer'
  readonly node: string
}

export type PrincipalType = 'ServicePrincipal' | 'User' | 'Group'

/** ARM ids a plan carries once its nodes are bound to Azure (see bind.ts). */
export interface ArmAssignment {
  readonly scope: string
  readonly principalId: string
  readonly roleDefinitionId: string
  /** Deterministic role assignment name: UUID v5 over scope, principal id and role definition. */
  readonly name: string
}

export interface CreateIdentityAction {
  readonly action: 'createIdentity'
  readonly node: string
  readonly name: string
}

export interface EnableSystemAssignedAction {
  readonly action: 'enableSystemAssigned'
  readonly node: string
}

export interface AttachIdentityAction {
  readonly action: 'attachIdentity'
  readonly app: string
  readonly identity: string
}

/** Fixed by PRODUCT.md §7. */
export interface AssignRoleAction {
  readonly action: 'assignRole'
  readonly principal: PlanPrincipal
  readonly principalType: PrincipalType
  readonly roleName: string
  readonly roleDefinitionId: string
  readonly target: string
  readonly scope: Scope
  readonly arm?: ArmAssignment
}

/** A Cosmos DB data-plane role: Microsoft.DocumentDB/databaseAccounts/{account}/sqlRoleAssignments. */
export interface AssignCosmosDataRoleAction {
  readonly action: 'assignCosmosDataRole'
  readonly principal: PlanPrincipal
  readonly principalType: PrincipalType
  readonly roleName: string
  readonly roleDefinitionId: string
  readonly target: string
  readonly scope: Scope
  readonly arm?: ArmAssignment
}

/** A contained database user and its roles: T-SQL an administrator runs (no ARM call exists). */
export interface SqlContainedUserAction {
  readonly action: 'sqlContainedUser'
  readonly principal: PlanPrincipal
  readonly target: string
  readonly user: string
  readonly roles: readonly string[]
  readonly script: string
}

/**
 * Key Vault data roles on a vault that uses access policies: one access policy entry for the
 * principal (the roles' equivalent permissions, merged), added to the vault's policies
 * (`vaults/accessPolicies/add`), never replacing the others.
 */
export interface KeyVaultAccessPolicyAction {
  readonly action: 'keyVaultAccessPolicy'
  readonly principal: PlanPrincipal
  readonly target: string
  readonly roles: readonly string[]
  readonly permissions: AccessPolicyPermissions
}

/**
 * A Microsoft Entra principal inside an Azure Database for PostgreSQL or MySQL flexible server:
 * the script its Entra administrator runs (no ARM call exists), like SQL's contained users.
 */
export interface DatabaseUserAction {
  readonly action: 'databaseUser'
  readonly engine: 'postgresql' | 'mysql'
  readonly principal: PlanPrincipal
  readonly target: string
  readonly user: string
  readonly roles: readonly string[]
  readonly script: string
}

/**
 * An Azure Cache for Redis data access policy assignment (`Microsoft.Cache/redis/{cache}/
 * accessPolicyAssignments`): Redis's own data-plane grant, not an Azure role assignment.
 */
export interface RedisAccessPolicyAction {
  readonly action: 'redisAccessPolicy'
  readonly principal: PlanPrincipal
  readonly target: string
  /** The built-in access policy: Data Owner, Data Contributor or Data Reader. */
  readonly accessPolicyName: string
}

export interface AppSetting {
  readonly name: string
  /** The user-assigned identity whose client ID the setting holds. */
  readonly identity: string
  /** The client ID, once the identity exists in Azure. */
  readonly value?: string
}

/** Client IDs the app's code needs to pick the right identity per client (DefaultAzureCredential). */
export interface SetAppSettingsAction {
  readonly action: 'setAppSettings'
  readonly app: string
  readonly settings: readonly AppSetting[]
}

export type PlanAction =
  | CreateIdentityAction
  | EnableSystemAssignedAction
  | AttachIdentityAction
  | AssignRoleAction
  | AssignCosmosDataRoleAction
  | SqlContainedUserAction
  | KeyVaultAccessPolicyAction
  | RedisAccessPolicyAction
  | DatabaseUserAction
  | SetAppSettingsAction

export type PlanActionKind = PlanAction['action']

/** The order actions run in: identities exist before they are attached, before they are granted. */
export const ACTION_ORDER: readonly PlanActionKind[] = [
  'createIdentity',
  'enableSystemAssigned',
  'attachIdentity',
  'assignRole',
  'assignCosmosDataRole',
  'keyVaultAccessPolicy',
  'redisAccessPolicy',
  'sqlContainedUser',
  'databaseUser',
  'setAppSettings',
]

export interface Plan {
  readonly format: typeof PLAN_FORMAT
  readonly version: typeof PLAN_VERSION
  readonly design: string
  readonly actions: readonly PlanAction[]
}
