import { GUID_PATTERN } from '../model/azure-formats.ts'
import type { ServiceKind } from '../model/kinds.ts'
import { privilegeOf, type RolePermission } from './privilege.ts'
import type { GrantMechanism, RoleFact, RoleRef } from './role-fact.ts'
import { ADDED_ROLE_FACTS } from './roles-added.data.ts'
import { ROLE_FACTS as REFERENCE_FACTS } from './roles.data.ts'
import { ROLE_PERMISSIONS } from './role-permissions.data.ts'
import { SERVICE_ROLE_FACTS } from './roles-services.data.ts'

export type { GrantMechanism, RoleFact, RoleRef } from './role-fact.ts'

export { GUID_PATTERN }

/**
 * The reference's roles, then the added ones; `privileged` is what the role's published
 * permissions say (privilege.ts), or the reference's flag for roles without an Azure RBAC
 * definition (db_owner). A test keeps both in agreement for every reference role.
 */
const ROLE_FACTS: readonly RoleFact[] = [
  ...REFERENCE_FACTS,
  ...ADDED_ROLE_FACTS,
  ...SERVICE_ROLE_FACTS,
].map((fact) => {
  const permissions = fact.id ? ROLE_PERMISSIONS[fact.id] : undefined
  if (!permissions || fact.privileged || !privilegeOf(permissions)) return fact
  return { ...fact, privileged: true }
})

/** A built-in role's published permissions (role-permissions.data.ts), when the catalog has them. */
export function rolePermissions(fact: RoleFact): readonly RolePermission[] | undefined {
  return fact.id ? ROLE_PERMISSIONS[fact.id] : undefined
}

const byName = new Map(ROLE_FACTS.map((r) => [r.name, r]))
const byGuid = new Map(
  ROLE_FACTS.filter((r) => r.id).map((r) => [(r.id as string).toLowerCase(), r]),
)

export const ALL_ROLES: readonly RoleFact[] = ROLE_FACTS

/** Built-in role by exact (case-sensitive) name. */
export function roleByName(name: string): RoleFact | undefined {
  return byName.get(name)
}

/** Built-in role by GUID (case-insensitive). */
export function roleByGuid(guid: string): RoleFact | undefined {
  return byGuid.get(guid.toLowerCase())
}

/** A catalog name or GUID is that built-in role; any other GUID is a custom RBAC role. */
export function resolveRole(text: string): RoleRef {
  const fact =
    byName.get(text) ?? (GUID_PATTERN.test(text) ? byGuid.get(text.toLowerCase()) : undefined)
  if (fact) return { kind: 'builtin', fact }
  if (GUID_PATTERN.test(text)) return { kind: 'custom', guid: text.toLowerCase() }
  return { kind: 'unknown', text }
}

/** One key per distinct role: the catalog name, or the lower-case GUID of a custom role. */
export function roleKey(role: RoleRef): string {
  switch (role.kind) {
    case 'builtin':
      return role.fact.name
    case 'custom':
      return role.guid
    case 'unknown':
      return `?${role.text}`
  }
}

export function grantMechanism(role: RoleRef): GrantMechanism | undefined {
  if (role.kind === 'builtin') return role.fact.grant
  return role.kind === 'custom' ? 'rbac' : undefined
}

/** A Key Vault data-plane role (Secrets User, Crypto Officer, …). */
export const isVaultDataRole = (fact: RoleFact): boolean =>
  fact.plane === 'data' && fact.services.includes('keyVault') && fact.grant === 'rbac'

/**
 * How a grant of this role on this service is realised: the role's mechanism, except that a Key
 * Vault data role on a vault using access policies becomes an access policy (its role assignment
 * would take no effect there). Undefined when nothing can be created: a service's own mechanism
 * (a Cosmos DB data role, a database role, a Redis access policy) on another kind of service, which
 * role-not-for-service reports. An Azure RBAC role is assigned wherever it is put, as ARM takes it.
 */
export function grantMechanismOn(
  role: Extract<RoleRef, { kind: 'builtin' | 'custom' }>,
  service: { readonly service: ServiceKind; readonly permissionModel?: string } | undefined,
): GrantMechanism | undefined {
  if (role.kind === 'custom') return 'rbac'
  const { fact } = role
  if (
    service?.service === 'keyVault' &&
    service.permissionModel === 'accessPolicy' &&
    isVaultDataRole(fact)
  )
    return 'keyVaultAccessPolicy'
  if (fact.grant !== 'rbac' && service && !appliesTo(fact, service.service)) return undefined
  return fact.grant
}

export function appliesTo(fact: RoleFact, service: ServiceKind): boolean {
  return fact.services.includes('*') || fact.services.includes(service)
}

/** Built-in roles that apply to a service kind, data-plane first. */
export function rolesForService(service: ServiceKind): RoleFact[] {
  const list = ROLE_FACTS.filter((r) => appliesTo(r, service))
  return [...list.filter((r) => r.plane === 'data'), ...list.filter((r) => r.plane !== 'data')]
}

/** Does role `a` include the permissions of role `b` (directly or through a chain)? Never reflexive. */
export function subsumes(a: RoleFact, b: RoleFact, seen = new Set<string>()): boolean {
  for (const name of a.subsumes ?? []) {
    if (name === b.name) return true
    if (seen.has(name)) continue
    seen.add(name)
    const next = byName.get(name)
    if (next && subsumes(next, b, seen)) return true
  }
  return false
}
