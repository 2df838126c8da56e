import { DesignIndex, type Grant } from '../analysis/design-index.ts'
import { mergePermissions, VAULT_ACCESS_POLICY } from '@/catalog/key-vault-access.ts'
import { assertNever } from '@/lib/assert.ts'
import { compareKeys } from '@/lib/compare.ts'
import type { Design } from '@/model/types.ts'
import type { PrincipalRef } from '../model/queries.ts'
import { appSettingsFor } from './app-settings.ts'
import { containedUserScript } from '@/plan/sql.ts'
import { mysqlUserScript, postgresUserScript } from '@/plan/database-scripts.ts'
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
} from '@/plan/types.ts'

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

/** Display name of a principal as Microsoft Entra knows it: the app's or identity's resource name. */
export function principalName(index: DesignIndex, p: PrincipalRef): string {
  return index.node(p.node)?.name ?? p.node
}

function grantActions(index: DesignIndex): PlanAction[] {
  const rbac: AssignRoleAction[] = []
  const cosmos: AssignCosmosDataRoleAction[] = []
  const sql = new Map<string, { principal: PrincipalRef; target: string; roles: string[] }>()
  const vaults = new Map<string, { principal: PrincipalRef; target: string; roles: string[] }>()
  const redis: RedisAccessPolicyAction[] = []
  for (const grant of index.distinctGrants()) {
    const base = {
      principal: { type: grant.principal.type, node: grant.principal.node },
      principalType: principalTypeOf(index, grant.principal),
      roleName: grant.roleKey,
      roleDefinitionId: roleDefinitionGuid(grant),
      target: grant.service,
      scope: grant.scope,
    }
    const byTarget = (into: typeof sql): void => {
      const key = `${grant.principalKey}|${grant.service}`
      const entry = into.get(key) ?? {
        principal: grant.principal,
        target: grant.service,
        roles: [],
      }
      if (!entry.roles.includes(grant.roleKey)) entry.roles.push(grant.roleKey)
      into.set(key, entry)
    }
    switch (grant.mechanism) {
      case 'rbac':
        rbac.push({ action: 'assignRole', ...base })
        break
      case 'cosmosSqlRbac':
        cosmos.push({ action: 'assignCosmosDataRole', ...base })
        break
      case 'sqlDatabaseRole':
        byTarget(sql)
        break
      case 'keyVaultAccessPolicy':
        byTarget(vaults)
        break
      case 'redisAccessPolicy':
        redis.push({
          action: 'redisAccessPolicy',
          principal: base.principal,
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
  const byGrant = (a: AssignRoleAction | AssignCosmosDataRoleAction, b: typeof a): number =>
    compareKeys(
      [a.principal.node, a.principal.type, a.target, a.roleName, a.scope],
      [b.principal.node, b.principal.type, b.target, b.roleName, b.scope],
    )
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
        script: containedUserScript(user, entry.roles),
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

/** The role definition GUID; SQL database roles have none and are never in an assignment. */
function roleDefinitionGuid(grant: Grant): string {
  return grant.role.kind === 'custom' ? grant.role.guid : (grant.role.fact.id ?? '')
}

function appSettings(index: DesignIndex): SetAppSettingsAction[] {
  return index.design.nodes.flatMap((n): SetAppSettingsAction[] => {
    if (n.kind !== 'app') return []
    const settings = appSettingsFor(index, n.id).map(({ name, identity }) => ({ name, identity }))
    return settings.length > 0 ? [{ action: 'setAppSettings', app: n.id, settings }] : []
  })
}
