import { isPrivilegedRole } from '../../catalog/privilege.ts'
import { appliesTo, resolveRole, rolesForService, type RoleRef } from '../../catalog/roles.ts'
import { SERVICE_KINDS, type ServiceKind } from '../../model/kinds.ts'
import { scopeOf } from '../../model/queries.ts'
import type { AccessEdge } from '../../model/types.ts'
import type { DesignIndex } from '../../analysis/design-index.ts'
import { quoteRoles } from '../messages.ts'
import type { Fix } from '../types.ts'
import { messageQuote } from '../../lib/encode/message.ts'

/** Least-privilege roles per service kind: data-plane, neither privileged nor key-exposing. */
const DATA_ROLES = new Map<ServiceKind, readonly string[]>(
  SERVICE_KINDS.map((kind) => [
    kind,
    rolesForService(kind)
      .filter((r) => r.plane === 'data' && !r.privileged && !r.keyExposing)
      .map((r) => r.name),
  ]),
)

export function dataRolesFor(kind: ServiceKind | undefined): readonly string[] {
  return kind === undefined ? [] : (DATA_ROLES.get(kind) ?? [])
}

/**
 * One suggestion per candidate role (by default the data-plane roles of the target's service):
 * the edge's offending roles are replaced by it (once, where the first offending role stood).
 * An edge above the resource whose roles would then all be Cosmos DB data roles, which take no
 * scope above the account, is also moved to the account: else the suggestion would trade its
 * finding for broad-scope's.
 */
export function replaceRoleSuggestions(
  edge: AccessEdge,
  refs: readonly RoleRef[],
  offending: (role: RoleRef) => boolean,
  candidates: readonly string[],
): Fix[] {
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
    const onAccount = scopeOf(edge) !== 'resource' && roles.every(isCosmosDataRole)
    return {
      title: `Grant ${messageQuote(role)}${onAccount ? ' on the account' : ''} instead of ${names.map(messageQuote).join(', ')}`,
      edits: [
        {
          type: 'updateEdge',
          id: edge.id,
          set: onAccount ? { roles, scope: undefined } : { roles },
        },
      ],
    }
  })
}

function isCosmosDataRole(text: string): boolean {
  const ref = resolveRole(text)
  return ref.kind === 'builtin' && ref.fact.grant === 'cosmosSqlRbac'
}

/**
 * Which edge-level error rules a set of roles on an app's edge to this service would trigger,
 * by the catalog's definitions those rules use. Splitting an edge must not let two parts trigger
 * the same one: that would add an error.
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
      if (isPrivilegedRole(ref)) kinds.add('privileged-role')
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

/**
 * What a finding about the roles of an edge that match `matches` says (privileged-role,
 * key-exposing-role): who gets which of them on what, and the service's data roles suggested
 * instead. The rule adds its message id and severity.
 */
export function matchedRolesReport(
  index: DesignIndex,
  label: (id: string) => string,
  edge: AccessEdge,
  at: number,
  matches: (role: RoleRef) => boolean,
) {
  const refs = index.roles(at)
  const kind = index.serviceAt(at)?.service
  return {
    subject: edge.id,
    data: {
      source: label(edge.source),
      roles: quoteRoles(edge.roles, refs, matches),
      service: label(edge.target),
    },
    related: [edge.source, edge.target],
    suggest: () => replaceRoleSuggestions(edge, refs, matches, dataRolesFor(kind)),
  }
}
