import { DesignIndex } from '../analysis/design-index.ts'
import { KIND_CODE } from '../analysis/numbered-design.ts'
import { mergePermissions, VAULT_ACCESS_POLICY } from '../catalog/key-vault-access.ts'
import type { RoleRef } from '../catalog/roles.ts'
import { assertNever } from '../lib/assert.ts'
import { compareOrdinal } from '../lib/compare.ts'
import { azureName } from '../model/bindings.ts'
import { SCOPES, type Scope } from '../model/kinds.ts'
import type { Design, DesignNode } from '../model/types.ts'
import type { PrincipalRef } from '../model/queries.ts'
import { planSettings } from './app-settings.ts'
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
  const actions = joined([
    createIdentities(index),
    enableSystemAssigned(index),
    attachIdentities(index),
    ...grantActions(index),
    appSettings(index),
  ])
  return { format: PLAN_FORMAT, version: PLAN_VERSION, design: design.name, actions }
}

/**
 * The lists one after another, copied once into a list sized at the start (70,000 actions at
 * 10,000 apps: concat or push would copy them again and again into larger lists).
 */
function joined(parts: readonly (readonly PlanAction[])[]): PlanAction[] {
  let total = 0
  for (const part of parts) total += part.length
  const out = new Array<PlanAction>(total)
  let at = 0
  for (const part of parts) for (let i = 0; i < part.length; i++) out[at++] = part[i] as PlanAction
  return out
}

const NONE = { keys: [], secrets: [], certificates: [] } as const

// Loops over the nodes by position: these run once per plan, mostly before the optimizing
// compiler has seen them, and there `for…of` makes an object per step (20,000 at 10,000 apps).
// Each list is counted, then made at its size: grown by push, it was copied as it grew.

/** An action for each node `wanted` picks, made by `make`, in node order. */
function nodeActions<A extends PlanAction>(
  index: DesignIndex,
  wanted: (node: DesignNode) => boolean,
  make: (node: DesignNode) => A,
): A[] {
  const { nodes } = index.design
  let count = 0
  for (let i = 0; i < nodes.length; i++) if (wanted(nodes[i] as DesignNode)) count++
  const out = new Array<A>(count)
  for (let i = 0, k = 0; k < count; i++) {
    const n = nodes[i] as DesignNode
    if (wanted(n)) out[k++] = make(n)
  }
  return out
}

const createIdentities = (index: DesignIndex): CreateIdentityAction[] =>
  nodeActions(
    index,
    (n) => n.kind === 'identity' && !n.azure?.resourceId,
    (n) => ({ action: 'createIdentity', node: n.id, name: n.name }),
  )

const enableSystemAssigned = (index: DesignIndex): EnableSystemAssignedAction[] =>
  nodeActions(
    index,
    (n) => n.kind === 'app' && n.systemAssigned === true,
    (n) => ({ action: 'enableSystemAssigned', node: n.id }),
  )

