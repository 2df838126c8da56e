import { DesignIndex, type Grant } from '../analysis/design-index.ts'
import { mergePermissions, VAULT_ACCESS_POLICY } from '../catalog/key-vault-access.ts'
import { assertNever } from '../lib/assert.ts'
import { compareKeys, compareOrdinal } from '../lib/compare.ts'
import { azureName } from '../model/bindings.ts'
import type { Design } from '../model/types.ts'
import type { PrincipalRef } from '../model/queries.ts'
import { appSettingsAt } from './app-settings.ts'
import { containedUserScript } from './sql.ts'
import { mysqlUserScript, postgresUserScript } from './database-scripts.ts'
import {
  PLAN_FORMAT,
  PLAN_VERSION,
  type AssignCosmosDataRoleAction,
  type AssignRoleAction,
  type AttachIdentityAction,
  type CreateIdentityAction,
  type EnableSystemAssignedAction,
  type KeyVaultAccessPolicyAction,
  type DatabaseUserAction,
  type RedisAccessPolicyAction,
  type Plan,
  type PlanAction,
  type PrincipalType,
  type SetAppSettingsAction,
  type SqlContainedUserAction,
} from './types.ts'

/**
 * The plan of PRODUCT.md §7: every identity to create, enable and attach, one assignment per
 * distinct grant by the grant's mechanism, SQL scripts and client-ID settings, in run order.
 * Pure and deterministic: the same design always gives the same JSON.
 */
export function derivePlan(design: Design, index = new DesignIndex(design)): Plan {
  const actions: PlanAction[] = [
    ...createIdentities(index),
    ...enableSystemAssigned(index),
    ...attachIdentities(index),
    ...grantActions(index),
    ...appSettings(index),
  ]
  return { format: PLAN_FORMAT, version: PLAN_VERSION, design: design.name, actions }
}

const NONE = { keys: [], secrets: [], certificates: [] } as const

function createIdentities(index: DesignIndex): CreateIdentityAction[] {
  return index.design.nodes.flatMap((n) =>
    n.kind === 'identity' && !n.azure?.resourceId
      ? [{ action: 'createIdentity', node: n.id, name: n.name }]
      : [],
  )
}

function enableSystemAssigned(index: DesignIndex): EnableSystemAssignedAction[] {
  return index.design.nodes.flatMap((n) =>
    n.kind === 'app' && n.systemAssigned === true
      ? [{ action: 'enableSystemAssigned', node: n.id }]
      : [],
  )
}

function attachIdentities(index: DesignIndex): AttachIdentityAction[] {
  return index.design.nodes.flatMap((n) =>
    n.kind === 'app'
      ? index.attachedIdentities(n.id).map((identity): AttachIdentityAction => ({
          action: 'attachIdentity',
          app: n.id,
          identity,
        }))
      : [],
  )
}

export function principalTypeOf(index: DesignIndex, p: PrincipalRef): PrincipalType {
  if (p.type !== 'developer') return 'ServicePrincipal'
  const node = index.node(p.node)
  return node?.kind === 'developer' && node.principal === 'group' ? 'Group' : 'User'
}

/**
 * Display name of a principal as Microsoft Entra knows it: the app's or identity's resource name
 * (a bound node's from its resource id, where its label may differ); a developer's as written.
 */
export function principalName(index: DesignIndex, p: PrincipalRef): string {
  const node = index.node(p.node)
  return node ? azureName(node) : p.node
}

