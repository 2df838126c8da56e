import { appliesTo, resolveRole, rolesForService, type RoleRef } from '@/catalog/roles.ts'
import type { ServiceKind } from '@/model/kinds.ts'
import type { EdgeInfo } from '../edge-info.ts'
import type { Fix } from '../types.ts'

const DATA_ROLES = new Map<ServiceKind, readonly string[]>()

/** Least-privilege roles for a service kind: data-plane, neither privileged nor key-exposing. */
export function dataRolesFor(kind: ServiceKind | undefined): readonly string[] {
  if (kind === undefined) return []
  let roles = DATA_ROLES.get(kind)
  if (!roles) {
    roles = rolesForService(kind)
      .filter((r) => r.plane === 'data' && !r.privileged && !r.keyExposing)
      .map((r) => r.name)
    DATA_ROLES.set(kind, roles)
  }
  return roles
}

/**
 * One suggestion per data-plane role of the target's service: the edge's offending roles are
 * replaced by that role (once, where the first offending role stood).
 */
export function replaceRoleSuggestions(
  info: EdgeInfo,
  offending: (role: RoleRef) => boolean,
  candidates: readonly string[] = dataRolesFor(info.service?.service),
): Fix[] {
  const { edge, refs } = info
  const bad = refs.map(offending)
  const names = edge.roles.filter((_, i) => bad[i])
  return candidates.map((role) => {
    const roles: string[] = []
    let placed = false
    edge.roles.forEach((text, i) => {
      const next = bad[i] ? role : text
      if (bad[i] && placed) return
      if (bad[i]) placed = true
      if (!roles.includes(next)) roles.push(next)
    })
    return {
      title: `Grant ${JSON.stringify(role)} instead of ${names.map((n) => JSON.stringify(n)).join(', ')}`,
      edits: [{ type: 'updateEdge', id: edge.id, set: { roles } }],
    }
  })
}

/**
 * Which edge-level error rules a set of roles on an app's edge to this service would trigger.
 * Splitting an edge must not let two parts trigger the same one: that would add an error.
 */
export function edgeErrorKinds(
  roles: readonly string[],
  service: ServiceKind | undefined,
): Set<string> {
  const kinds = new Set<string>()
  for (const text of roles) {
    const ref = resolveRole(text)
    if (ref.kind === 'unknown') kinds.add('unknown-role')
    else if (ref.kind === 'builtin') {
      if (ref.fact.privileged) kinds.add('privileged-role')
      if (service !== undefined && !appliesTo(ref.fact, service)) kinds.add('role-not-for-service')
    }
  }
  return kinds
}

/** True when no two parts of a split edge trigger the same edge-level error rule. */
export function splitAddsNoError(
  parts: readonly { roles: readonly string[] }[],
  service: ServiceKind | undefined,
): boolean {
  const seen = new Set<string>()
  for (const part of parts)
    for (const kind of edgeErrorKinds(part.roles, service)) {
      if (seen.has(kind)) return false
      seen.add(kind)
    }
  return true
}