function attachIdentities(index: DesignIndex): AttachIdentityAction[] {
  const { nodes } = index.design
  let count = 0
  for (let i = 0; i < nodes.length; i++)
    if (index.kindAt[i] === KIND_CODE.app) count += index.attachedCountAt(i)
  const out = new Array<AttachIdentityAction>(count)
  for (let i = 0, at = 0; at < count; i++) {
    if (index.kindAt[i] !== KIND_CODE.app) continue
    const app = (nodes[i] as DesignNode).id
    for (let k = 0; k < index.attachedCountAt(i); k++)
      out[at++] = { action: 'attachIdentity', app, identity: index.attachedIdentityAt(i, k) }
  }
  return out
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

/** The actions of the distinct grants, in run order, as lists to join. */
function grantActions(index: DesignIndex): (readonly PlanAction[])[] {
  const cosmos: AssignCosmosDataRoleAction[] = []
  // By principal and target number (p × endpoints + target, a number, not a string per grant).
  const sql = new Map<number, { principal: PrincipalRef; target: string; roles: string[] }>()
  const vaults = new Map<number, { principal: PrincipalRef; target: string; roles: string[] }>()
  const redis: RedisAccessPolicyAction[] = []
  // Tens of thousands of assignments share a few thousand principals: each names the index's one
  // object for its principal, whose type is looked up once, by principal number.
  const principals = index.principals
  const types = new Array<PrincipalType | undefined>(principals.length)
  const typeOf = (p: number): PrincipalType =>
    (types[p] ??= principalTypeOf(index, principals[p] as PrincipalRef))
  // Roles merged per principal and target (one script, one access policy each).
  const byTarget = (
    into: typeof sql,
    p: number,
    principal: PrincipalRef,
    at: number,
    roleKey: string,
  ): void => {
    const key = p * index.endpointCount + (index.targetAt[at] as number)
    const target = index.accessEdge(at).target
    const entry = into.get(key)
    // The list starts with its first role: one pushed onto an empty list gets room for 17.
    if (entry === undefined) into.set(key, { principal, target, roles: [roleKey] })
    else if (!entry.roles.includes(roleKey)) entry.roles.push(roleKey)
  }
  // The distinct grants, read in place from the index (edges, then roles, in file order): an
  // object per grant would be tens of thousands made only to be read once.
  const first = index.distinctSlots()
  const triples = index.triples()
  const mechanisms = index.tripleMechanisms()
  const { refs, keyOf, keys } = index.roleTable
  // Sized once: tens of thousands of role assignments, a list too long to grow by push.
  const rbac = new Array<AssignRoleAction>(rbacCount(index, first, mechanisms))
  let rbacAt = 0
  for (let at = 0; at < index.accessEdgeCount; at++) {
    const p = index.principalAt[at] as number
    if (p < 0) continue
    const principal = principals[p] as PrincipalRef
    const target = index.accessEdge(at).target
    const scope = SCOPES[index.slotAt[at] as number] as Scope
    for (let i = index.roleStart[at] as number; i < (index.roleStart[at + 1] as number); i++) {
      if (!first[i]) continue
      const n = index.roleNo[i] as number
      // A distinct slot is a known role's (distinctSlots skips unknown names).
      const role = refs[n] as GrantedRole
      const roleKey = keys[keyOf[n] as number] as string
      const mechanism = mechanisms[triples.at[i] as number]
      // Another service's data role (a Cosmos DB role on a storage account): nothing to create
      // there, and role-not-for-service says so.
      if (mechanism === undefined) continue
      switch (mechanism) {
        case 'rbac':
          rbac[rbacAt++] = assignment(
            'assignRole',
            principal,
            typeOf(p),
            role,
            roleKey,
            target,
            scope,
          )
          break
        case 'cosmosSqlRbac': {
          // Cosmos DB data roles are granted on the account whatever the edge's scope
          // (broad-scope says so): the action says where it grants, once per principal,
          // account and role (the same grant at other scopes is dropped once sorted).
          cosmos.push(
            assignment(
              'assignCosmosDataRole',
              principal,
              typeOf(p),
              role,
              roleKey,
              target,
              'resource',
            ),
          )
          break
        }
        case 'sqlDatabaseRole':
          byTarget(sql, p, principal, at, roleKey)
          break
        case 'keyVaultAccessPolicy':
          byTarget(vaults, p, principal, at, roleKey)
          break
        case 'redisAccessPolicy': {
          redis.push({
            action: 'redisAccessPolicy',
            principal,
            target,
            accessPolicyName: roleKey,
          })
          break
        }
        default:
          assertNever(mechanism, 'grant mechanism')
      }
    }
  }
  const policies = [...vaults.values()]
    .map((entry): KeyVaultAccessPolicyAction => ({
      action: 'keyVaultAccessPolicy',
      principal: entry.principal,
      target: entry.target,
      roles: entry.roles,
      permissions: mergePermissions(entry.roles.map((r) => VAULT_ACCESS_POLICY[r] ?? NONE)),
    }))
    .sort(byTargetThenPrincipal)
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
      const { principal } = entry
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
    .sort(byTargetThenPrincipal)
  const byRedis = (a: RedisAccessPolicyAction, b: RedisAccessPolicyAction): number =>
    compareOrdinal(a.principal.node, b.principal.node) ||
    compareOrdinal(a.principal.type, b.principal.type) ||
    compareOrdinal(a.target, b.target) ||
    compareOrdinal(a.accessPolicyName, b.accessPolicyName)
  return [
    rbac.sort(byGrant),
    firstOfEqual(cosmos.sort(byGrant), byGrant),
    policies,
    redis.sort(byRedis),
    scripts,
  ]
}

/**
 * Scripts and access policies by target, then principal node, in ordinal order (field by field:
 * a pair of key lists per comparison was a megabyte of garbage over thousands of scripts).
 */
const byTargetThenPrincipal = (
  a: { readonly target: string; readonly principal: { readonly node: string } },
  b: typeof a,
): number =>
  compareOrdinal(a.target, b.target) || compareOrdinal(a.principal.node, b.principal.node)

/** A sorted list with only the first of each run of equal items (by `compare`). */
function firstOfEqual<T>(sorted: T[], compare: (a: T, b: T) => number): T[] {
  let kept = 0
  for (let i = 0; i < sorted.length; i++)
    if (kept === 0 || compare(sorted[kept - 1] as T, sorted[i] as T) !== 0)
      sorted[kept++] = sorted[i] as T
  sorted.length = kept
  return sorted
}

/** How many distinct grants are Azure RBAC role assignments (grantActions' `rbac` actions). */
function rbacCount(
  index: DesignIndex,
  first: Uint8Array,
  mechanisms: readonly (string | undefined)[],
): number {
  const tripleAt = index.triples().at
  let count = 0
  for (let at = 0; at < index.accessEdgeCount; at++) {
    if ((index.principalAt[at] as number) < 0) continue
    for (let i = index.roleStart[at] as number; i < (index.roleStart[at + 1] as number); i++)
      if (first[i] && mechanisms[tripleAt[i] as number] === 'rbac') count++
  }
  return count
}

/** A role that grants something: built-in or custom, never an unknown name. */
type GrantedRole = Extract<RoleRef, { kind: 'builtin' | 'custom' }>

/** The assignment of one distinct grant (one object, made for tens of thousands of grants). */
function assignment<A extends (AssignRoleAction | AssignCosmosDataRoleAction)['action']>(
  action: A,
  principal: PrincipalRef,
  principalType: PrincipalType,
  role: GrantedRole,
  roleName: string,
  target: string,
  scope: Scope,
): Extract<AssignRoleAction | AssignCosmosDataRoleAction, { action: A }> {
  return {
    action,
    principal,
    principalType,
    roleName,
    // SQL database roles have no definition GUID, and are never in an assignment.
    roleDefinitionId: role.kind === 'custom' ? role.guid : (role.fact.id ?? ''),
    target,
    scope,
  } as Extract<AssignRoleAction | AssignCosmosDataRoleAction, { action: A }>
}

function appSettings(index: DesignIndex): SetAppSettingsAction[] {
  const out: SetAppSettingsAction[] = []
  const settingsOf = planSettings(index)
  const { nodes } = index.design
  for (let n = 0; n < nodes.length; n++) {
    if (index.kindAt[n] !== KIND_CODE.app) continue
    const settings = settingsOf(n)
    if (settings.length > 0)
      out.push({ action: 'setAppSettings', app: (nodes[n] as DesignNode).id, settings })
  }
  return out
}