function grantActions(index: DesignIndex): PlanAction[] {
  const rbac: AssignRoleAction[] = []
  const cosmos: AssignCosmosDataRoleAction[] = []
  const cosmosGrants = new Set<string>()
  const sql = new Map<string, { principal: PrincipalRef; target: string; roles: string[] }>()
  // Grants share their principal's object: its type is looked up, and the plan's copy of it
  // made, once per principal (tens of thousands of assignments share a few thousand).
  const principals = new Map<PrincipalRef, PlanPrincipal>()
  const principalOf = (p: PrincipalRef): PlanPrincipal => {
    let out = principals.get(p)
    if (out === undefined)
      principals.set(
        p,
        (out = { ref: { type: p.type, node: p.node }, type: principalTypeOf(index, p) }),
      )
    return out
  }
  const vaults = new Map<string, { principal: PrincipalRef; target: string; roles: string[] }>()
  const redis: RedisAccessPolicyAction[] = []
  // Roles merged per principal and target (one script, one access policy each).
  const byTarget = (into: typeof sql, grant: Grant): void => {
    const key = `${grant.principalKey}|${grant.service}`
    const entry = into.get(key) ?? { principal: grant.principal, target: grant.service, roles: [] }
    if (!entry.roles.includes(grant.roleKey)) entry.roles.push(grant.roleKey)
    into.set(key, entry)
  }
  for (const grant of index.distinctGrants()) {
    switch (grant.mechanism) {
      case 'rbac':
        rbac.push(assignment('assignRole', principalOf, grant))
        break
      case 'cosmosSqlRbac': {
        // Cosmos DB data roles are granted on the account whatever the edge's scope (broad-scope
        // says so): the action says where it grants, once per principal, account and role.
        const key = `${grant.principalKey}|${grant.service}|${grant.roleKey}`
        if (cosmosGrants.has(key)) break
        cosmosGrants.add(key)
        cosmos.push({
          ...assignment('assignCosmosDataRole', principalOf, grant),
          scope: 'resource',
        })
        break
      }
      case 'sqlDatabaseRole':
        byTarget(sql, grant)
        break
      case 'keyVaultAccessPolicy':
        byTarget(vaults, grant)
        break
      case 'redisAccessPolicy':
        redis.push({
          action: 'redisAccessPolicy',
          principal: { type: grant.principal.type, node: grant.principal.node },
          target: grant.service,
          accessPolicyName: grant.roleKey,
        })
        break
      default:
        assertNever(grant.mechanism, 'grant mechanism')
    }
  }
  const policies = [...vaults.values()]
    .map((entry): KeyVaultAccessPolicyAction => ({
      action: 'keyVaultAccessPolicy',
      principal: { type: entry.principal.type, node: entry.principal.node },
      target: entry.target,
      roles: entry.roles,
      permissions: mergePermissions(entry.roles.map((r) => VAULT_ACCESS_POLICY[r] ?? NONE)),
    }))
    .sort((a, b) => compareKeys([a.target, a.principal.node], [b.target, b.principal.node]))
  // Principal node and type, target, role, scope in ordinal order (no key lists: tens of
  // thousands of grants are compared here).
  const byGrant = (a: AssignRoleAction | AssignCosmosDataRoleAction, b: typeof a): number =>
    compareOrdinal(a.principal.node, b.principal.node) ||
    compareOrdinal(a.principal.type, b.principal.type) ||
    compareOrdinal(a.target, b.target) ||
    compareOrdinal(a.roleName, b.roleName) ||
    compareOrdinal(a.scope, b.scope)
  const scripts = [...sql.values()]
    .map((entry): SqlContainedUserAction | DatabaseUserAction => {
      const user = principalName(index, entry.principal)
      const principal = { type: entry.principal.type, node: entry.principal.node }
      const target = index.node(entry.target)
      const engine = target?.kind === 'service' ? target.service : 'sql'
      if (engine === 'postgresql' || engine === 'mysql')
        return {
          action: 'databaseUser',
          engine,
          principal,
          target: entry.target,
          user,
          roles: entry.roles,
          script:
            engine === 'postgresql'
              ? postgresUserScript(user, entry.roles)
              : mysqlUserScript(user, entry.roles),
        }
      return {
        action: 'sqlContainedUser',
        principal,
        target: entry.target,
        user,
        roles: entry.roles,
        script: containedUserScript(user, entry.roles, {
          isUser: principalTypeOf(index, entry.principal) === 'User',
          // A developer's or identity's own object id (PRODUCT.md §4); an app's is its resource's.
          objectId:
            entry.principal.type === 'systemAssigned'
              ? undefined
              : index.node(entry.principal.node)?.azure?.principalId,
        }),
      }
    })
    .sort((a, b) => compareKeys([a.target, a.principal.node], [b.target, b.principal.node]))
  const byRedis = (a: RedisAccessPolicyAction, b: RedisAccessPolicyAction): number =>
    compareKeys(
      [a.principal.node, a.principal.type, a.target, a.accessPolicyName],
      [b.principal.node, b.principal.type, b.target, b.accessPolicyName],
    )
  return [
    ...rbac.sort(byGrant),
    ...cosmos.sort(byGrant),
    ...policies,
    ...redis.sort(byRedis),
    ...scripts,
  ]
}

/** A grant's principal as plan actions name it (one object per principal), and its type. */
interface PlanPrincipal {
  readonly ref: PrincipalRef
  readonly type: PrincipalType
}

/** The assignment of a grant (one object, made for tens of thousands of grants). */
function assignment<A extends (AssignRoleAction | AssignCosmosDataRoleAction)['action']>(
  action: A,
  principalOf: (p: PrincipalRef) => PlanPrincipal,
  grant: Grant,
): Extract<AssignRoleAction | AssignCosmosDataRoleAction, { action: A }> {
  const principal = principalOf(grant.principal)
  return {
    action,
    principal: principal.ref,
    principalType: principal.type,
    roleName: grant.roleKey,
    roleDefinitionId: roleDefinitionGuid(grant),
    target: grant.service,
    scope: grant.scope,
  } as Extract<AssignRoleAction | AssignCosmosDataRoleAction, { action: A }>
}

/** The role definition GUID; SQL database roles have none and are never in an assignment. */
function roleDefinitionGuid(grant: Grant): string {
  return grant.role.kind === 'custom' ? grant.role.guid : (grant.role.fact.id ?? '')
}

function appSettings(index: DesignIndex): SetAppSettingsAction[] {
  const out: SetAppSettingsAction[] = []
  index.design.nodes.forEach((node, n) => {
    if (node.kind !== 'app') return
    const settings = appSettingsAt(index, n).map(({ name, identity }) => ({ name, identity }))
    if (settings.length > 0) out.push({ action: 'setAppSettings', app: node.id, settings })
  })
  return out
}
